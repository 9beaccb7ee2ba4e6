"""Related article cards: hand-picked first, topped up from the topic."""

import datetime

from django.test import override_settings

from faqbase.articles.models import ArticlePage
from faqbase.knowledge.models import FAQRelatedArticle


def test_faq_without_picks_is_topped_up_from_its_topic(make_topic, make_faq, make_article):
    topic = make_topic()
    older = make_article("Older", topics=[topic], date=datetime.date(2026, 1, 1))
    newer = make_article("Newer", topics=[topic], date=datetime.date(2026, 5, 1))
    make_article("Elsewhere", date=datetime.date(2026, 6, 1))
    faq = make_faq(topic, "What should I read next?")
    assert faq.related_article_ids() == [newer.pk, older.pk]


@override_settings(FAQBASE_RELATED_ARTICLES=2)
def test_hand_picked_articles_come_first_and_the_limit_holds(make_topic, make_faq, make_article):
    topic = make_topic()
    make_article("Topic one", topics=[topic], date=datetime.date(2026, 5, 1))
    make_article("Topic two", topics=[topic], date=datetime.date(2026, 4, 1))
    picked = make_article("Picked from elsewhere", date=datetime.date(2025, 1, 1))
    faq = make_faq(topic, "Which article matters most?")
    FAQRelatedArticle.objects.create(faq=faq, article=picked)
    titles = [ArticlePage.objects.get(pk=pk).title for pk in faq.related_article_ids()]
    assert titles == ["Picked from elsewhere", "Topic one"]


def test_unpublished_picks_are_left_out(make_topic, make_faq, make_article):
    topic = make_topic()
    gone = make_article("Withdrawn")
    gone.unpublish()
    faq = make_faq(topic, "Is the withdrawn one shown?")
    FAQRelatedArticle.objects.create(faq=faq, article=gone)
    assert gone.pk not in faq.related_article_ids()


def test_every_demo_faq_shows_related_article_cards(client, home):
    from faqbase.knowledge.models import FAQPage

    for faq in FAQPage.objects.live()[:64]:
        assert len(faq.related_article_ids()) >= 3, faq.title
