"""Every search and ask is logged for the editors, without the visitor's address."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from faqbase.editorial.models import QueryLogEntry
from faqbase.knowledge.models import FAQPage

pytestmark = pytest.mark.django_db

TOO_OLD = "/project-management/am-i-too-old-to-be-a-project-manager/"


def test_a_search_is_logged_with_results_scores_and_confidence(client, pmo_faq):
    client.get(
        "/search/", {"q": "  I'm 52, is it too late\u0007 to move into project management? "}
    )
    entry = QueryLogEntry.objects.get()
    assert entry.text == "I'm 52, is it too late to move into project management?"
    assert entry.source == "search"
    assert entry.confident is True
    assert len(entry.top_results) == 3
    assert entry.top_results[0]["score"] >= entry.top_results[1]["score"]


def test_an_api_question_is_logged_and_the_address_is_not(client):
    client.get("/api/ask", {"q": "what is the boiling point of water"}, REMOTE_ADDR="203.0.113.9")
    entry = QueryLogEntry.objects.get()
    assert entry.source == "api" and entry.confident is False
    assert "203.0.113.9" not in str(vars(entry))
    assert len(entry.visitor_hash) == 64


def test_the_visitor_hash_is_stable_within_a_day_and_differs_between_visitors(client):
    client.get("/api/ask", {"q": "pm salary"}, REMOTE_ADDR="198.51.100.1")
    client.get("/api/ask", {"q": "pm salary uk"}, REMOTE_ADDR="198.51.100.1")
    client.get("/api/ask", {"q": "pm salary"}, REMOTE_ADDR="198.51.100.2")
    hashes = list(
        QueryLogEntry.objects.order_by("created_at").values_list("visitor_hash", flat=True)
    )
    assert hashes[0] == hashes[1] != hashes[2]


def test_opening_a_result_from_the_search_page_is_recorded(client):
    query = "I'm 52, is it too late to move into project management?"
    html = client.get("/search/", {"q": query}).content.decode()
    faq = FAQPage.objects.get(url_path__endswith="/am-i-too-old-to-be-a-project-manager/")
    link = f"/search/opened/{faq.pk}/?q=I%27m+52%2C+is+it+too+late"
    assert link in html.replace("&#x27;", "%27")
    response = client.get(f"/search/opened/{faq.pk}/", {"q": query})
    assert response.status_code == 302 and response["Location"] == TOO_OLD
    assert QueryLogEntry.objects.get().opened_faq == faq


def test_opening_a_result_of_another_question_records_nothing(client):
    client.get("/search/", {"q": "too old for project management"})
    faq = FAQPage.objects.get(url_path__endswith="/am-i-too-old-to-be-a-project-manager/")
    client.get(f"/search/opened/{faq.pk}/", {"q": "something else entirely"})
    assert QueryLogEntry.objects.get().opened_faq is None


def test_a_result_link_to_an_unpublished_faq_is_not_found(client):
    faq = FAQPage.objects.get(url_path__endswith="/am-i-too-old-to-be-a-project-manager/")
    faq.unpublish()
    assert client.get(f"/search/opened/{faq.pk}/", {"q": "too old"}).status_code == 404


def test_prune_deletes_only_entries_older_than_the_retention(client, capsys):
    client.get("/api/ask", {"q": "old question"})
    client.get("/api/ask", {"q": "recent question"})
    QueryLogEntry.objects.filter(text="old question").update(
        created_at=timezone.now() - datetime.timedelta(days=181)
    )
    call_command("prune_query_log")
    assert list(QueryLogEntry.objects.values_list("text", flat=True)) == ["recent question"]
    assert "Deleted 1 logged questions older than 180 days" in capsys.readouterr().out


def test_further_pages_of_results_are_not_logged_again(client):
    client.get("/search/", {"q": "project"})
    client.get("/search/", {"q": "project", "page": 2})
    assert QueryLogEntry.objects.count() == 1
