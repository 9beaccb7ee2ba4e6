"""Settings for production: every secret and host comes from the environment."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .environment import NOT_NEGATIVE, env

SECRET_KEY = env.str("SECRET_KEY", "")
if not SECRET_KEY:
    raise ImproperlyConfigured(
        "SECRET_KEY is not set. Production settings refuse to start without one; "
        "generate it with: python -c 'import secrets; print(secrets.token_urlsafe(50))'"
    )
DEBUG = env.bool("DEBUG", False)

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365, validate=NOT_NEGATIVE)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True

# Uploaded files are nginx's, the CDN's or object storage's to serve: Django's file view is
# slow and not hardened for it. A one-box site without a front server may turn it back on.
SERVE_MEDIA = env.bool("FAQBASE_SERVE_MEDIA", False)
