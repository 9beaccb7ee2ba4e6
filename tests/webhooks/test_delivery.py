"""The worker: retries a receiver that failed, survives its own restart, and never sends a
delivery anywhere but the endpoint's own address."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from faqbase.knowledge.models import FAQPage
from faqbase.webhooks.models import WebhookDelivery
from faqbase.webhooks.sending import post
from faqbase.webhooks.worker import deliveries_send_due, delivery_claim

from .conftest import DEMO_FAQ

pytestmark = pytest.mark.django_db

Status = WebhookDelivery.Status


@pytest.fixture
def published(make_endpoint):
    """Publish the demo FAQ for an endpoint at `url`; returns the endpoint's secret."""

    def publish(url):
        _endpoint, secret = make_endpoint(url)
        FAQPage.objects.get(slug=DEMO_FAQ).save_revision().publish()
        return secret

    return publish


def the_delivery():
    return WebhookDelivery.objects.get()


def test_a_500_is_retried_and_the_second_attempt_delivers(receiver, published):
    secret = published(receiver.url)
    receiver.answer_next(500)
    deliveries_send_due()
    delivery = the_delivery()
    assert (delivery.status, delivery.attempts, delivery.response_status) == (Status.FAILED, 1, 500)
    assert "500" in delivery.error
    assert delivery.next_attempt_at is not None
    deliveries_send_due()
    delivery = the_delivery()
    assert (delivery.status, delivery.attempts, delivery.response_status) == (
        Status.DELIVERED,
        2,
        200,
    )
    assert delivery.delivered_at is not None and delivery.error == ""
    first, second = receiver.received
    assert first.body == second.body  # the same delivery, byte for byte, with its id
    assert second.signed_with(secret)


def test_the_retries_follow_the_schedule_then_give_up(receiver, published, settings):
    settings.FAQBASE_WEBHOOK_RETRY_SECONDS = [30, 120]
    published(receiver.url)
    for answer in (502, 503, 500):
        receiver.answer_next(answer)
    deliveries_send_due()
    waited = the_delivery().next_attempt_at - timezone.now()
    assert datetime.timedelta(seconds=25) < waited <= datetime.timedelta(seconds=30)
    assert deliveries_send_due() == 0  # not due yet
    WebhookDelivery.objects.update(next_attempt_at=timezone.now())
    deliveries_send_due()
    waited = the_delivery().next_attempt_at - timezone.now()
    assert datetime.timedelta(seconds=115) < waited <= datetime.timedelta(seconds=120)
    WebhookDelivery.objects.update(next_attempt_at=timezone.now())
    deliveries_send_due()
    delivery = the_delivery()
    assert (delivery.status, delivery.attempts, delivery.next_attempt_at) == (
        Status.GAVE_UP,
        3,
        None,
    )
    assert deliveries_send_due() == 0
    assert len(receiver.received) == 3


def test_a_delivery_pending_across_a_worker_restart_arrives_exactly_once(receiver, published):
    secret = published(receiver.url)
    receiver.stop()
    call_command("deliver_webhooks", "--once")
    delivery = the_delivery()
    assert delivery.status == Status.FAILED and delivery.response_status is None
    assert "Could not connect" in delivery.error
    assert delivery.next_attempt_at is not None
    receiver.start()  # the receiver is back, on the same address; a fresh worker run
    call_command("deliver_webhooks", "--once")
    call_command("deliver_webhooks", "--once")
    [request] = receiver.received
    assert request.signed_with(secret)
    assert the_delivery().status == Status.DELIVERED


def test_a_delivery_whose_worker_died_mid_send_is_sent_again(receiver, published, settings):
    published(receiver.url)
    claimed = delivery_claim(the_delivery().pk)  # the worker is killed right after this
    assert claimed is not None
    assert deliveries_send_due() == 0  # its claim still stands: no second sender
    abandoned_at = timezone.now() - datetime.timedelta(
        seconds=settings.FAQBASE_WEBHOOK_CLAIM_SECONDS + 1
    )
    WebhookDelivery.objects.update(claimed_at=abandoned_at)
    assert deliveries_send_due() == 1
    assert deliveries_send_due() == 0
    assert len(receiver.received) == 1
    delivery = the_delivery()
    assert (delivery.status, delivery.attempts, delivery.claimed_at) == (Status.DELIVERED, 1, None)


def test_a_receiver_too_slow_to_answer_is_retried(receiver, published):
    receiver.delay_seconds = 2  # the timeout is 1 s in these tests
    published(receiver.url)
    deliveries_send_due()
    delivery = the_delivery()
    assert delivery.status == Status.FAILED
    assert delivery.error == "No answer within 1 s."


def test_a_redirect_is_not_followed(receiver, published):
    published(receiver.url)
    receiver.answer_next(307, {"Location": "http://127.0.0.2:9/elsewhere"})
    deliveries_send_due()
    assert len(receiver.received) == 1
    delivery = the_delivery()
    assert delivery.status == Status.FAILED and delivery.response_status == 307
    assert "redirects are not followed" in delivery.error


def test_only_web_addresses_are_sent_to(tmp_path):
    target = tmp_path / "target"
    outcome = post(url=f"file://{target}", body=b"{}", headers={}, timeout=1)
    assert outcome.final and not outcome.delivered
    assert not target.exists()


def test_an_endpoint_turned_off_keeps_its_deliveries_waiting(receiver, published):
    published(receiver.url)
    the_delivery().endpoint.__class__.objects.update(is_active=False)
    assert deliveries_send_due() == 0
    assert the_delivery().status == Status.PENDING
    assert receiver.received == []


def test_the_once_command_says_how_many_it_attempted(receiver, published, capsys):
    published(receiver.url)
    call_command("deliver_webhooks", "--once")
    assert "1 webhook deliveries attempted." in capsys.readouterr().out
