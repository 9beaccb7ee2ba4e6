"""Editors read the questions asked and the feedback in the admin's Insights menu, read-only."""

import pytest

from faqbase.editorial.models import FAQFeedback, QueryLogEntry

pytestmark = pytest.mark.django_db


def test_questions_asked_are_listed_searchable_and_inspectable(editor_client):
    editor_client.get("/api/ask", {"q": "what is the boiling point of water"})
    editor_client.get("/api/ask", {"q": "pm salary uk"})
    html = editor_client.get("/admin/query_log/", {"q": "boiling"}).content.decode()
    assert "what is the boiling point of water" in html
    assert "pm salary uk" not in html
    entry = QueryLogEntry.objects.get(text="pm salary uk")
    assert editor_client.get(f"/admin/query_log/inspect/{entry.pk}/").status_code == 200


def test_feedback_is_listed_with_its_reason(editor_client, client, pmo_faq):
    client.post(
        f"/feedback/{pmo_faq.pk}/",
        {"helpful": "no", "reason": "wrong"},
        HTTP_ORIGIN="http://testserver",
    )
    html = editor_client.get("/admin/feedback/").content.decode()
    assert "It is wrong" in html
    assert FAQFeedback.objects.count() == 1


@pytest.mark.parametrize("url", ["/admin/query_log/new/", "/admin/feedback/edit/1/"])
def test_visitor_records_cannot_be_written_from_the_admin(editor_client, url):
    assert editor_client.get(url).status_code == 404


def test_the_insights_menu_is_for_editors_only(client):
    response = client.get("/admin/query_log/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
