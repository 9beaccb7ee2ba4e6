"""Articles and webinars as visitors see them: listings, related cards and webinar details."""

import datetime
import re
from html import unescape

import pytest
from wagtail.models import PageViewRestriction

from faqbase.articles.models import ARTICLES_PER_PAGE, ArticleIndexPage, ArticlePage, WebinarPage
from tests.conftest import publish

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
SUMMER_WEBINAR = datetime.datetime(2027, 7, 1, 9, 0, tzinfo=UTC)  # British Summer Time
WINTER_WEBINAR = datetime.datetime(2027, 1, 15, 9, 0, tzinfo=UTC)  # Greenwich Mean Time


def card_titles(html):
    return [unescape(title) for title in re.findall(r'class="card__title"><a [^>]*>([^<]*)<', html)]


def card_of(html, title):
    """The markup of the card titled `title`, or None."""
    for card in html.split('<li class="card">')[1:]:
        card = card.split("</li>")[0]
        if f">{title}</a>" in card:
            return card
    return None


def page_html(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def make_webinar(title, starts_at, topics=(), **fields):
    webinar = WebinarPage(
        title=title, teaser=f"About {title}.", body="<p>Body.</p>", starts_at=starts_at, **fields
    )
    webinar.live = False
    ArticleIndexPage.objects.get().add_child(instance=webinar)
    webinar.topics.set(topics)
    return publish(webinar)


def test_article_index_lists_live_public_articles_newest_first(client, make_article):
    make_article("Second newest", date=datetime.date(2027, 2, 1))
    make_article("Newest", date=datetime.date(2027, 3, 1))
    make_article("Withdrawn", date=datetime.date(2027, 4, 1)).unpublish()
    private = make_article("Staff only", date=datetime.date(2027, 5, 1))
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    listed = card_titles(page_html(client, "/articles/")) + card_titles(
        page_html(client, "/articles/?page=2")
    )
    assert listed[:2] == ["Newest", "Second newest"]
    assert "Withdrawn" not in listed and "Staff only" not in listed
    dates = [ArticlePage.objects.get(title=title).date for title in listed]
    assert dates == sorted(dates, reverse=True)
    assert len(listed) == ArticlePage.objects.live().public().count()


def test_article_index_shows_twelve_a_page_and_the_last_page_for_a_number_past_the_end(
    client, make_article
):
    for number in range(3):
        make_article(f"Extra article {number}", date=datetime.date(2020, 1, 1 + number))
    total = ArticlePage.objects.live().public().count()
    assert total == ARTICLES_PER_PAGE + 3  # the demo's twelve and these three
    first = page_html(client, "/articles/")
    assert len(card_titles(first)) == ARTICLES_PER_PAGE
    assert "Page 1 of 2" in first and 'rel="next" href="?page=2"' in first
    last = page_html(client, "/articles/?page=2")
    assert card_titles(last) == ["Extra article 2", "Extra article 1", "Extra article 0"]
    assert "Page 2 of 2" in last and 'rel="prev" href="?page=1"' in last
    past_the_end = page_html(client, "/articles/?page=99")
    assert card_titles(past_the_end) == card_titles(last)
    assert "Page 2 of 2" in past_the_end


def test_a_topic_s_article_listing_shows_only_its_live_articles_newest_first(
    client, make_topic, make_article
):
    topic = make_topic()
    make_article("Older on topic", topics=[topic], date=datetime.date(2026, 1, 1))
    make_article("Newer on topic", topics=[topic], date=datetime.date(2026, 6, 1))
    make_article("Elsewhere", date=datetime.date(2026, 7, 1))
    make_article("Withdrawn on topic", topics=[topic]).unpublish()
    html = page_html(client, "/testing-topic/articles/")
    assert card_titles(html) == ["Newer on topic", "Older on topic"]
    assert "<h1>Testing topic articles</h1>" in html
    assert '<a href="/testing-topic/">Back to Testing topic questions</a>' in html


def test_an_article_s_card_shows_on_its_topic_page_and_the_topic_s_faq_pages(
    client, make_topic, make_faq, make_article
):
    topic = make_topic()
    faq = make_faq(topic, "Where can I read more?")
    make_article("Read this next", topics=[topic])
    make_article("About something else")
    for url in (topic.url, faq.url):
        titles = card_titles(page_html(client, url))
        assert "Read this next" in titles, url
        assert "About something else" not in titles, url
    assert '<a href="/articles/read-this-next/">Read this next</a>' in page_html(client, faq.url)


def test_an_unpublished_article_s_card_disappears_from_the_pages_that_showed_it(
    client, make_topic, make_faq, make_article, django_capture_on_commit_callbacks
):
    topic = make_topic()
    faq = make_faq(topic, "Is the withdrawn article still offered?")
    article = make_article("Soon withdrawn", topics=[topic])
    for url in (topic.url, faq.url, "/articles/", "/testing-topic/articles/"):
        assert "Soon withdrawn" in card_titles(page_html(client, url)), url
    # The copies are purged once the change commits; pages are asked again without clearing
    # any cache, so every page that showed the card must have been purged.
    with django_capture_on_commit_callbacks(execute=True):
        article.unpublish()
    for url in (topic.url, faq.url, "/articles/", "/testing-topic/articles/"):
        assert "Soon withdrawn" not in card_titles(page_html(client, url)), url


@pytest.mark.parametrize(
    ("starts_at", "uk_time"),
    [
        (SUMMER_WEBINAR, "Thursday 1 July 2027, 10:00"),
        (WINTER_WEBINAR, "Friday 15 January 2027, 09:00"),
    ],
)
def test_a_webinar_page_gives_its_start_in_uk_time(client, starts_at, uk_time):
    webinar = make_webinar("Planning session", starts_at)
    html = page_html(client, webinar.url)
    assert f"{uk_time} (UK time)" in html


@pytest.mark.parametrize(
    ("starts_at", "uk_time"),
    [(SUMMER_WEBINAR, "Thu 1 Jul 2027, 10:00"), (WINTER_WEBINAR, "Fri 15 Jan 2027, 09:00")],
)
def test_a_webinar_card_says_it_is_a_webinar_and_when_in_uk_time(
    client, make_topic, make_faq, starts_at, uk_time
):
    topic = make_topic()
    faq = make_faq(topic, "When is the next session?")
    make_webinar("Planning session", starts_at, topics=[topic])
    for url in (topic.url, faq.url, "/articles/", "/testing-topic/articles/"):
        card = card_of(page_html(client, url), "Planning session")
        assert '<p class="card__kind">Webinar</p>' in card, url
        assert f"{uk_time} UK time" in card, url


def test_an_upcoming_webinar_promises_the_recording_after_the_session(client):
    webinar = make_webinar("Coming up", SUMMER_WEBINAR)
    assert not webinar.has_happened
    html = page_html(client, webinar.url)
    assert "Available after the session." in html
    assert "Watch the recording" not in html


def test_a_past_webinar_without_a_recording_says_it_is_not_published_yet(client):
    webinar = make_webinar("Last year", datetime.datetime(2025, 3, 4, 14, 0, tzinfo=UTC))
    assert webinar.has_happened
    html = page_html(client, webinar.url)
    assert "The recording has not been published yet." in html
    assert "Available after the session." not in html


def test_a_past_webinar_with_a_recording_links_to_it(client):
    webinar = make_webinar(
        "Recorded",
        datetime.datetime(2025, 3, 4, 14, 0, tzinfo=UTC),
        recording_url="https://video.example.com/recorded",
    )
    html = page_html(client, webinar.url)
    assert '<a href="https://video.example.com/recorded">Watch the recording</a>' in html
    assert "has not been published yet" not in html
