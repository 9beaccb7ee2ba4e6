"""Webhook endpoints managed by administrators, and events turned into deliveries to them.

Only superusers and users given this app's own model permissions manage endpoints; none of
the editorial roles (Editors, Moderators, Analysts) holds them.
"""

import secrets
import uuid

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from .models import Event, WebhookDelivery, WebhookEndpoint
from .payloads import body_for, ping_data

ADD = "webhooks.add_webhookendpoint"
CHANGE = "webhooks.change_webhookendpoint"
DELETE = "webhooks.delete_webhookendpoint"
VIEW = "webhooks.view_webhookendpoint"
LOG_LENGTH = 100


class WebhookError(Exception):
    """Something an administrator asked for that cannot be done; the message says why."""


def permission_check(*, user, permissions):
    """Any one of `permissions` will do."""
    if not any(user.has_perm(permission) for permission in permissions):
        raise PermissionDenied(_("Only administrators may manage webhooks."))


@transaction.atomic
def endpoint_create(*, user, name, url, events, is_active=True):
    """A new endpoint with a fresh secret; returns (endpoint, secret). The caller shows the
    secret once: nothing in the admin shows it again."""
    permission_check(user=user, permissions=[ADD])
    secret = secrets.token_urlsafe(32)
    endpoint = WebhookEndpoint(
        name=name, url=url, events=list(events), is_active=is_active, secret=secret
    )
    endpoint.full_clean()
    endpoint.save()
    log(instance=endpoint, action="wagtail.create", user=user)
    return endpoint, secret


@transaction.atomic
def endpoint_update(*, user, endpoint, name, url, events, is_active):
    permission_check(user=user, permissions=[CHANGE])
    endpoint.name, endpoint.url, endpoint.is_active = name, url, is_active
    endpoint.events = list(events)
    endpoint.full_clean()
    endpoint.save()
    log(instance=endpoint, action="wagtail.edit", user=user)
    return endpoint


@transaction.atomic
def endpoint_delete(*, user, endpoint):
    """The endpoint goes with its deliveries, sent or not."""
    permission_check(user=user, permissions=[DELETE])
    log(instance=endpoint, action="wagtail.delete", user=user, deleted=True)
    endpoint.delete()


def endpoint_deliveries(*, user, endpoint):
    """The endpoint's latest deliveries, newest first."""
    permission_check(user=user, permissions=[VIEW, CHANGE])
    return endpoint.deliveries.order_by("-created_at")[:LOG_LENGTH]


def endpoint_ping(*, user, endpoint):
    """Queue a `ping` event for the endpoint, for the worker to send like any other."""
    permission_check(user=user, permissions=[CHANGE])
    if not endpoint.is_active:
        raise WebhookError(_("This endpoint is inactive: turn it on before sending it a test."))
    return delivery_create(
        endpoint=endpoint, event=Event.PING, occurred_at=timezone.now(), data=ping_data(endpoint)
    )


@transaction.atomic
def event_record(*, event, data_of):
    """One pending delivery of `event` per active endpoint that wants it, written in the
    caller's transaction: if the change is rolled back, so are its notifications. `data_of()`
    builds the payload's data, and is called only when some endpoint wants the event."""
    endpoints = WebhookEndpoint.objects.wanting(event)
    if not endpoints:
        return []
    data, occurred_at = data_of(), timezone.now()
    return [
        delivery_create(endpoint=endpoint, event=event, occurred_at=occurred_at, data=data)
        for endpoint in endpoints
    ]


def delivery_create(*, endpoint, event, occurred_at, data):
    delivery_id = uuid.uuid4()
    return WebhookDelivery.objects.create(
        id=delivery_id,
        endpoint=endpoint,
        event=event,
        body=body_for(event=event, delivery_id=delivery_id, occurred_at=occurred_at, data=data),
        next_attempt_at=occurred_at,
    )
