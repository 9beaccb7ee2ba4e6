"""The addresses other systems gave us to notify, and the log of every notification sent there.

The log is also the queue: a delivery row is written in the same transaction as the change it
reports, and the worker (`faqbase deliver_webhooks`) sends the rows that are due.
"""

import uuid

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .sending import WEB_SCHEMES


class Event(models.TextChoices):
    FAQ_PUBLISHED = "faq.published", _("An FAQ was published")
    FAQ_UNPUBLISHED = "faq.unpublished", _("An FAQ was unpublished")
    FAQ_DELETED = "faq.deleted", _("An FAQ was deleted")
    VISITOR_QUESTION_RECEIVED = "visitor_question.received", _("A visitor sent a question")
    PING = "ping", _("A test event sent from the admin")


# What an endpoint can ask for; a ping goes only where an administrator sends one.
SUBSCRIBABLE_EVENTS = [event for event in Event if event != Event.PING]


class WebhookEndpointQuerySet(models.QuerySet):
    def wanting(self, event):
        """The active endpoints that asked for `event`. The list is filtered here rather than
        by the database: SQLite cannot look inside a JSON list, and endpoints are few."""
        return [endpoint for endpoint in self.filter(is_active=True) if event in endpoint.events]


class WebhookEndpoint(models.Model):
    name = models.CharField(max_length=100, help_text=_("What receives the events, e.g. the CRM."))
    url = models.URLField(
        max_length=500,
        validators=[URLValidator(schemes=WEB_SCHEMES)],
        help_text=_("The http:// or https:// address the events are posted to."),
    )
    events = models.JSONField(default=list, blank=True, help_text=_("The events it wants."))
    # Kept as it is: signing each delivery needs the secret itself, not a hash of it.
    secret = models.CharField(max_length=100, editable=False)
    is_active = models.BooleanField(
        default=True, help_text=_("An inactive endpoint is sent nothing, not even retries.")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = WebhookEndpointQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("webhook endpoint")

    def __str__(self):
        return self.name

    def clean(self):
        unknown = sorted(set(self.events) - set(SUBSCRIBABLE_EVENTS))
        if unknown:
            raise ValidationError({"events": _("Unknown events: %s.") % ", ".join(unknown)})

    def secret_masked(self):
        """Enough of the secret to tell two apart, never enough to sign with."""
        return "•" * 8 + self.secret[-4:]

    secret_masked.short_description = _("Secret")

    def events_display(self):
        return ", ".join(self.events) or _("none")

    events_display.short_description = _("Events")


class WebhookDeliveryQuerySet(models.QuerySet):
    def due(self, *, now, stale_claims_before):
        """Waiting to be sent now: never claimed, or claimed by a worker that has not reported
        back since `stale_claims_before` (it died mid-send, so the delivery is sent again)."""
        unclaimed = Q(claimed_at__isnull=True) | Q(claimed_at__lt=stale_claims_before)
        return self.filter(
            unclaimed,
            status__in=[WebhookDelivery.Status.PENDING, WebhookDelivery.Status.FAILED],
            next_attempt_at__lte=now,
            endpoint__is_active=True,
        )


class WebhookDelivery(models.Model):
    """One event for one endpoint: the exact bytes posted, and how each attempt went."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        DELIVERED = "delivered", _("Delivered")
        FAILED = "failed", _("Failed, will retry")
        GAVE_UP = "gave_up", _("Gave up")

    # Also the payload's "id" and the X-Faqbase-Delivery header: a receiver drops repeats by it.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    endpoint = models.ForeignKey(
        WebhookEndpoint, on_delete=models.CASCADE, related_name="deliveries"
    )
    event = models.CharField(max_length=50, choices=Event.choices)
    body = models.BinaryField(help_text=_("The JSON posted, byte for byte, as it was signed."))
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    # Set while a worker is sending it; a claim left standing too long has been abandoned.
    claimed_at = models.DateTimeField(null=True, blank=True)
    response_status = models.PositiveSmallIntegerField(null=True, blank=True)
    error = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    objects = WebhookDeliveryQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="webhook_due_idx")]

    def __str__(self):
        return f"{self.event} → {self.endpoint_id} ({self.status})"

    @property
    def body_bytes(self):
        # PostgreSQL hands a BinaryField back as a memoryview, SQLite as bytes.
        return bytes(self.body)
