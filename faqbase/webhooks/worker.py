"""Sending the deliveries that are due: claim one, post it, record how it went, schedule a retry.

Several workers may run at once (one per app server): a delivery is claimed in its own short
transaction with SELECT … FOR UPDATE SKIP LOCKED on PostgreSQL (SQLite's IMMEDIATE
transactions take the write lock instead), and nothing is locked while the request is out.
A worker killed mid-send leaves its claim behind; once the claim is older than
FAQBASE_WEBHOOK_CLAIM_SECONDS the delivery is due again, so a restart loses nothing, at the
price of a receiver perhaps seeing that one delivery twice (it has the same id both times).
"""

import datetime
import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .models import WebhookDelivery
from .sending import Outcome, headers_for, post

logger = logging.getLogger(__name__)

# A run looks at no more than this many due deliveries; the next run takes the rest.
RUN_LIMIT = 500


def deliveries_send_due(*, stopping=None):
    """Attempt once each delivery due when the run starts; returns how many were attempted.
    `stopping` (a threading.Event) ends the run between two deliveries."""
    attempted = 0
    for delivery_id in due_ids():
        if stopping is not None and stopping.is_set():
            break
        delivery = delivery_claim(delivery_id)
        if delivery is not None:
            delivery_attempt(delivery)
            attempted += 1
    return attempted


def due_deliveries(now):
    stale_claims_before = now - datetime.timedelta(seconds=settings.FAQBASE_WEBHOOK_CLAIM_SECONDS)
    return WebhookDelivery.objects.due(now=now, stale_claims_before=stale_claims_before)


def due_ids():
    oldest_first = due_deliveries(timezone.now()).order_by("next_attempt_at", "created_at")
    return list(oldest_first.values_list("pk", flat=True)[:RUN_LIMIT])


@transaction.atomic
def delivery_claim(delivery_id):
    """The delivery, now claimed by this worker; None if another worker took it meanwhile."""
    now = timezone.now()
    delivery = (
        due_deliveries(now)
        .select_for_update(skip_locked=True, of=("self",))
        .select_related("endpoint")
        .filter(pk=delivery_id)
        .first()
    )
    if delivery is not None:
        delivery.claimed_at = now
        delivery.save(update_fields=["claimed_at"])
    return delivery


def delivery_attempt(delivery):
    body = delivery.body_bytes
    endpoint = delivery.endpoint
    headers = headers_for(
        secret=endpoint.secret, event=delivery.event, delivery_id=delivery.pk, body=body
    )
    try:
        outcome = post(
            url=endpoint.url,
            body=body,
            headers=headers,
            timeout=settings.FAQBASE_WEBHOOK_TIMEOUT_SECONDS,
        )
    except Exception:
        # A fault of ours, not the receiver's: log it, count the attempt and retry as usual.
        logger.exception("Webhook delivery %s could not be attempted", delivery.pk)
        outcome = Outcome(error="faqbase failed to send this delivery; see the server log.")
    outcome_record(delivery, outcome)
    return outcome


def outcome_record(delivery, outcome):
    """Store the attempt, unless the claim was taken over meanwhile (this worker was thought
    dead): then the other worker's attempt is the one on record."""
    now = timezone.now()
    attempts = delivery.attempts + 1
    changes = {
        "attempts": attempts,
        "claimed_at": None,
        "response_status": outcome.status_code,
        "error": outcome.error,
    } | next_state(attempts, outcome, now)
    WebhookDelivery.objects.filter(pk=delivery.pk, claimed_at=delivery.claimed_at).update(**changes)
    for field, value in changes.items():
        setattr(delivery, field, value)


def next_state(attempts, outcome, now):
    if outcome.delivered:
        return {
            "status": WebhookDelivery.Status.DELIVERED,
            "delivered_at": now,
            "next_attempt_at": None,
        }
    retry_seconds = settings.FAQBASE_WEBHOOK_RETRY_SECONDS
    if outcome.final or attempts > len(retry_seconds):
        return {"status": WebhookDelivery.Status.GAVE_UP, "next_attempt_at": None}
    wait = datetime.timedelta(seconds=retry_seconds[attempts - 1])
    return {"status": WebhookDelivery.Status.FAILED, "next_attempt_at": now + wait}
