"""Visitors ask what the site cannot answer; editors reject, mark spam or start a draft FAQ."""

import time

import pytest
from django.core import signing

from faqbase.editorial.forms import FORM_SALT
from faqbase.editorial.models import VisitorQuestion
from faqbase.knowledge.models import FAQPage

pytestmark = pytest.mark.django_db

QUESTION = "Do I need a driving licence to work as a site project manager?"


def form_token(seconds_ago=10):
    """The signed token the form would have carried when shown `seconds_ago`."""
    signer = signing.TimestampSigner(salt=FORM_SALT)
    signed_at = signing.b62_encode(int(time.time() - seconds_ago))
    value = f"ask-form{signer.sep}{signed_at}"
    return f"{value}{signer.sep}{signer.signature(value)}"


def send(client, address="192.0.2.10", **overrides):
    data = {"text": QUESTION, "email": "", "website": "", "started": form_token()} | overrides
    return client.post("/ask/", data, REMOTE_ADDR=address)


def test_the_form_first_shows_the_closest_existing_answers(client):
    html = client.get("/ask/", {"q": "am I too old at 55 to become a PM"}).content.decode()
    assert "These answers may already help" in html
    assert "Am I too old to be a project manager?" in html
    assert "am I too old at 55 to become a PM</textarea>" in html


def test_a_normal_visitor_question_is_stored_for_moderation_only(client):
    response = send(client, email="reader@example.org")
    assert response.status_code == 302 and response["Location"] == "/ask/thanks/"
    question = VisitorQuestion.objects.get()
    assert (question.text, question.status, question.email) == (
        QUESTION,
        "new",
        "reader@example.org",
    )
    assert len(question.closest_faqs) == 3
    assert QUESTION not in client.get("/search/", {"q": "driving licence"}).content.decode()


@pytest.mark.parametrize(
    ("make_overrides", "message"),
    [
        (lambda: {"website": "http://spam.example"}, "must be left empty"),
        (lambda: {"started": form_token(seconds_ago=0)}, "very quick"),
        (lambda: {"started": form_token(seconds_ago=2 * 24 * 3600)}, "expired"),
        (lambda: {"started": "forged:token"}, "could not be checked"),
        (lambda: {"text": "Help?"}, "at least 10 characters"),
        (lambda: {"text": "x" * 256}, "at most 255 characters"),
        (
            lambda: {"text": "See http://a.example and www.b.example for details"},
            "at most one link",
        ),
        (lambda: {"email": "not an address"}, "valid email"),
    ],
)
def test_spam_and_bad_input_are_refused_with_a_reason(client, make_overrides, message):
    response = send(client, **make_overrides())
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not VisitorQuestion.objects.exists()


def test_a_flood_from_one_address_is_refused(client):
    statuses = [send(client).status_code for _ in range(6)]
    assert statuses == [302] * 5 + [429]
    assert send(client, address="192.0.2.11").status_code == 302


def test_an_editor_turns_a_question_into_a_draft_faq(editor_client, client):
    send(client, text="Is a <b>PRINCE2</b> certificate valid for life?")
    question = VisitorQuestion.objects.get()
    page = editor_client.get(f"/admin/visitor_questions/moderate/{question.pk}/").content.decode()
    assert "Is a &lt;b&gt;PRINCE2&lt;/b&gt; certificate valid for life?" in page
    topic_id = FAQPage.objects.get(pk=question.closest_faqs[0]["faq_id"]).get_parent().pk
    response = editor_client.post(
        f"/admin/visitor_questions/moderate/{question.pk}/", {"action": "draft", "topic": topic_id}
    )
    question.refresh_from_db()
    draft = question.draft_faq
    assert response["Location"] == f"/admin/pages/{draft.pk}/edit/"
    assert question.status == "drafted"
    assert not draft.live and draft.get_parent().pk == topic_id
    assert [p.text for p in draft.alternative_phrasings.all()] == [question.text]


@pytest.mark.parametrize("action", ["reject", "spam"])
def test_an_editor_rejects_or_marks_spam_once(editor_client, client, action):
    send(client)
    question = VisitorQuestion.objects.get()
    url = f"/admin/visitor_questions/moderate/{question.pk}/"
    editor_client.post(url, {"action": action})
    question.refresh_from_db()
    assert question.status == {"reject": "rejected", "spam": "spam"}[action]
    editor_client.post(url, {"action": "draft", "topic": FAQPage.objects.first().get_parent().pk})
    question.refresh_from_db()
    assert question.draft_faq is None


def test_the_queue_lists_questions_awaiting_moderation(editor_client, client):
    send(client)
    html = editor_client.get("/admin/visitor_questions/").content.decode()
    assert QUESTION in html


def test_the_ask_page_shares_the_search_pages_limit_per_visitor(client, settings):
    settings.FAQBASE_SEARCH_RATE = "3/m"
    client.get("/search/", {"q": "pm salary"})
    statuses = [client.get("/ask/", {"q": "am I too old"}).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    assert "Please wait a moment" in client.get("/ask/").content.decode()
    assert client.get("/ask/", {"q": "am I too old"}, REMOTE_ADDR="192.0.2.45").status_code == 200
    # Sending a question is limited on its own count, not refused by the pages' limit.
    assert send(client, address="127.0.0.1").status_code == 302
