"""The home page's question counts: right, and as cheap with two hundred FAQs as with ten."""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from faqbase.knowledge.models import FAQPage, TopicPage

pytestmark = pytest.mark.django_db

SMALL, LARGE = 10, 200


def faqs_added(topic, start, stop):
    for number in range(start, stop):
        topic.add_child(
            instance=FAQPage(
                title=f"Scaling question {number}?",
                slug=f"scaling-{number}",
                answer="<p>An answer.</p>",
                live=True,
            )
        )


def home_page_html(client):
    # The page cache would answer the second request without building the page at all.
    cache.clear()
    return client.get("/").content.decode()


def home_page_queries(client):
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/")
    assert response.status_code == 200
    return len(captured)


def shown_count(html, topic_title):
    match = re.search(
        rf">{re.escape(topic_title)}</a> <span class=\"muted\">(\d+) questions?</span>", html
    )
    return int(match.group(1))


def test_home_page_queries_do_not_grow_with_the_number_of_faqs(client, make_topic):
    topic = make_topic(title="Scaling", slug="scaling")
    faqs_added(topic, 0, SMALL)
    small = home_page_queries(client)
    faqs_added(topic, SMALL, LARGE)
    large = home_page_queries(client)
    print(f"home page: {small} queries with {SMALL} extra FAQs, {large} with {LARGE}")
    assert large == small
    assert shown_count(home_page_html(client), "Scaling") == LARGE


def test_home_page_queries_do_not_grow_with_the_number_of_topics(client, make_topic, make_faq):
    make_faq(make_topic(title="First extra", slug="first-extra"), "One?")
    fewer = home_page_queries(client)
    for number in range(5):
        make_faq(make_topic(title=f"Extra {number}", slug=f"extra-{number}"), "Two?")
    more = home_page_queries(client)
    assert more == fewer


def test_home_page_counts_each_topic_s_published_public_questions(client, make_topic, make_faq):
    topic = make_topic(title="Counting", slug="counting")
    other = make_topic(title="Elsewhere", slug="elsewhere")
    make_faq(topic, "Shown?")
    make_faq(topic, "Also shown?")
    make_faq(topic, "A draft?", live=False)
    private = make_faq(topic, "Staff only?")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    make_faq(other, "Only question?")
    html = home_page_html(client)
    assert shown_count(html, "Counting") == 2
    assert shown_count(html, "Elsewhere") == 1
    demo_topic = TopicPage.objects.get(slug="project-management")
    assert shown_count(html, "Project Management") == len(demo_topic.question_index())
