"""Editors mark an FAQ reviewed from the admin; the date and an audit entry are recorded."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.models import PageLogEntry

from faqbase.knowledge.services import MARK_REVIEWED_ACTION

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client):
    editor = get_user_model().objects.create_superuser("editor", password="a-strong-passphrase")
    client.force_login(editor)
    return client


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
