"""The facts a UK reviewer checked in the demo content, read from the Markdown as it is imported."""

import re

import pytest

from faqbase.demo import DEMO_CONTENT_DIR, DEMO_TRANSLATIONS
from faqbase.importexport.folder import read_folder


@pytest.fixture(scope="module")
def demo():
    return read_folder(DEMO_CONTENT_DIR, languages=DEMO_TRANSLATIONS)


def faq_answer(demo, slug):
    return next(faq.answer for faq in demo.faqs if faq.slug == slug)


def article(demo, slug):
    return next(article for article in demo.articles if article.slug == slug)


def pages_text(demo):
    """{slug: Markdown} for every FAQ answer and article body."""
    texts = {faq.slug: faq.answer for faq in demo.faqs}
    texts.update({a.slug: a.body for a in demo.articles})
    return texts


def first_paragraph(markdown):
    return markdown.strip().split("\n\n")[0]


def test_chartered_faq_asks_for_proposers_and_neither_membership_nor_a_number_of_years(demo):
    answer = faq_answer(demo, "how-to-become-a-chartered-project-manager")
    assert "proposers" in answer
    assert "referee" not in answer.lower()
    assert "You do not have to be an APM member to apply" in answer
    assert "becoming an APM member" not in answer
    assert not re.search(r"\b(several|a few|many|\d+|two|three|four|five|ten) years\b", answer)


def test_no_page_about_chartered_status_mentions_referees_or_makes_membership_a_step(demo):
    for slug, text in pages_text(demo).items():
        if "ChPP" in text or "Chartered Project Professional" in text:
            assert "referee" not in text.lower(), slug
            assert "becoming an APM member" not in text, slug
            assert "at the top the Chartered" not in text, slug


AGILEPM_PAGES = [
    "is-there-a-pm-in-agile",
    "what-are-the-qualifications-of-a-project-manager",
    "what-is-pm-in-agile",
    "prince2-vs-agile-or-prince2-agile",
]


@pytest.mark.parametrize("slug", AGILEPM_PAGES)
def test_agilepm_is_owned_by_the_agile_business_consortium_and_examined_by_apmg(demo, slug):
    text = pages_text(demo)[slug]
    assert "AgilePM" in text
    assert "Agile Business Consortium" in text
    assert "APMG International" in text


def test_every_page_naming_agilepms_owner_also_names_its_exam_body(demo):
    for slug, text in pages_text(demo).items():
        if "AgilePM" in text and "Agile Business Consortium" in text:
            assert "APMG International" in text, slug


def test_fixing_and_flexing_has_seven_targets_in_prince2_7_and_links_sustainability(demo):
    body = article(demo, "fixing-and-flexing-in-prince2-agile").body
    assert re.search(r"PRINCE2 7\b[^.]*\bseven performance targets\b[^.]*sustainability", body)
    assert re.search(r"PRINCE2 Agile's guidance[^.]*\bsix\b", body)
    assert "PRINCE2 Agile keeps the same six" not in body
    sustainability = article(demo, "sustainable-project-management")
    assert f"](/articles/{sustainability.slug}/)" in body


def test_program_manager_usage_note_is_about_us_technology_firms_not_the_uk(demo):
    answer = faq_answer(demo, "what-is-the-difference-between-program-and-project-manager")
    assert "UK-specific" not in answer
    note = next(p for p in answer.split("\n\n") if "technical program manager" in p)
    assert "US technology companies" in note
    assert "UK organisation would usually call that" in note


def test_pmo_pay_is_compared_between_roles_at_the_same_level(demo):
    answer = faq_answer(demo, "is-pmo-better-than-project-manager")
    assert not re.search(r"\b(pays?|paid) (less|more)\b", answer)
    pay = next(p for p in answer.split("\n\n") if "pay" in p.lower())
    assert "at the same level" in pay


QUALIFIED_DEFINITION = (
    'being "qualified" usually means holding a recognised certification, '
    "having relevant experience, or both"
)


@pytest.mark.parametrize(
    "slug", ["how-do-i-qualify-as-a-project-manager", "am-i-qualified-to-be-a-project-manager"]
)
def test_both_qualified_faqs_say_what_qualified_means_in_the_same_terms(demo, slug):
    opening = first_paragraph(faq_answer(demo, slug))
    assert "no legal licence to practise" in opening
    assert QUALIFIED_DEFINITION in opening


@pytest.mark.parametrize(
    "slug", ["how-long-does-it-take-to-become-a-pm", "how-fast-can-you-become-a-project-manager"]
)
def test_duration_faqs_open_with_the_published_durations(demo, slug):
    answer = faq_answer(demo, slug)
    opening = first_paragraph(answer)
    assert "Level 4 Associate Project Manager apprenticeship" in opening
    assert "18 months plus an end-point assessment" in opening
    assert re.search(r"PMP[^.]*36 months[^.]*four-year degree[^.]*60 months without", opening)
    for vague in ("a good while", "a few years", "several years"):
        assert vague not in answer, vague


def test_techniques_article_covers_quality_assurance_as_its_teaser_promises(demo):
    techniques = article(demo, "11-essential-project-management-techniques")
    assert "assuring quality" in techniques.teaser
    assert "**Quality planning and assurance.**" in techniques.body
    assert "Quality assurance is" in techniques.body
    assert len(re.findall(r"^- \*\*", techniques.body, flags=re.MULTILINE)) == 11
