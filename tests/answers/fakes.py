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
            for column in word_columns(text):
                vectors[row, column] += 1
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return vectors / np.maximum(norms, 1e-12)

    def embed_with_tokens(self, texts, max_tokens=None, show_progress_bar=False):
        """Each word a token, its vector the word's own axis."""
        tokens = []
        for text in texts:
            columns = word_columns(text)[:max_tokens]
            matrix = np.zeros((len(columns), DIMENSION), dtype=np.float16)
            matrix[np.arange(len(columns)), columns] = 1
            tokens.append(matrix)
        return self.embed(texts), tokens


def word_columns(text):
    return [
        int(hashlib.md5(word.encode()).hexdigest(), 16) % DIMENSION
        for word in re.findall(r"\w+", text.lower())
    ]


class ConceptEmbedder(WordHashEmbedder):
    """A stand-in for a larger model: it sees only the concepts a text names, so it knows that
    "time sensitive" and "urgent" mean the same where word hashing cannot."""

    name = "concepts"
    CONCEPTS = {"time sensitive": "urgency", "urgent": "urgency", "set time": "schedule"}

    def embed(self, texts, show_progress_bar=False):
        concepts = [
            " ".join(concept for phrase, concept in self.CONCEPTS.items() if phrase in text.lower())
            for text in texts
        ]
        vectors = super().embed(concepts)
        self.calls[-1] = list(texts)
        return vectors
