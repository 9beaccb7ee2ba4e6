"""Settings for the test suite: fast hashing, local-memory cache, media in a temporary folder."""

import tempfile
from pathlib import Path

from django.core.management.utils import get_random_secret_key

from .base import *  # noqa: F403
from .base import BASE_DIR

DEBUG = False
SECRET_KEY = get_random_secret_key()
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="faqbase-test-media-"))
FAQBASE_INDEX_DIR = Path(tempfile.mkdtemp(prefix="faqbase-test-index-"))
# Kept between runs: unpacking and exporting the models takes a minute, and gives the same
# files every time.
FAQBASE_MODELS_DIR = BASE_DIR / "var" / "test-models"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
STATIC_ROOT = None
WAGTAILADMIN_BASE_URL = "http://testserver"
FAQBASE_INDEX_CHECK_SECONDS = 0
# Each test's data lives in its own uncommitted transaction, which no other thread can see.
FAQBASE_INDEX_BACKGROUND_REBUILD = False
# Most tests do without the larger model's load and embedding time; its own tests turn it on.
FAQBASE_SECOND_OPINION = False
