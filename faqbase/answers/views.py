"""The load balancer's health check: the database answers and the answer index is ready."""

import logging

from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .services import answer_engine

logger = logging.getLogger(__name__)


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
