"""Home page, robots.txt and the error pages."""

import re

import pytest
from django.template.loader import render_to_string

from faqbase.knowledge.models import FAQPage

pytestmark = pytest.mark.django_db


def test_home_page_lists_topics_search_box_and_recent_answers(client):
    html = client.get("/").content.decode()
    assert '<a href="/project-management/">Project Management</a>' in html
    assert 'role="search"' in html
    recent = re.search(r'<ul class="recent-list".*?</ul>', html, re.S).group(0)
    newest = FAQPage.objects.live().recently_edited().first()
    assert re.findall(r">([^<]+)</a>", recent)[0] == newest.title
    assert len(re.findall(r"<li>", recent)) == 8


@pytest.mark.parametrize(
    ("url", "opening"),
    [
        ("/", "Clear answers to the questions"),
        ("/project-management/", "Questions people ask when"),
        ("/search/?q=scrum", "Answers and pages matching “scrum”"),
    ],
)
def test_every_kind_of_page_describes_itself_to_search_engines(client, url, opening):
    html = client.get(url).content.decode()
    description = re.search(r'<meta name="description" content="([^"]*)">', html).group(1)
    assert description.startswith(opening)
    assert 20 <= len(description) <= 155


def test_robots_txt_points_at_the_sitemap_and_keeps_bots_out_of_admin(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "Disallow: /admin/" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text


def test_unknown_address_gets_the_custom_not_found_page(client):
    response = client.get("/no-such-question/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "We can't find that page" in html
    assert 'role="search"' in html


def test_server_error_page_renders_without_a_request_context():
    html = render_to_string("500.html")
    assert "Something went wrong on our side" in html


def test_article_listing_per_topic_and_article_pages(client):
    html = client.get("/project-management/articles/").content.decode()
    assert html.count('<li class="card">') == 12
    webinar = client.get("/articles/how-to-apply-ai-technology-to-your-project/").content.decode()
    assert "60 minutes" in webinar
    assert "Date and time" in webinar


def test_healthz_reports_the_database_and_the_answer_index(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "answer_index": "ready", "faqs": 64}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_says_503_when_the_database_is_down(client, monkeypatch):
    from django.db import DatabaseError, connection

    def refuse(*args, **kwargs):
        raise DatabaseError("connection refused")

    monkeypatch.setattr(connection, "cursor", refuse)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"
