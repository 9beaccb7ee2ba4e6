"""Pages in two languages: each says its language, links its translations for search engines
and readers, and never links a translation the visitor may not see."""

import json
import re

import pytest
from wagtail.models import PageViewRestriction

from tests.support.languages import (
    TOO_OLD_SLUG,
    UNTRANSLATED_SLUG,
    english_faq,
    welsh_translation,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def too_old_pair():
    english = english_faq(TOO_OLD_SLUG)
    return english, welsh_translation(english)


def html_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def alternates(html):
    return dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html))


def json_ld(html):
    return [json.loads(block) for block in re.findall(r'ld\+json">(.*?)</script>', html, re.S)]


def test_a_welsh_faq_says_it_is_welsh_and_links_its_english_source(client, too_old_pair):
    english, welsh = too_old_pair
    html = html_of(client, welsh.url)
    assert '<html lang="cy">' in html
    assert '<meta property="og:locale" content="cy">' in html
    assert '<meta property="og:locale:alternate" content="en_GB">' in html
    assert alternates(html) == {
        "en-GB": f"http://testserver{english.url}",
        "cy": f"http://testserver{welsh.url}",
        "x-default": f"http://testserver{english.url}",
    }
    faq_data = next(item for item in json_ld(html) if item["@type"] == "FAQPage")
    assert faq_data["inLanguage"] == "cy"
    assert faq_data["mainEntity"][0]["name"] == welsh.title


def test_the_english_faq_links_its_welsh_translation_both_ways(client, too_old_pair):
    english, welsh = too_old_pair
    html = html_of(client, english.url)
    assert '<html lang="en-GB">' in html
    assert alternates(html)["cy"] == f"http://testserver{welsh.url}"
    assert f'<a href="{welsh.url}" hreflang="cy" lang="cy">Cymraeg</a>' in html
    faq_data = next(item for item in json_ld(html) if item["@type"] == "FAQPage")
    assert faq_data["inLanguage"] == "en-GB"


def test_the_switcher_on_an_untranslated_page_says_so_and_offers_the_topic(client):
    english = english_faq(UNTRANSLATED_SLUG)
    welsh_topic = welsh_translation(english.get_parent())
    html = html_of(client, english.url)
    assert "cy" not in alternates(html)
    assert f'<a href="{welsh_topic.url}" hreflang="cy" lang="cy">Cymraeg</a>' in html
    assert "This page is not in Cymraeg yet" in html


def test_the_search_page_is_offered_in_the_other_language(client):
    html = html_of(client, "/search/?q=prince2")
    assert '<a href="/cy/search/?q=prince2" hreflang="cy" lang="cy">Cymraeg</a>' in html


def test_the_sitemap_lists_both_languages_with_their_alternates(client, too_old_pair):
    english, welsh = too_old_pair
    sitemap = html_of(client, "/sitemap.xml")
    welsh_url, english_url = welsh.get_full_url(), english.get_full_url()
    assert f"<loc>{welsh_url}</loc>" in sitemap
    entry = sitemap.split(f"<loc>{welsh_url}</loc>")[1].split("</url>")[0]
    assert f'hreflang="en-GB" href="{english_url}"' in entry
    assert f'hreflang="cy" href="{welsh_url}"' in entry


def test_a_private_translation_is_never_linked_from_its_public_source(client, too_old_pair):
    english, welsh = too_old_pair
    PageViewRestriction.objects.create(page=welsh, restriction_type=PageViewRestriction.LOGIN)
    html = html_of(client, english.url)
    assert welsh.url not in html
    assert "cy" not in alternates(html)
    assert welsh.url not in html_of(client, "/sitemap.xml")
    assert client.get(welsh.url).status_code == 302  # to the login page


def test_publishing_a_translation_updates_the_cached_source_page(
    client, too_old_pair, django_capture_on_commit_callbacks
):
    english, welsh = too_old_pair
    assert alternates(html_of(client, english.url))["cy"].endswith(welsh.url)
    assert client.get(english.url)["X-Page-Cache"] == "hit"
    welsh.slug = "rhy-hen"
    with django_capture_on_commit_callbacks(execute=True):
        welsh.save_revision().publish()
    welsh.refresh_from_db()
    assert alternates(html_of(client, english.url))["cy"] == f"http://testserver{welsh.url}"
    assert welsh.url.endswith("/rhy-hen/")
