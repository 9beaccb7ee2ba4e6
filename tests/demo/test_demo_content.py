"""The demo knowledge base answers every question of the seed page, in answers of a useful size."""

from pathlib import Path

import pytest

from faqbase.demo import DEMO_CONTENT_DIR, DEMO_TRANSLATIONS
from faqbase.importexport.folder import read_folder

SEED_DIR = Path(__file__).resolve().parents[2].parent / "shared" / "seed"


@pytest.fixture(scope="module")
def demo():
    return read_folder(DEMO_CONTENT_DIR, languages=DEMO_TRANSLATIONS)


def seed_questions():
    seed = next(SEED_DIR.glob("*.txt"), None)
    if seed is None:
        pytest.skip("the seed page is not beside this checkout")
    listing = seed.read_text().split("Last edited on:")[1].split("related articles")[0]
    return [line.strip() for line in listing.splitlines()[1:] if line.strip().endswith("?")]


def test_every_seed_question_is_a_demo_faq_with_its_exact_wording(demo):
    questions = seed_questions()
    assert len(questions) == 64
    assert sorted(faq.question for faq in demo.faqs) == sorted(questions)


def test_answers_are_between_80_and_250_words(demo):
    for faq in demo.faqs:
        assert 80 <= len(faq.answer.split()) <= 250, faq.slug


def test_every_faq_has_alternative_phrasings_and_related_articles(demo):
    for faq in demo.faqs:
        assert len(faq.also_asked_as) >= 3, faq.slug
        assert faq.related_articles, faq.slug


def test_every_faq_links_to_another_page_of_the_site(demo):
    for faq in demo.faqs:
        assert "](/" in faq.answer, faq.slug


def test_twelve_articles_and_webinars_each_with_an_image_and_alt_text(demo):
    assert len(demo.articles) == 12
    assert [a.kind for a in demo.articles].count("webinar") == 1
    for article in demo.articles:
        assert (DEMO_CONTENT_DIR / article.image).is_file()
        assert article.image_alt
