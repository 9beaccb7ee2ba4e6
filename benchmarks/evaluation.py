"""Retrieval quality measures over ranked FAQ ids."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Quality:
    queries: int
    precision_at_1: float
    mrr_at_10: float
    recall_at_3: float

    def row(self, name):
        return (
            f"{name:<34} {self.precision_at_1:>6.3f} {self.mrr_at_10:>8.3f} "
            f"{self.recall_at_3:>9.3f}   (n={self.queries})"
        )


HEADER = f"{'method':<34} {'P@1':>6} {'MRR@10':>8} {'recall@3':>9}"


def retrieval_quality(ranked_ids, relevant_ids):
    """`ranked_ids[i]` is the ranking for query i; `relevant_ids[i]` the set that answers it."""
    precision = reciprocal = recall = 0.0
    for ranking, relevant in zip(ranked_ids, relevant_ids, strict=True):
        hits = [position for position, faq_id in enumerate(ranking[:10]) if faq_id in relevant]
        if hits:
            reciprocal += 1 / (hits[0] + 1)
            precision += hits[0] == 0
            recall += hits[0] < 3
    count = len(ranked_ids)
    return Quality(count, precision / count, reciprocal / count, recall / count)
