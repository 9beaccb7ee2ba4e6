"""The FAQ page as a visitor and a search engine see it."""

import json
import re
from html import unescape

import pytest
from django.utils.html import strip_tags
from wagtail.test.utils import WagtailPageTestCase

from faqbase.knowledge.models import FAQPage


def json_ld_blocks(html):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return [json.loads(block) for block in blocks]


def visible_answer(html):
    answer = re.search(r'<div class="prose answer">(.*?)</div>', html, re.S).group(1)
    return " ".join(unescape(strip_tags(answer)).split())


class DemoFAQPagesTests(WagtailPageTestCase):
    def test_every_demo_faq_is_routable_and_renders(self):
        # Welsh pages are routed under /cy/, which this helper does not know; the client does
        # (tests/base/test_languages.py).
        faqs = FAQPage.objects.live().filter(locale__language_code="en-gb")
        self.assertEqual(faqs.count(), 64)
        for faq in faqs:
            self.assertPageIsRoutable(faq)
            self.assertPageIsRenderable(faq)

    def test_every_welsh_faq_renders_in_welsh(self):
        for faq in FAQPage.objects.live().filter(locale__language_code="cy"):
            response = self.client.get(faq.url)
            self.assertEqual(response.status_code, 200, faq.url)
            self.assertContains(response, '<html lang="cy">')


def test_faq_page_shows_question_answer_and_last_edited_like_the_seed(client, pmo_faq):
    html = client.get(pmo_faq.url).content.decode()
    assert (
        '<h1 id="faq-question">What is the difference between a PMO and a project manager?</h1>'
        in html
    )
    assert 'Last edited on: <time datetime="2026-06-02">02 Jun 2026</time>' in html
    assert "Project Management related articles" in html


def test_question_index_is_alphabetical_and_marks_only_the_current_question(client, pmo_faq):
    html = client.get(pmo_faq.url).content.decode()
    index = re.search(r'<nav class="question-index".*?</nav>', html, re.S).group(0)
    titles = re.findall(r"<a [^>]*>([^<]+)</a>", index)
    assert len(titles) == 64
    assert titles == sorted(titles, key=str.casefold)
    current = re.findall(r'<a href="([^"]+)" aria-current="page">', index)
    assert current == [pmo_faq.url]


def test_breadcrumbs_lead_from_home_through_topic(client, pmo_faq):
    html = client.get(pmo_faq.url).content.decode()
    crumbs = re.search(r'<nav class="breadcrumbs".*?</nav>', html, re.S).group(0)
    assert re.findall(r">([^<]+)</a>", crumbs) == ["Home", "Project Management", pmo_faq.title]


def test_json_ld_parses_and_matches_the_visible_answer(client, pmo_faq):
    html = client.get(pmo_faq.url).content.decode()
    faq_data, breadcrumb_data = json_ld_blocks(html)
    assert faq_data["@type"] == "FAQPage"
    question = faq_data["mainEntity"][0]
    assert question["name"] == pmo_faq.title
    assert " ".join(question["acceptedAnswer"]["text"].split()) == visible_answer(html)
    assert breadcrumb_data["@type"] == "BreadcrumbList"
    assert breadcrumb_data["itemListElement"][-1]["item"] == f"http://testserver{pmo_faq.url}"


def test_json_ld_stays_valid_with_quotes_and_script_tags_in_the_answer(
    client, make_topic, make_faq
):
    tricky = '<p>Say "hello" &amp; type &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;</p>'
    faq = make_faq(make_topic(), "Is markup safe?", answer=tricky)
    html = client.get(faq.url).content.decode()
    assert "<script>alert(1)" not in html
    answer_text = json_ld_blocks(html)[0]["mainEntity"][0]["acceptedAnswer"]["text"]
    assert answer_text == 'Say "hello" & type </script><script>alert(1)</script>'


def test_malformed_stored_markup_still_publishes(make_topic, make_faq):
    faq = make_faq(make_topic(), "Broken markup?", answer="<p>Stray </script> end tag</p>")
    assert faq.live
    assert faq.last_edited is not None


def test_head_has_description_canonical_and_open_graph(client, pmo_faq):
    html = client.get(pmo_faq.url).content.decode()
    description = re.search(r'<meta name="description" content="([^"]*)">', html).group(1)
    assert description.startswith("A PMO")
    assert len(description) <= 155
    assert f'<link rel="canonical" href="http://testserver{pmo_faq.url}">' in html
    assert '<meta property="og:type" content="article">' in html
    assert f'<meta property="og:url" content="http://testserver{pmo_faq.url}">' in html


def test_related_cards_have_responsive_webp_images(client, pmo_faq):
    html = client.get(pmo_faq.url).content.decode()
    cards = re.findall(r'<li class="card">.*?</li>', html, re.S)
    assert cards
    for card in cards:
        assert re.search(r'srcset="[^"]+\.webp 400w, [^"]+\.webp 800w"', card)


# A stylesheet, script, image or icon fetched from another host (links in answers are fine).
OUTSIDE_ASSET = re.compile(
    r'<(?:img|script|source)[^>]*\ssrc="(?:https?:)?//'
    r'|<link[^>]*rel="(?:stylesheet|icon|preload|modulepreload)"[^>]*href="(?:https?:)?//'
)


@pytest.mark.parametrize("url", ["/", "/project-management/", "/search/?q=agile", "/nope/"])
def test_pages_load_no_assets_from_other_sites(client, url, pmo_faq):
    for page_url in (url, pmo_faq.url):
        assert not OUTSIDE_ASSET.search(client.get(page_url).content.decode())
