"""Ranking: question similarity, answer similarity and BM25 fused into one score per FAQ,
then the best few reranked on how closely their words meet the question's (tokens.py)."""

from dataclasses import dataclass, replace

import numpy as np

from .collection import FAQRecord, normalise_query
from .confidence import Calibration


@dataclass(frozen=True)
class RankingWeights:
    """How the signals combine; `benchmarks/retrieval.py --sweep` measures the alternatives.

    The semantic score blends the best single question-or-phrasing match with the match to
    their centroid; the answer's similarity and the BM25 match are added to it. The
    `rerank_depth` best FAQs then gain `token` times their token-level match.
    """

    centroid: float
    answer: float
    lexical: float
    # BM25 scores are unbounded; s / (s + saturation) maps them into [0, 1).
    lexical_saturation: float = 10.0
    token: float = 0.0
    rerank_depth: int = 5


@dataclass(frozen=True)
class SpellingRule:
    """How the speller's reading of a question (speller.py) joins the question as typed.

    `combine`: "max" gives each FAQ the better of its two scores (the typed question's and
    the corrected one's), "mean" their average, "corrected" the corrected one's alone (the
    reading replacing the question, measured for comparison); "off" ignores the reading.
    `confidence`: "raw" works the confidence out from the typed question's scores alone,
    "combined" from the combined ones. `benchmarks/typo_robustness.py --sweep` compares them.
    """

    combine: str = "max"
    confidence: str = "combined"


NO_SPELLING = SpellingRule(combine="off")


@dataclass(frozen=True)
class QueryEmbedding:
    vector: np.ndarray
    # The query's token vectors, when the ranking matches tokens.
    tokens: np.ndarray | None = None
    # The speller's reading of the query, when it corrected a word, and its embedding.
    corrected_query: str | None = None
    corrected: "QueryEmbedding | None" = None


@dataclass(frozen=True)
class Answer:
    faq: FAQRecord
    score: float


# Of a question's words, the share a speller must know (once corrected) for the question to
# read as its language: English questions with two slips each reached it 99.5 % of the time,
# Welsh and German ones 2 % (benchmarks/README.md, "Languages").
KNOWN_SHARE_OF_LANGUAGE = 0.65


@dataclass(frozen=True)
class Ranking:
    query: str
    confident: bool
    confidence: float
    answers: list
    # What the confidence was worked out from: (top score, lead), see Ranker._confidence_features.
    confidence_features: tuple = (0.0, 0.0)
    # The question as the speller read it, when it corrected a word; None otherwise.
    corrected_query: str | None = None
    # Per answer, its score before the token rerank (Ranker.rank_every), comparable across
    # every FAQ: the reranked few gain a token score the others were never given.
    base_scores: tuple = ()


class Ranker:
    def __init__(
        self,
        index,
        embedder,
        weights: RankingWeights,
        calibration: Calibration,
        second_opinion=None,
        spelling: SpellingRule = NO_SPELLING,
        reads_language=True,
    ):
        self.index = index
        # False where the model does not read the FAQs' language (an English model over Welsh
        # FAQs): its scores still order them, but no answer is called confident.
        self.reads_language = reads_language
        self.embedder = embedder
        self.weights = weights
        self.calibration = calibration
        # A larger model asked on close calls (second_opinion.SecondOpinion), or None.
        self.second_opinion = second_opinion
        # How the speller's reading of a question counts; it needs the index's speller.
        self.spelling = spelling

    def reads_as_its_language(self, question):
        """Whether `question` reads as written in the FAQs' language: most of its words, as
        the speller reads them, are words of the FAQs or common words of the language."""
        speller = self.index.speller
        return speller is not None and speller.known_share(question) >= KNOWN_SHARE_OF_LANGUAGE

    @property
    def corrects_spelling(self):
        return self.spelling.combine != "off" and self.index.speller is not None

    def corrected_query(self, query):
        """The speller's reading of the (normalised) `query`, or None when it changed nothing."""
        if not self.corrects_spelling:
            return None
        return self.index.speller.corrected(query)

    @property
    def matches_tokens(self):
        return bool(self.weights.token) and self.index.passage_tokens is not None

    def embed_queries(self, queries, correct=True):
        """One model pass for all `queries` and the speller's readings of them, giving each
        what the ranking needs of it. With `correct` false, the questions are read verbatim."""
        glossary = self.index.glossary
        queries = [normalise_query(query) for query in queries]
        corrections = [self.corrected_query(query) if correct else None for query in queries]
        texts = [glossary.spelled_out(query) for query in queries]
        texts += [glossary.spelled_out(c) for c in corrections if c is not None]
        if self.matches_tokens:
            vectors, tokens = self.embedder.embed_with_tokens(texts)
        else:
            vectors, tokens = self.embedder.embed(texts), [None] * len(texts)
        embedded = [QueryEmbedding(v, t) for v, t in zip(vectors, tokens, strict=True)]
        readings = iter(embedded[len(queries) :])
        return [
            QueryEmbedding(
                typed.vector, typed.tokens, correction, next(readings) if correction else None
            )
            for typed, correction in zip(embedded, corrections, strict=False)
        ]

    def scores(self, query, query_vector, positions=None):
        """Every FAQ's score before the token rerank, or only those of the FAQs at `positions`."""
        index = self.index
        fused = index.question_similarity(query_vector, positions)
        if self.weights.centroid:
            centroid = index.centroid_similarity(query_vector, fused, positions)
            fused = (fused + self.weights.centroid * centroid) / (1 + self.weights.centroid)
        if self.weights.answer:
            fused = fused + self.weights.answer * index.answer_similarity(query_vector, positions)
        if self.weights.lexical:
            lexical = index.lexical_scores(query)
            lexical = lexical if positions is None else lexical[positions]
            fused = fused + self.weights.lexical * lexical / (
                lexical + self.weights.lexical_saturation
            )
        return fused

    def rank(self, query, limit=5, query_embedding=None, passed=frozenset(), correct=True):
        """The best FAQs for `query` among those shown to a visitor who passed the view
        restrictions `passed` (FAQRecord.restrictions): by default, public FAQs only.

        With `correct` false the question is read verbatim, with no spelling correction (a
        visitor who asked to search for exactly what they typed)."""
        return self._ranked(query, limit, query_embedding, passed, correct)[0]

    def rank_every(
        self,
        query,
        floor=-np.inf,
        also=frozenset(),
        query_embedding=None,
        passed=frozenset(),
        correct=True,
    ):
        """Every FAQ shown to the visitor scoring at least `floor` before the rerank, and those
        whose ids are in `also` whatever they score, best first: the best few exactly as `rank`
        orders them (token rerank and second opinion included), then the rest by their score
        before the rerank. `base_scores` gives each answer's score before the rerank, which
        compares across them all, unlike the final scores that only the best few have a token
        score in."""
        depth = self.weights.rerank_depth
        ranking, fused, leading = self._ranked(query, depth, query_embedding, passed, correct)
        if fused is None:
            return ranking
        wanted = fused >= floor
        if also:
            wanted |= np.isin([faq.id for faq in self.index.faqs], list(also)) & np.isfinite(fused)
        rest = np.setdiff1d(np.flatnonzero(wanted), leading)
        rest = [int(i) for i in rest[np.argsort(-fused[rest], kind="stable")]]
        kept = [i for i in leading if wanted[i]] + rest
        final = {answer.faq.id: answer.score for answer in ranking.answers}
        answers = [
            Answer(self.index.faqs[i], final.get(self.index.faqs[i].id, round(float(fused[i]), 4)))
            for i in kept
        ]
        base = tuple(round(float(fused[i]), 4) for i in kept)
        return replace(ranking, answers=answers, base_scores=base)

    def _ranked(self, query, limit, query_embedding, passed, correct):
        """The Ranking; every FAQ's score before the rerank (-inf where hidden), or None where
        nothing was scored; and the positions of the ranking's answers."""
        query = normalise_query(query)
        visible = self.index.visible(passed)
        shown = len(self.index) if visible is None else int(visible.sum())
        if not query or not shown:
            return Ranking(query=query, confident=False, confidence=0.0, answers=[]), None, []
        if query_embedding is None:
            query_embedding = self.embed_queries([query], correct=correct)[0]
        glossary = self.index.glossary
        fused = self.scores(glossary.spelled_out(query), query_embedding.vector)
        typed_fused = fused
        correction = None
        if correct and self.corrects_spelling:
            correction = query_embedding.corrected_query
        if correction is not None:
            corrected_vector = query_embedding.corrected.vector
            reading = self.scores(glossary.spelled_out(correction), corrected_vector)
            fused = self._combined(fused, reading)
        if visible is not None:
            fused = np.where(visible, fused, -np.inf)
            typed_fused = np.where(visible, typed_fused, -np.inf)
        top, top_scores = self._best(fused, query_embedding, limit, shown, correction is not None)
        from_typed = correction is not None and self.spelling.confidence == "raw"
        features = self._confidence_features(typed_fused if from_typed else fused, top)
        confidence = self.calibration.probability(*features)
        # The confidence stays the engine's own, the one it was calibrated on. The second
        # model mostly changes the winner where the engine was wrong, so answers called
        # confident are right more often with it, not less (benchmarks/second_opinion.py).
        if self.second_opinion and self.second_opinion.should_ask(top, top_scores, confidence):
            top, top_scores = self.second_opinion.reconsidered(query, top, top_scores, correction)
        answers = [
            Answer(self.index.faqs[i], round(float(score), 4))
            for i, score in zip(top[:limit], top_scores[:limit], strict=False)
        ]
        return (
            Ranking(
                query=query,
                confident=self.reads_language and self.calibration.is_confident(confidence),
                confidence=round(confidence, 4),
                answers=answers,
                confidence_features=features,
                corrected_query=correction,
            ),
            fused,
            [int(i) for i in top[:limit]],
        )

    def _combined(self, typed, reading):
        """Per FAQ, the typed question's score and its corrected reading's, combined."""
        if self.spelling.combine == "max":
            return np.maximum(typed, reading)
        if self.spelling.combine == "corrected":
            return reading
        return (typed + reading) / 2

    def _best(self, fused, query_embedding, limit, shown, corrected=False):
        """Positions of the best of the `shown` FAQs (the others score -inf), best first, with
        their final scores."""
        depth = max(limit, 2, self.weights.rerank_depth if self.matches_tokens else 0)
        count = min(depth, shown)
        top = np.argpartition(-fused, count - 1)[:count]
        scores = fused[top]
        if self.matches_tokens:
            tokens = self.index.token_scores(query_embedding.tokens, top)
            reading = query_embedding.corrected
            if corrected:
                corrected = self.index.token_scores(reading.tokens, top)
                tokens = self._combined(tokens, corrected)
            scores = scores + self.weights.token * tokens
        order = np.argsort(-scores, kind="stable")
        return top[order], scores[order]

    def _confidence_features(self, fused, top):
        """From the scores before the token rerank: the winner's, and its lead over the rest.

        Token matching lifts near misses too ("a certified personal trainer" meets "certified"
        and "become"); read from these scores, the confidence kept off-topic questions out
        (benchmarks/calibrate.py). A winner the rerank promoted has a negative lead.

        `top` holds the best FAQs before the rerank (at least two where there are two), winner
        first, so the best of the rest is among them and the whole collection is not scanned.
        """
        winner, others = fused[top[0]], fused[top[1:]]
        margin = winner - others.max() if len(others) else winner
        return float(winner), float(margin)
