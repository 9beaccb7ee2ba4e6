"""The in-memory index: a vector per question, phrasing and answer, and BM25 over the words."""

import bm25s
import numpy as np

from .collection import FAQRecord, Glossary, base_language
from .speller import Speller
from .tokens import passage_tokens_build

# The languages bm25s has a stop-word list for (its own codes); others are indexed without.
BM25_STOPWORD_LANGUAGES = {
    "da",
    "de",
    "en",
    "es",
    "fr",
    "it",
    "ko",
    "nl",
    "no",
    "pt",
    "ru",
    "sv",
    "tr",
    "zh",
}


def lexical_tokens(texts, language="en"):
    language = base_language(language)
    stopwords = language if language in BM25_STOPWORD_LANGUAGES else None
    return bm25s.tokenize(texts, stopwords=stopwords, return_ids=False, show_progress=False)


def texts_to_embed(faqs, with_answers=True):
    """Every distinct text the index needs a vector for."""
    texts = dict.fromkeys(
        text
        for faq in faqs
        for text in (faq.question, *faq.phrasings, faq.answer if with_answers else "")
        if text
    )
    return list(texts)


class FAQIndex:
    """Read-only once built; a new index replaces the old one when the FAQs change."""

    def __init__(
        self,
        faqs: list[FAQRecord],
        vectors: dict,
        dimension: int,
        with_answers=True,
        passage_tokens=None,
        glossary=None,
        spelled_out_faqs=None,
        with_lexical=True,
        with_speller=True,
        language="en",
    ):
        self.faqs = list(faqs)
        # The FAQs' language: which stop words BM25 drops and which common words the speller
        # leaves alone.
        self.language = language
        self.glossary = glossary or Glossary()
        # Token vectors of each FAQ's question and answer (tokens.PassageTokens), or None.
        self.passage_tokens = passage_tokens
        self.dimension = dimension
        # `vectors` and `passage_tokens` are of these texts, abbreviations spelled out; a
        # caller that embedded them passes them in rather than have them worked out again.
        matched = spelled_out_faqs or self.glossary.faqs_spelled_out(self.faqs)
        # Kept for a second index over the same FAQs (second_opinion.py), which would otherwise
        # spell them all out again; records without a short form are shared, not copied.
        self.spelled_out_faqs = matched
        question_texts, owners = [], []
        for position, faq in enumerate(matched):
            for text in (faq.question, *faq.phrasings):
                question_texts.append(text)
                owners.append(position)
        self.question_matrix = self._matrix(question_texts, vectors)
        self.question_owner = np.asarray(owners, dtype=np.int64)
        # Rows are grouped by FAQ, so each FAQ's best row is a reduceat over its slice.
        self.question_starts = np.searchsorted(self.question_owner, np.arange(len(self.faqs)))
        self.question_ends = np.append(self.question_starts[1:], len(self.question_owner))
        self.centroid_matrix = self._centroids()
        # Answer vectors cost memory and embedding time; only kept when the ranking uses them.
        self.answer_matrix = (
            self._matrix([faq.answer for faq in matched], vectors) if with_answers else None
        )
        self.lexical = self._lexical_index(matched) if with_lexical else None
        # Corrections against the FAQs' own words (speller.py), rebuilt with the index.
        self.speller = (
            Speller.for_faqs(self.faqs, self.glossary, language) if with_speller and faqs else None
        )
        self.restricted_positions = self._restricted_positions()

    def _restricted_positions(self):
        """{restriction key: positions of the FAQs behind it}."""
        positions = {}
        for position, faq in enumerate(self.faqs):
            for key in faq.restrictions:
                positions.setdefault(key, []).append(position)
        return {key: np.asarray(found, dtype=np.int64) for key, found in positions.items()}

    @property
    def restriction_keys(self):
        """Every restriction some FAQ is behind: passing them all shows every FAQ."""
        return frozenset(self.restricted_positions)

    def visible(self, passed):
        """A mask of the FAQs a visitor who passed the restrictions `passed` may be shown, or
        None when they may be shown every one."""
        hidden = [
            positions for key, positions in self.restricted_positions.items() if key not in passed
        ]
        if not hidden:
            return None
        mask = np.ones(len(self.faqs), dtype=bool)
        mask[np.concatenate(hidden)] = False
        return mask

    @classmethod
    def build(
        cls,
        faqs,
        embedder,
        known_vectors=None,
        with_answers=True,
        with_tokens=True,
        glossary=None,
        with_lexical=True,
        spelled_out_faqs=None,
        with_speller=True,
        language="en",
    ):
        """An index over `faqs`, embedding only texts missing from `known_vectors`.

        Returns the index and the vectors it computed, for the caller to store.
        """
        matched = spelled_out_faqs or (glossary or Glossary()).faqs_spelled_out(faqs)
        tokens = passage_tokens_build(matched, embedder)[0] if with_tokens and faqs else None
        known_vectors = dict(known_vectors or {})
        texts = texts_to_embed(matched, with_answers)
        missing = [text for text in texts if text not in known_vectors]
        computed = dict(zip(missing, embedder.embed(missing), strict=True)) if missing else {}
        known_vectors.update(computed)
        dimension = next(iter(known_vectors.values())).shape[0] if known_vectors else 0
        index = cls(
            faqs,
            known_vectors,
            dimension,
            with_answers,
            tokens,
            glossary,
            matched,
            with_lexical,
            with_speller=with_speller,
            language=language,
        )
        return index, computed

    def _matrix(self, texts, vectors):
        matrix = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for row, text in enumerate(texts):
            if text:
                matrix[row] = vectors[text]
        return matrix

    def _centroids(self):
        """Per FAQ with phrasings, the direction its question and phrasings share: the intent.

        An FAQ without phrasings has its question as centroid, so only the others are stored.
        """
        counts = np.bincount(self.question_owner, minlength=len(self.faqs))
        self.centroid_owner = np.flatnonzero(counts > 1)
        # Each FAQ's row in the centroid matrix, or -1 where its question is its centroid.
        self.centroid_row = np.full(len(self.faqs), -1, dtype=np.int64)
        self.centroid_row[self.centroid_owner] = np.arange(len(self.centroid_owner))
        centroids = np.zeros((len(self.faqs), self.dimension), dtype=np.float32)
        np.add.at(centroids, self.question_owner, self.question_matrix)
        centroids = centroids[self.centroid_owner]
        norms = np.linalg.norm(centroids, axis=1, keepdims=True)
        return centroids / np.maximum(norms, 1e-12)

    def _lexical_index(self, faqs):
        if not faqs:
            return None
        documents = [" ".join((faq.question, *faq.phrasings, faq.answer)) for faq in faqs]
        retriever = bm25s.BM25()
        retriever.index(lexical_tokens(documents, self.language), show_progress=False)
        return retriever

    def vectors_halved(self):
        """Keeps the question and centroid vectors as float16, half the memory, for an index
        asked only about a few FAQs at a time (`positions`): their rows are widened as read."""
        self.question_matrix = self.question_matrix.astype(np.float16)
        self.centroid_matrix = self.centroid_matrix.astype(np.float16)

    def __len__(self):
        return len(self.faqs)

    def question_similarity(self, query_vector, positions=None):
        """Per FAQ (or per FAQ at `positions`), the cosine of the query with its question or
        closest phrasing."""
        if not self.faqs:
            return np.zeros(0, dtype=np.float32)
        if positions is None:
            similarities = self.question_matrix @ query_vector
            return np.maximum.reduceat(similarities, self.question_starts)
        rows = [np.arange(self.question_starts[p], self.question_ends[p]) for p in positions]
        similarities = self.question_matrix[np.concatenate(rows)].astype(np.float32) @ query_vector
        offsets = np.cumsum([0] + [len(r) for r in rows[:-1]])
        return np.maximum.reduceat(similarities, offsets)

    def centroid_similarity(self, query_vector, question_similarity=None, positions=None):
        if question_similarity is None:
            question_similarity = self.question_similarity(query_vector, positions)
        similarity = question_similarity.copy()
        if positions is None:
            similarity[self.centroid_owner] = self.centroid_matrix @ query_vector
            return similarity
        rows = self.centroid_row[positions]
        has_centroid = rows >= 0
        centroids = self.centroid_matrix[rows[has_centroid]].astype(np.float32)
        similarity[has_centroid] = centroids @ query_vector
        return similarity

    def answer_similarity(self, query_vector, positions=None):
        matrix = self.answer_matrix if positions is None else self.answer_matrix[positions]
        return matrix @ query_vector

    def token_scores(self, query_tokens, positions):
        """Per FAQ position, how closely its question and answer meet each query token."""
        return self.passage_tokens.maxsim(query_tokens, positions)

    def lexical_scores(self, query):
        tokens = lexical_tokens([query], self.language)[0] if self.lexical else []
        if not tokens:
            return np.zeros(len(self.faqs), dtype=np.float32)
        return self.lexical.get_scores(tokens).astype(np.float32)
