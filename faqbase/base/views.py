"""Site-wide views that belong to no content type."""

import logging

from django.db import DatabaseError, connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET

from faqbase.answers.services import answer_engine

logger = logging.getLogger(__name__)


@require_GET
@cache_control(max_age=60 * 60 * 24, public=True)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /search/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


@require_GET
@never_cache
def healthz(request):
    """For load balancers: 200 once the database answers and the answer index is loaded.

    The first call in a new process builds the index, so it also warms the process up.
    """
    status = {"database": "ok", "answer_index": "ready"}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        logger.exception("Health check: the database does not answer")
        return JsonResponse(
            status | {"database": "unavailable", "answer_index": "unknown"}, status=503
        )
    try:
        status["faqs"] = len(answer_engine.ranker().index)
    except Exception:
        logger.exception("Health check: the answer index could not be built")
        return JsonResponse(status | {"answer_index": "unavailable"}, status=503)
    return JsonResponse(status)


def too_many_requests(request, exception):
    """RATELIMIT_VIEW: a page over its visitor's rate limit says so, and when to come back."""
    return render(request, "429.html", status=429)
