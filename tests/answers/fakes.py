"""A tiny deterministic embedder: hashed words, so ranking logic runs without a model."""

import hashlib
import re

import numpy as np

DIMENSION = 256


class WordHashEmbedder:
    name = "word-hash"

    def __init__(self):
        self.calls = []

    def embed(self, texts, show_progress_bar=False):
        self.calls.append(list(texts))
        vectors = np.zeros((len(texts), DIMENSION), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in re.findall(r"\w+", text.lower()):
                vectors[row, int(hashlib.md5(word.encode()).hexdigest(), 16) % DIMENSION] += 1
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return vectors / np.maximum(norms, 1e-12)
