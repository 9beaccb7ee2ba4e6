"""The search page: full-text results with highlighted snippets, pages and a helpful empty state."""

import re

import pytest

from faqbase.search.snippets import highlight_snippet

pytestmark = pytest.mark.django_db


def result_titles(html):
    return re.findall(r'<h2 class="result__title"><a href="[^"]+">([^<]+)</a>', html)


def test_search_finds_faqs_by_their_answer_text(client):
    html = client.get("/search/", {"q": "Scrum Master"}).content.decode()
    titles = result_titles(html)
    assert "Is a Scrum Master just a project manager?" in titles
    assert "<mark>Scrum</mark>" in html


def test_results_about_the_words_come_before_pages_that_merely_mention_them(client):
    titles = result_titles(client.get("/search/", {"q": "PMO"}).content.decode())
    # Earlier in the site's order, and with PMO only in their answers, are several others.
    assert set(titles[:4]) == {
        "Can PMO become a project manager?",
        "Is PMO better than project manager?",
        "Is PMO more senior than project manager?",
        "What is the difference between a PMO and a project manager?",
    }
    salary = result_titles(client.get("/search/", {"q": "salary"}).content.decode())
    assert set(salary[:2]) == {
        "Are project managers well paid?",
        "How much money do project managers earn?",
    }


def test_results_are_paginated(client):
    first = client.get("/search/", {"q": "project"}).content.decode()
    count = int(re.search(r"(\d+) results? for", first).group(1))
    assert count > 10
    assert len(result_titles(first)) == 10
    assert 'rel="next" href="?q=project&amp;page=2"' in first
    second = client.get("/search/", {"q": "project", "page": 2}).content.decode()
    assert set(result_titles(first)).isdisjoint(result_titles(second))


@pytest.mark.parametrize("page", ["999", "abc", "-1"])
def test_a_page_number_out_of_range_is_not_found(client, page):
    assert client.get("/search/", {"q": "project", "page": page}).status_code == 404


def test_no_results_shows_a_helpful_empty_state(client):
    html = client.get("/search/", {"q": "xylophone"}).content.decode()
    assert "No pages matched “xylophone”" in html
    assert 'href="/project-management/"' in html


def test_empty_query_invites_a_question(client):
    html = client.get("/search/").content.decode()
    assert "Type a question in your own words" in html
    assert "result__title" not in html


def test_query_is_escaped_and_length_limited(client):
    response = client.get("/search/", {"q": "<script>alert(1)</script>" + "x" * 500})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;" in html
    assert "x" * 300 not in html


def test_search_is_marked_noindex(client):
    assert '<meta name="robots" content="noindex">' in client.get("/search/?q=pm").content.decode()


def test_snippet_centres_on_the_first_match_and_escapes_text():
    text = "Intro words. " * 30 + "The <PMO> supports a project manager. " + "More words. " * 30
    snippet = highlight_snippet(text, "pmo manager")
    assert snippet.startswith("… ")
    assert "&lt;<mark>PMO</mark>&gt;" in snippet
    assert "project <mark>manager</mark>" in snippet
    assert len(snippet) < 400


def test_a_confident_answer_is_shown_above_the_results(client):
    html = client.get("/search/", {"q": "I'm 52, is it too late to become a project manager?"})
    html = html.content.decode()
    box = re.search(r'<section class="best-answer".*?</section>', html, re.S).group(0)
    assert "Am I too old to be a project manager?" in box
    # The link goes by way of /search/opened/, which notes the choice, to the FAQ itself.
    link = re.search(r'href="(/search/opened/\d+/\?q=[^"]+)"', box).group(1)
    landing = client.get(link.replace("&amp;", "&"))
    assert landing["Location"] == "/project-management/am-i-too-old-to-be-a-project-manager/"
    assert html.index("best-answer") < html.index("result-count")


def test_without_a_confident_answer_close_matches_and_advice_are_shown(client):
    html = client.get("/search/", {"q": "what is the boiling point of water"}).content.decode()
    assert "best-answer" not in html
    assert "We're not sure we have an answer to that" in html
    assert "try asking again in a full sentence" in html


def test_too_many_searches_from_one_visitor_get_a_429_page(client, settings):
    settings.FAQBASE_SEARCH_RATE = "3/m"
    statuses = [client.get("/search/", {"q": "pm salary"}).status_code for _ in range(3)]
    refused = client.get("/search/", {"q": "pm salary"})
    assert statuses == [200, 200, 200]
    assert refused.status_code == 429
    assert refused["Content-Type"] == "text/html; charset=utf-8"
    html = refused.content.decode()
    assert "Please wait a moment" in html and "Traceback" not in html
    assert client.get("/search/", {"q": "pm salary"}, REMOTE_ADDR="192.0.2.44").status_code == 200


def test_a_slipped_question_shows_the_corrected_reading_and_a_verbatim_link(client):
    html = client.get("/search/", {"q": "is it to late to becme a projet manager at 52"})
    html = html.content.decode()
    note = re.search(r'<p class="spelling-correction".*?</p>', html, re.S).group(0)
    assert (
        "Showing results for <strong>is it to late to become a project manager at 52</strong>"
        in (note)
    )
    link = re.search(r'<a href="([^"]+)">Search instead for ([^<]+)</a>', note)
    assert link.group(2) == "is it to late to becme a projet manager at 52"
    assert link.group(1) == (
        "/search/?q=is%20it%20to%20late%20to%20becme%20a%20projet%20manager%20at%2052&amp;exact=1"
    )
    box = re.search(r'<section class="best-answer".*?</section>', html, re.S).group(0)
    assert "Am I too old to be a project manager?" in box
    # The link searches for the text as typed: nothing is corrected.
    verbatim = client.get(link.group(1).replace("&amp;", "&")).content.decode()
    assert "spelling-correction" not in verbatim
    assert "Showing results for" not in verbatim


def test_a_question_without_slips_shows_no_correction(client):
    html = client.get("/search/", {"q": "is it too late to become a project manager"}).content
    assert b"Showing results for" not in html and b"exact=1" not in html
