"""Parts shared by many pages (question index, article cards) go stale exactly when pages do."""

import pytest

from faqbase.caching.services import page_cache_forget
from faqbase.knowledge.models import FAQPage, TopicPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def topic():
    return TopicPage.objects.get(slug="project-management")


@pytest.fixture
def topic_faqs(topic):
    return list(FAQPage.objects.live().child_of(topic))


def question_index_of(client, url):
    page = client.get(url).content.decode()
    return page[page.index('class="question-index"') :]


def test_a_new_faq_shows_in_every_siblings_question_index_and_goes_when_unpublished(
    client, commits, topic, topic_faqs, make_faq
):
    for faq in topic_faqs:
        client.get(faq.url)  # each page and the shared question index stored

    with commits():
        new = make_faq(topic, "Can a project manager work four days a week?")
    for faq in topic_faqs:
        assert new.url in question_index_of(client, faq.url), faq.url

    with commits():
        new.unpublish()
    for faq in topic_faqs:
        assert new.url not in question_index_of(client, faq.url), faq.url


def test_renaming_an_article_changes_its_card_on_every_faq_showing_it(client, commits, topic_faqs):
    faq = topic_faqs[0]
    article = faq.related_article_links.first().article
    others = [other for other in topic_faqs if article.pk in other.related_article_ids()]
    for page in [faq, *others]:
        client.get(page.url)

    with commits():
        article.title = "A card with a new title"
        article.save_revision().publish()

    for page in [faq, *others]:
        assert "A card with a new title" in client.get(page.url).content.decode(), page.url


def test_a_page_rendered_again_after_its_copy_alone_is_dropped_shows_the_same_links(
    client, topic_faqs
):
    faq = topic_faqs[0]
    first = client.get(faq.url).content.decode()
    page_cache_forget([faq.url])
    again = client.get(faq.url)
    assert again["X-Page-Cache"] == "miss"
    assert again.content.decode() == first


def test_an_answer_links_to_a_page_at_its_new_address_after_that_page_moves(
    client, commits, topic, make_faq
):
    target = make_faq(topic, "Where do I start?")
    linking = make_faq(
        topic,
        "What comes next?",
        answer=f'<p>First read <a linktype="page" id="{target.pk}">where to start</a>.</p>',
    )
    assert f'href="{target.url}"' in client.get(linking.url).content.decode()

    with commits():
        target.slug = "where-to-begin"
        target.save_revision().publish()

    target.refresh_from_db()
    assert f'href="{target.url}"' in client.get(linking.url).content.decode()
    assert target.url.endswith("/where-to-begin/")
