"""Calibrated confidence: the probability that the top-ranked FAQ answers the query.

A logistic model over two features of the ranking, the top score and its lead over the
runner-up, fitted on labelled queries by `benchmarks/calibrate.py`.
"""

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class Calibration:
    top_weight: float
    margin_weight: float
    bias: float
    threshold: float

    def probability(self, top_score, margin):
        logit = self.top_weight * top_score + self.margin_weight * margin + self.bias
        return 1.0 / (1.0 + math.exp(-logit))

    def is_confident(self, probability):
        return probability >= self.threshold
