"""Settings for running faqbase on a developer's machine or a single box (`make run`)."""

from django.core.management.utils import get_random_secret_key

from .base import *  # noqa: F403
from .base import VAR_DIR
from .environment import env

DEBUG = env.bool("DEBUG", True)


def _local_secret_key():
    """A key made once per checkout and kept in var/, so sessions survive restarts."""
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        key_file.write_text(get_random_secret_key())
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = SECRET_KEY or _local_secret_key()  # noqa: F405

(VAR_DIR / "static").mkdir(parents=True, exist_ok=True)

# Serve static files straight from the apps' folders, no collectstatic step needed.
WHITENOISE_USE_FINDERS = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
