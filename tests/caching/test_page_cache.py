"""Anonymous page views come from the cache until a publish that touches the page."""

import pytest
from django.utils.http import http_date
from wagtail.models import PageViewRestriction

from faqbase.articles.models import ArticlePage
from faqbase.caching.services import page_cache_forget
from faqbase.knowledge.models import FAQPage

pytestmark = pytest.mark.django_db

HOME = "/"
TOPIC = "/project-management/"
TOO_OLD = "/project-management/am-i-too-old-to-be-a-project-manager/"


def cache_status(client, url, **headers):
    return client.get(url, **headers).get("X-Page-Cache")


@pytest.fixture
def other_topic_faq(make_topic, make_faq):
    return make_faq(make_topic(), "Is testing worth it?")


def rename(page, title):
    page.title = title
    page.save_revision().publish()


@pytest.mark.parametrize("url", [HOME, TOPIC, TOO_OLD, "/articles/"])
def test_the_second_anonymous_view_comes_from_the_cache_without_a_query(
    client, url, django_assert_num_queries
):
    assert cache_status(client, url) == "miss"
    with django_assert_num_queries(0):
        response = client.get(url)
    assert response["X-Page-Cache"] == "hit"
    assert response.status_code == 200


def test_an_article_page_is_cached(client):
    article = ArticlePage.objects.live().first()
    client.get(article.url)
    assert cache_status(client, article.url) == "hit"


def test_search_api_and_ask_are_never_cached(client):
    for url in ("/search/?q=salary", "/api/ask?q=salary", "/ask/", "/healthz"):
        client.get(url)
        assert cache_status(client, url) is None, url


def test_an_editor_is_never_served_a_cached_page_nor_fills_the_cache(client, editor_client):
    anonymous = client.__class__()
    anonymous.get(TOO_OLD)
    response = editor_client.get(TOO_OLD)
    assert "X-Page-Cache" not in response
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]

    anonymous.get(TOO_OLD)  # the anonymous copy is still there for visitors
    assert cache_status(anonymous, TOPIC) == "miss"
    editor_client.get(HOME)
    assert cache_status(anonymous, HOME) == "miss"


def test_a_preview_is_never_cached(editor_client, too_old):
    response = editor_client.get(f"/admin/pages/{too_old.pk}/view_draft/")
    assert response.status_code == 200
    assert "X-Page-Cache" not in response


def test_a_password_protected_page_is_never_cached(client, too_old):
    PageViewRestriction.objects.create(
        page=too_old, restriction_type=PageViewRestriction.PASSWORD, password="a secret"
    )
    assert "password" in client.get(TOO_OLD).content.decode().lower()
    assert cache_status(client, TOO_OLD) is None


def test_a_visitor_with_messages_waiting_gets_a_fresh_page(client):
    client.get(TOO_OLD)
    client.cookies["messages"] = "pending"
    assert cache_status(client, TOO_OLD) is None


def test_unchanged_page_answers_304_to_if_none_match_and_if_modified_since(client):
    first = client.get(TOO_OLD)
    assert first["ETag"] and first["Last-Modified"]
    assert client.get(TOO_OLD, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    assert client.get(TOO_OLD, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304
    assert client.get(TOO_OLD, HTTP_IF_NONE_MATCH='"another"').status_code == 200
    assert client.get(TOO_OLD, HTTP_IF_MODIFIED_SINCE=http_date(0)).status_code == 200


def test_publishing_an_faq_purges_its_page_topic_siblings_and_home(
    client, commits, too_old, other_topic_faq
):
    sibling = too_old.get_siblings(inclusive=False).live().first()
    for url in (TOO_OLD, TOPIC, sibling.url, HOME, other_topic_faq.url):
        client.get(url)

    with commits():
        rename(too_old, "Is 60 too old to start in project management?")

    for url in (TOO_OLD, TOPIC, sibling.url, HOME):
        response = client.get(url)
        assert response["X-Page-Cache"] == "miss", url
        assert "Is 60 too old to start in project management?" in response.content.decode()
    # A page that shows nothing of it keeps its cached copy.
    assert cache_status(client, other_topic_faq.url) == "hit"


@pytest.mark.parametrize("take_away", [FAQPage.unpublish, FAQPage.delete])
def test_unpublishing_or_deleting_an_faq_takes_it_off_its_siblings_and_topic(
    client, commits, too_old, take_away
):
    sibling = too_old.get_siblings(inclusive=False).live().first()
    for url in (TOO_OLD, TOPIC, sibling.url):
        client.get(url)

    with commits():
        take_away(too_old)

    assert client.get(TOO_OLD).status_code == 404
    for url in (TOPIC, sibling.url):
        assert TOO_OLD not in client.get(url).content.decode(), url


def test_moving_an_faq_purges_both_topics_and_its_old_address(client, commits, too_old, make_topic):
    new_topic = make_topic()
    old_sibling = too_old.get_siblings(inclusive=False).live().first()
    for url in (TOO_OLD, TOPIC, old_sibling.url, new_topic.url):
        client.get(url)

    with commits():
        too_old.move(new_topic, pos="last-child")

    too_old.refresh_from_db()
    assert client.get(TOO_OLD).status_code != 200
    assert TOO_OLD not in client.get(TOPIC).content.decode()
    assert TOO_OLD not in client.get(old_sibling.url).content.decode()
    assert too_old.url in client.get(new_topic.url).content.decode()


def test_publishing_an_article_purges_the_pages_showing_its_card(
    client, commits, make_topic, make_faq, make_article, too_old
):
    topic = make_topic()
    faq = make_faq(topic, "Is testing worth it?")
    article = make_article("Testing in practice", topics=[topic])
    for url in (faq.url, topic.url, "/articles/", TOO_OLD):
        assert cache_status(client, url) == "miss"

    with commits():
        rename(article, "Testing, renamed")

    for url in (faq.url, topic.url, "/articles/", article.url):
        assert "Testing, renamed" in client.get(url).content.decode(), url
    assert cache_status(client, TOO_OLD) == "hit"


def test_taking_an_article_off_a_topic_drops_its_card_from_that_topics_faqs(
    client, commits, make_topic, make_faq, make_article
):
    topic = make_topic()
    faq = make_faq(topic, "Is testing worth it?")
    article = make_article("Testing in practice", topics=[topic])
    assert article.url in client.get(faq.url).content.decode()

    with commits():
        article.topics.set([])
        article.save_revision().publish()

    assert article.url not in client.get(faq.url).content.decode()
    assert article.url not in client.get(topic.url).content.decode()


def test_an_uncached_faq_page_needs_a_bounded_number_of_queries(
    client, too_old, django_assert_max_num_queries
):
    client.get(TOPIC)  # Wagtail's site lookup is cached by then, as on a running server
    with django_assert_max_num_queries(22):
        assert client.get(TOO_OLD)["X-Page-Cache"] == "miss"


def test_a_render_while_the_shared_parts_and_answer_are_stored_needs_fewer_queries(
    client, django_assert_max_num_queries
):
    client.get(TOO_OLD)
    page_cache_forget([TOO_OLD])  # the page's copy alone, as when it expires
    # 13: with languages, Wagtail looks up the locale of the tree it routes in, and the page's
    # translations (hreflang, the switcher) take a query and their privacy check another.
    with django_assert_max_num_queries(13):
        assert client.get(TOO_OLD)["X-Page-Cache"] == "miss"


def test_random_query_strings_neither_fill_the_page_cache_nor_push_pages_out(client):
    from django.core.cache import cache

    assert cache_status(client, TOO_OLD) == "miss"
    assert cache_status(client, TOPIC) == "miss"
    entries = len(cache._cache)
    for number in range(10_000):
        assert cache_status(client, f"{TOO_OLD}?x={number}") == "hit"
    assert len(cache._cache) == entries
    assert cache_status(client, TOPIC) == "hit"


def test_a_query_value_the_page_corrects_or_ignores_is_served_but_never_kept(client):
    assert client.get("/articles/?page=99999").status_code == 200
    assert cache_status(client, "/articles/?page=99999") is None
    assert cache_status(client, f"{TOO_OLD}?page=7") is None
    assert cache_status(client, f"{TOO_OLD}?feedback=maybe") is None
    assert cache_status(client, "/articles/?page=1") == "miss"
    assert cache_status(client, "/articles/?page=1") == "hit"


def test_the_thanks_after_a_vote_is_a_page_of_its_own_in_the_cache(client):
    assert cache_status(client, TOO_OLD) == "miss"
    thanks = client.get(f"{TOO_OLD}?feedback=thanks")
    assert thanks["X-Page-Cache"] == "miss"
    assert "Thank you" in thanks.content.decode()
    assert "Thank you" not in client.get(TOO_OLD).content.decode()
    assert cache_status(client, f"{TOO_OLD}?feedback=thanks") == "hit"
