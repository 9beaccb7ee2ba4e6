"""What happens on the site becomes one delivery per endpoint that wants it, with the payload
a receiver relies on and nothing it must not see."""

import datetime
import json

import pytest
from django.db import transaction
from wagtail.models import PageViewRestriction

from faqbase.editorial.models import VisitorQuestion
from faqbase.knowledge.models import FAQPage
from faqbase.webhooks.models import Event, WebhookDelivery
from faqbase.webhooks.worker import deliveries_send_due

from .conftest import DEMO_FAQ

pytestmark = pytest.mark.django_db


@pytest.fixture
def faq():
    return FAQPage.objects.get(slug=DEMO_FAQ)


def sent_payloads(receiver):
    deliveries_send_due()
    return [request.payload for request in receiver.received]


def test_publishing_a_demo_faq_delivers_faq_published_signed(receiver, make_endpoint, faq):
    endpoint, secret = make_endpoint(receiver.url)
    faq.save_revision().publish()
    deliveries_send_due()
    [request] = receiver.received
    assert request.signed_with(secret)
    assert not request.signed_with("another-secret")
    payload = request.payload
    assert payload["event"] == "faq.published"
    assert payload["id"] == request.headers["X-Faqbase-Delivery"]
    assert payload["occurred_at"].endswith("Z")
    faq.refresh_from_db()
    data = payload["data"]
    assert data | {"last_edited": None} == {
        "id": faq.pk,
        "question": faq.title,
        "url": "http://testserver" + faq.url,
        "language": faq.locale.language_code,
        "last_edited": None,
    }
    assert datetime.datetime.fromisoformat(data["last_edited"]) == faq.last_edited.replace(
        microsecond=0
    )
    assert payload["data"]["url"].endswith(f"/{DEMO_FAQ}/")
    delivery = WebhookDelivery.objects.get(endpoint=endpoint)
    assert delivery.status == WebhookDelivery.Status.DELIVERED
    assert delivery.body_bytes == request.body


def test_unpublishing_and_deleting_send_their_events(receiver, make_endpoint, faq):
    make_endpoint(receiver.url)
    faq_id = faq.pk
    faq.unpublish()
    faq.delete()
    payloads = sent_payloads(receiver)
    assert [payload["event"] for payload in payloads] == ["faq.unpublished", "faq.deleted"]
    assert payloads[1]["data"]["id"] == faq_id
    assert payloads[1]["data"]["question"] == faq.title


def test_deleting_a_live_faq_unpublishes_it_then_deletes_it(receiver, make_endpoint, faq):
    make_endpoint(receiver.url)
    faq.delete()
    assert sorted(payload["event"] for payload in sent_payloads(receiver)) == [
        "faq.deleted",
        "faq.unpublished",
    ]


def test_a_visitor_question_is_sent_without_the_visitors_email(receiver, make_endpoint):
    make_endpoint(receiver.url)
    question = VisitorQuestion.objects.create(
        text="Can I sit the PRINCE2 exam online?", email="reader@example.org", visitor_hash="v"
    )
    [payload] = sent_payloads(receiver)
    assert payload["event"] == "visitor_question.received"
    assert set(payload["data"]) == {"id", "text", "created_at"}
    assert payload["data"]["id"] == question.pk
    assert payload["data"]["text"] == "Can I sit the PRINCE2 exam online?"
    assert b"reader@example.org" not in receiver.received[0].body


def test_made_up_demo_questions_are_not_sent(receiver, make_endpoint):
    make_endpoint(receiver.url)
    VisitorQuestion.objects.create(text="Synthetic", visitor_hash="v", is_synthetic=True)
    assert WebhookDelivery.objects.count() == 0


def test_a_private_faq_is_named_by_its_id_alone(receiver, make_endpoint, faq):
    make_endpoint(receiver.url)
    topic = faq.get_parent()
    PageViewRestriction.objects.create(page=topic, restriction_type=PageViewRestriction.LOGIN)
    faq.save_revision().publish()
    [payload] = sent_payloads(receiver)
    assert payload["event"] == "faq.published"
    assert payload["data"] == {"id": faq.pk}
    assert faq.title.encode() not in receiver.received[0].body


def test_an_endpoint_gets_only_the_events_it_wants(receiver, make_endpoint, faq):
    make_endpoint(receiver.url, events=[Event.VISITOR_QUESTION_RECEIVED])
    faq.save_revision().publish()
    faq.unpublish()
    assert sent_payloads(receiver) == []
    assert WebhookDelivery.objects.count() == 0


def test_an_inactive_endpoint_gets_nothing(receiver, make_endpoint, faq):
    make_endpoint(receiver.url, is_active=False)
    faq.save_revision().publish()
    assert sent_payloads(receiver) == []


def test_each_endpoint_gets_its_own_delivery_signed_with_its_own_secret(
    receiver, make_endpoint, faq
):
    _first, first_secret = make_endpoint(receiver.url, name="CRM")
    _second, second_secret = make_endpoint(receiver.url, name="Search index")
    faq.save_revision().publish()
    deliveries_send_due()
    first, second = receiver.received
    assert {first.payload["id"], second.payload["id"]} == set(
        str(pk) for pk in WebhookDelivery.objects.values_list("pk", flat=True)
    )
    assert first.payload["occurred_at"] == second.payload["occurred_at"]
    assert {first.signed_with(first_secret), second.signed_with(first_secret)} == {True, False}
    assert {first.signed_with(second_secret), second.signed_with(second_secret)} == {True, False}


class Abandoned(Exception):
    pass


def test_a_change_rolled_back_notifies_nobody(receiver, make_endpoint, faq):
    make_endpoint(receiver.url)
    with pytest.raises(Abandoned), transaction.atomic():
        faq.save_revision().publish()
        assert WebhookDelivery.objects.count() == 1
        raise Abandoned
    assert WebhookDelivery.objects.count() == 0
    assert sent_payloads(receiver) == []


def test_the_body_is_json_in_utf8_as_stored(receiver, make_endpoint):
    make_endpoint(receiver.url)
    VisitorQuestion.objects.create(text="Oes cwrs PRINCE2 yn Gymraeg?", visitor_hash="v")
    deliveries_send_due()
    [request] = receiver.received
    assert request.headers["Content-Type"] == "application/json"
    assert request.headers["User-Agent"] == "faqbase-webhooks"
    assert json.loads(request.body.decode("utf-8"))["data"]["text"] == (
        "Oes cwrs PRINCE2 yn Gymraeg?"
    )
