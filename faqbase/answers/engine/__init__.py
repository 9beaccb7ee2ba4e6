"""The answer engine: embeddings, a vector and lexical index over FAQs, fused ranking, confidence.

Nothing in this package imports Django, so it can be benchmarked and tested on its own.
"""

from .collection import FAQRecord
from .confidence import Calibration
from .embedder import Embedder, SentenceTransformerEmbedder, shared_embedder
from .index import FAQIndex
from .ranker import Answer, QueryEmbedding, Ranker, RankingWeights, SpellingRule
from .speller import Speller

__all__ = [
    "Answer",
    "Calibration",
    "Embedder",
    "FAQIndex",
    "FAQRecord",
    "QueryEmbedding",
    "Ranker",
    "RankingWeights",
    "SentenceTransformerEmbedder",
    "Speller",
    "SpellingRule",
    "shared_embedder",
]
