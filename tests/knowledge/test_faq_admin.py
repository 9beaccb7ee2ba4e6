"""The FAQ in the admin: "mark reviewed", and the last-edited rule through the real edit form."""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import PageLogEntry
from wagtail.test.utils.form_data import rich_text

from faqbase.knowledge.models import FAQPage
from faqbase.knowledge.services import MARK_REVIEWED_ACTION
from tests.support.admin_forms import faq_form_data

pytestmark = pytest.mark.django_db


def test_edit_page_offers_mark_reviewed(editor_client, pmo_faq):
    html = editor_client.get(f"/admin/pages/{pmo_faq.pk}/edit/").content.decode()
    assert f"/admin/faqs/{pmo_faq.pk}/mark-reviewed/" in html
    assert "Last reviewed: 02 Jun 2026" in html


def test_mark_reviewed_sets_today_and_logs_it(editor_client, pmo_faq):
    url = f"/admin/faqs/{pmo_faq.pk}/mark-reviewed/"
    assert editor_client.get(url).status_code == 200
    response = editor_client.post(url)
    assert response.status_code == 302
    pmo_faq.refresh_from_db()
    assert pmo_faq.last_reviewed == timezone.localdate()
    assert pmo_faq.last_edited.date() == datetime.date(2026, 6, 2)
    assert PageLogEntry.objects.filter(page=pmo_faq, action=MARK_REVIEWED_ACTION).exists()


def test_visitors_cannot_mark_reviewed(client, pmo_faq):
    response = client.post(f"/admin/faqs/{pmo_faq.pk}/mark-reviewed/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
    pmo_faq.refresh_from_db()
    assert pmo_faq.last_reviewed == datetime.date(2026, 6, 2)


def test_republishing_from_the_admin_without_change_keeps_last_edited(editor_client, pmo_faq):
    response = editor_client.post(f"/admin/pages/{pmo_faq.pk}/edit/", faq_form_data(pmo_faq))
    assert response.status_code == 302
    pmo_faq.refresh_from_db()
    assert pmo_faq.get_latest_revision().created_at > pmo_faq.last_edited
    assert pmo_faq.last_edited.date() == datetime.date(2026, 6, 2)


def test_publishing_a_new_answer_from_the_admin_moves_last_edited(editor_client, pmo_faq):
    data = faq_form_data(pmo_faq, answer=rich_text("<p>A rewritten answer.</p>"))
    response = editor_client.post(f"/admin/pages/{pmo_faq.pk}/edit/", data)
    assert response.status_code == 302
    pmo_faq.refresh_from_db()
    assert pmo_faq.last_edited.date() == timezone.localdate()
    assert "A rewritten answer." in pmo_faq.answer


def test_the_editor_is_shown_existing_faqs_similar_to_the_question_typed(editor_client, pmo_faq):
    too_old = FAQPage.objects.get(slug="am-i-too-old-to-be-a-project-manager")
    response = editor_client.get(
        "/admin/faqs/similar/",
        {"q": "is 50 too old to be a project manager", "exclude": too_old.pk},
    )
    results = response.json()["results"]
    assert results[0]["question"] == "Is 40 too old to become a project manager?"
    assert results[0]["similarity"] > 0.8
    assert too_old.title not in [result["question"] for result in results]
    assert results[0]["edit_url"].startswith("/admin/pages/")


def test_similar_faqs_needs_a_question_and_an_editor(editor_client, client):
    assert editor_client.get("/admin/faqs/similar/", {"q": "  "}).status_code == 400
    editor_client.logout()
    assert client.get("/admin/faqs/similar/", {"q": "too old"}).status_code == 302


def test_the_faq_editor_loads_the_similar_questions_script(editor_client, pmo_faq):
    html = editor_client.get(f"/admin/pages/{pmo_faq.pk}/edit/").content.decode()
    assert 'id="similar-questions-script"' in html
    assert 'data-similar-url="/admin/faqs/similar/"' in html
