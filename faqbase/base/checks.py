"""System checks run at start-up: warn when full-text search would silently lose quality."""

from django.conf import settings
from django.core.checks import Warning, register
from django.db import connection


@register()
def sqlite_full_text_search_check(app_configs, **kwargs):
    """Wagtail falls back to a slow LIKE search on SQLite builds without FTS5; say so loudly."""
    if connection.vendor != "sqlite":
        return []
    backend = settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"]
    if not backend.endswith(".database"):
        return []
    from modelsearch.backends.database.sqlite.utils import fts5_available

    if fts5_available():
        return []
    return [
        Warning(
            "This Python's SQLite has no FTS5, so search falls back to a slow substring match "
            "without ranking.",
            hint="Use a Python whose SQLite has FTS5, or set DATABASE_URL to PostgreSQL.",
            id="faqbase.W001",
        )
    ]
