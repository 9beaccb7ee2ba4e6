"""An optional second, larger model, asked only where the ranking is a close call.

MiniLM's sentence vectors confuse near neighbours within one product ("import data into
Trello" against "export my data from Trello"); a larger model tells more of them apart but
costs several times MiniLM's time per question. Asked only where the best two FAQs are
nearly tied, it reorders the best few on their score plus its own semantic match, and every
other question pays nothing. `benchmarks/second_opinion.py` measures the rule's settings.
"""

from dataclasses import dataclass

import numpy as np

from .index import FAQIndex
from .ranker import Ranker, RankingWeights

# The second model's match is the engine's own semantic score: the best of question and
# phrasings, averaged with their centroid.
SEMANTIC_ONLY = RankingWeights(centroid=1.0, answer=0.0, lexical=0.0)


@dataclass(frozen=True)
class SecondOpinionRule:
    """When the second model is asked, and how much its match counts."""

    # Asked only where the best two FAQs' scores are closer than this.
    gap: float
    weight: float
    # Two FAQs whose questions' vectors meet at this cosine ask the same thing, so either
    # answers the question: no need to ask.
    same_question: float
    # Below this confidence the engine doubts that any FAQ answers the question (off-topic
    # questions land there, and in a large collection they often meet near ties): the larger
    # model's time is kept for telling apart FAQs the question is plainly about.
    confidence_floor: float


class SecondOpinion:
    """The second model's view of the same FAQs (same order, same glossary)."""

    def __init__(self, engine_index, second_index, embedder, rule: SecondOpinionRule):
        self.engine_index = engine_index
        # Only its scores are used: it has no calibration of its own.
        self.ranker = Ranker(second_index, embedder, SEMANTIC_ONLY, calibration=None)
        self.rule = rule

    @classmethod
    def build(cls, engine_index, embedder, rule, known_vectors=None):
        """Embeds the FAQs' questions and phrasings missing from `known_vectors`.

        Returns the second opinion and the vectors it computed, for the caller to store.
        """
        index, computed = FAQIndex.build(
            engine_index.faqs,
            embedder,
            known_vectors=known_vectors,
            with_answers=False,
            with_tokens=False,
            glossary=engine_index.glossary,
            with_lexical=False,  # its match is the semantic one alone
            with_speller=False,
            spelled_out_faqs=engine_index.spelled_out_faqs,
        )
        # Only candidates are ever scored; a larger model's vectors would otherwise take more
        # memory than the engine's own (at 100,000 FAQs, 300 MB against 150).
        index.vectors_halved()
        return cls(engine_index, index, embedder, rule), computed

    def warm_up(self, question):
        """Loads the model by embedding `question`: it is otherwise loaded on the first close
        call (its FAQs' vectors usually come from the database), which would wait for it."""
        self.ranker.embed_queries([question])

    def should_ask(self, top, scores, confidence):
        if len(top) < 2 or scores[0] - scores[1] >= self.rule.gap:
            return False
        if confidence < self.rule.confidence_floor:
            return False
        return not self._ask_the_same(top[0], top[1])

    def reconsidered(self, query, top, scores, correction=None):
        """`top` (positions, best first) reordered on `scores` plus the second model's match;
        the scores returned include it. With the speller's `correction` of the question, each
        FAQ's match is the better of the typed question's and the correction's, as the
        engine's own is (ranker.SpellingRule)."""
        readings = [query] if correction is None else [query, correction]
        spelled_out = self.ranker.index.glossary.spelled_out
        embedded = self.ranker.embed_queries(readings, correct=False)
        # Only the candidates are scored: at 100,000 FAQs a scan of every vector costs more.
        match = np.max(
            [
                self.ranker.scores(spelled_out(text), embedding.vector, top)
                for text, embedding in zip(readings, embedded, strict=True)
            ],
            axis=0,
        )
        combined = scores + self.rule.weight * match
        order = np.argsort(-combined, kind="stable")
        return top[order], combined[order]

    def _ask_the_same(self, first, second):
        questions = self.engine_index.question_matrix
        starts = self.engine_index.question_starts
        return float(questions[starts[first]] @ questions[starts[second]]) >= (
            self.rule.same_question
        )
