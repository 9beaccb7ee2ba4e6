"""Ranking: question similarity, answer similarity and BM25 fused into one score per FAQ."""

from dataclasses import dataclass

import numpy as np

from .collection import FAQRecord, normalise_query
from .confidence import Calibration


@dataclass(frozen=True)
class RankingWeights:
    """How the signals combine; `benchmarks/retrieval.py --sweep` measures the alternatives.

    The semantic score blends the best single question-or-phrasing match with the match to
    their centroid; the answer's similarity and the BM25 match are added to it.
    """

    centroid: float
    answer: float
    lexical: float
    # BM25 scores are unbounded; s / (s + saturation) maps them into [0, 1).
    lexical_saturation: float = 10.0


@dataclass(frozen=True)
class Answer:
    faq: FAQRecord
    score: float


@dataclass(frozen=True)
class Ranking:
    query: str
    confident: bool
    confidence: float
    answers: list


class Ranker:
    def __init__(self, index, embedder, weights: RankingWeights, calibration: Calibration):
        self.index = index
        self.embedder = embedder
        self.weights = weights
        self.calibration = calibration

    def scores(self, query, query_vector=None):
        if query_vector is None:
            query_vector = self.embedder.embed([query])[0]
        fused = self.index.question_similarity(query_vector)
        if self.weights.centroid:
            centroid = self.index.centroid_similarity(query_vector, question_similarity=fused)
            fused = (fused + self.weights.centroid * centroid) / (1 + self.weights.centroid)
        if self.weights.answer:
            fused = fused + self.weights.answer * self.index.answer_similarity(query_vector)
        if self.weights.lexical:
            lexical = self.index.lexical_scores(query)
            fused = fused + self.weights.lexical * lexical / (
                lexical + self.weights.lexical_saturation
            )
        return fused

    def rank(self, query, limit=5, query_vector=None):
        query = normalise_query(query)
        if not query or not len(self.index):
            return Ranking(query=query, confident=False, confidence=0.0, answers=[])
        fused = self.scores(query, query_vector)
        count = min(max(limit, 2), len(fused))
        top = np.argpartition(-fused, count - 1)[:count]
        top = top[np.argsort(-fused[top], kind="stable")]
        margin = float(fused[top[0]] - fused[top[1]]) if len(top) > 1 else float(fused[top[0]])
        confidence = self.calibration.probability(float(fused[top[0]]), margin)
        answers = [Answer(self.index.faqs[i], round(float(fused[i]), 4)) for i in top[:limit]]
        return Ranking(
            query=query,
            confident=self.calibration.is_confident(confidence),
            confidence=round(confidence, 4),
            answers=answers,
        )
