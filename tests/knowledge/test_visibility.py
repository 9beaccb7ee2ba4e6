"""Drafts and unpublished pages stay out of every public listing; the sitemap lists the rest."""

import re

from faqbase.knowledge.models import FAQPage


def test_draft_faq_is_hidden_everywhere(client, make_topic, make_faq):
    topic = make_topic()
    make_faq(topic, "Visible question?")
    draft = make_faq(topic, "Secret draft question?", live=False)
    assert client.get(f"/{topic.slug}/{draft.slug}/").status_code == 404
    topic_html = client.get(topic.url).content.decode()
    assert "Visible question?" in topic_html
    assert "Secret draft question?" not in topic_html
    assert "Secret draft" not in client.get("/search/?q=secret+draft").content.decode()
    assert draft.slug not in client.get("/sitemap.xml").content.decode()


def test_unpublished_faq_disappears_from_the_question_index(client, make_topic, make_faq, pmo_faq):
    pmo_faq.unpublish()
    assert client.get(pmo_faq.url).status_code == 404
    other = FAQPage.objects.live().exclude(pk=pmo_faq.pk).first()
    assert pmo_faq.title not in client.get(other.url).content.decode()


def test_sitemap_lists_every_published_faq_with_last_edited(client, db):
    xml = client.get("/sitemap.xml").content.decode()
    entries = re.findall(r"<loc>https?://[^/]+(/[^<]*)</loc>\s*<lastmod>([^<]+)</lastmod>", xml)
    lastmod_by_path = dict(entries)
    for faq in FAQPage.objects.live():
        assert lastmod_by_path[faq.url] == faq.last_edited.strftime("%Y-%m-%d")
