"""The rate limit shared by the pages that put a visitor's question to the answer engine."""

from django.conf import settings
from django_ratelimit.decorators import ratelimit


def visitor_search_rate(group, request):
    """Each question costs an embedding; a visitor gets this many a minute across the pages."""
    return settings.FAQBASE_SEARCH_RATE


# Blocking raises Ratelimited, which RatelimitMiddleware turns into the 429 page.
question_pages_limit = ratelimit(
    key="ip", rate=visitor_search_rate, group="question-pages", method="GET", block=True
)
