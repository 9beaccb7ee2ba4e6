"""Recording the signals visitors leave: questions asked, answers opened, votes on answers."""

import datetime
from urllib.parse import parse_qs, urlsplit

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from faqbase.search.query import search_query_from

from .models import FAQFeedback, QueryLogEntry
from .visitors import visitor_hash

OPENED_WITHIN = datetime.timedelta(hours=1)
DEFAULT_RETENTION_DAYS = 180


def query_log_record(*, request, ranking, source):
    """Log a question and the engine's answer; nothing that identifies the visitor is kept."""
    return QueryLogEntry.objects.create(
        text=ranking.query[:500],
        source=source,
        top_results=[
            {"faq_id": int(answer.faq.id), "score": answer.score} for answer in ranking.answers
        ],
        confident=ranking.confident,
        confidence=ranking.confidence,
        visitor_hash=visitor_hash(request),
    )


def query_log_note_opened(*, request, faq):
    """If the visitor came to `faq` from a search results page, record it against that search."""
    referrer = urlsplit(request.META.get("HTTP_REFERER", ""))
    if referrer.netloc != request.get_host() or referrer.path != reverse("search"):
        return None
    query = search_query_from(parse_qs(referrer.query).get("q", [""])[0])
    if not query:
        return None
    entry = (
        QueryLogEntry.objects.filter(
            text=query,
            source=QueryLogEntry.Source.SEARCH,
            visitor_hash=visitor_hash(request),
            opened_faq__isnull=True,
            created_at__gte=timezone.now() - OPENED_WITHIN,
        )
        .order_by("-created_at")
        .first()
    )
    if entry:
        entry.opened_faq = faq
        entry.save(update_fields=["opened_faq"])
    return entry


@transaction.atomic
def feedback_record(*, request, faq, helpful, reason="", comment=""):
    """Store a vote; a second vote by the same visitor on the same day replaces the first."""
    feedback, _created = FAQFeedback.objects.update_or_create(
        faq=faq,
        visitor_hash=visitor_hash(request),
        day=timezone.localdate(),
        defaults={
            "helpful": helpful,
            "reason": "" if helpful else reason,
            "comment": "" if helpful else comment,
        },
    )
    return feedback


def query_log_prune(*, days=DEFAULT_RETENTION_DAYS):
    """Delete questions older than `days`; returns how many went."""
    cutoff = timezone.now() - datetime.timedelta(days=days)
    deleted, _by_model = QueryLogEntry.objects.older_than(cutoff).delete()
    return deleted
