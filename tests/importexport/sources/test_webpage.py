"""A saved web page is read for FAQPage markup (JSON-LD, microdata) or in the layout of the
customer's current FAQ pages; whatever it holds comes back as faithful records or a clear error."""

import datetime
import json

import pytest

from faqbase.importexport.sources import SourceError, webpage
from tests.importexport.sources.support import LONDON, SAMPLES_ROOT, by_question

SAMPLES = SAMPLES_ROOT / "webpage"
PRINCE2_FAQ = "https://training.example.org/courses/prince2/faq"
SITE_FAQ = "https://training.example.org/faq"


def read_sample(name):
    return webpage.read(SAMPLES / name)


def read_html(tmp_path, markup, name="page.html"):
    path = tmp_path / name
    path.write_text(markup, encoding="utf-8")
    return webpage.read(path)


def json_ld_page(*questions):
    faq_page = {"@context": "https://schema.org", "@type": "FAQPage", "mainEntity": list(questions)}
    return f'<script type="application/ld+json">{json.dumps(faq_page)}</script>'


def question(name, answer, **extra):
    return {"@type": "Question", "name": name, "acceptedAnswer": {"text": answer}, **extra}


def test_json_ld_questions_come_with_their_answers_addresses_and_topic():
    batch = read_sample("jsonld.html")

    assert batch.system == "webpage"
    faqs = by_question(batch)
    assert list(faqs) == [
        "What is PRINCE2?",
        "How long does the PRINCE2 Foundation course take?",
        "Do I need Foundation before I can sit Practitioner?",
        "Can I take the course online?",
    ]
    assert faqs["What is PRINCE2?"].key == f"{PRINCE2_FAQ}#what-is-prince2"
    assert faqs["What is PRINCE2?"].answer.startswith("<p>PRINCE2 is a process-based method")
    # A relative url is made absolute against the canonical link; no url at all: the slug.
    course_length = faqs["How long does the PRINCE2 Foundation course take?"]
    assert course_length.key == f"{PRINCE2_FAQ}#foundation-length"
    assert faqs["Can I take the course online?"].key == "#can-i-take-the-course-online"
    assert {faq.topic for faq in batch.faqs} == {"PRINCE2 courses"}
    assert {faq.language for faq in batch.faqs} == {"en-GB"}
    assert not any(faq.draft for faq in batch.faqs)


def test_json_ld_dates_are_aware_a_bare_date_at_noon_in_london():
    faqs = by_question(read_sample("jsonld.html"))

    page_date = faqs["What is PRINCE2?"].last_edited
    assert page_date == datetime.datetime(2026, 3, 10, 12, tzinfo=LONDON)
    naive = faqs["Can I take the course online?"].last_edited
    assert naive == datetime.datetime(2026, 4, 1, 9, 30, tzinfo=LONDON)
    assert naive.utcoffset() == datetime.timedelta(hours=1)


def test_keys_are_the_same_on_a_second_read():
    first, second = read_sample("jsonld.html"), read_sample("jsonld.html")

    assert [faq.key for faq in first.faqs] == [faq.key for faq in second.faqs]


def test_links_to_another_question_of_the_page_are_recognised():
    batch = read_sample("jsonld.html")
    answer = by_question(batch)["Do I need Foundation before I can sit Practitioner?"].answer

    assert f'href="{PRINCE2_FAQ}#what-is-prince2"' in answer
    assert batch.link_key(f"{PRINCE2_FAQ}#what-is-prince2") == f"{PRINCE2_FAQ}#what-is-prince2"
    assert batch.link_key("#foundation-length") == f"{PRINCE2_FAQ}#foundation-length"
    assert batch.link_key("#can-i-take-the-course-online") == "#can-i-take-the-course-online"
    assert batch.link_key("https://elsewhere.example.org/prince2") is None
    assert batch.link_key("mailto:courses@example.org") is None
    assert batch.link_key("http://[broken") is None


def test_json_ld_as_a_list_with_a_single_question_as_main_entity(tmp_path):
    blocks = [
        {"@type": "WebSite", "name": "Courses"},
        {
            "@type": ["WebPage", "FAQPage"],
            "mainEntity": question("Is the exam included?", "<p>Yes.</p>"),
        },
    ]
    markup = f'<script type="application/ld+json">{json.dumps(blocks)}</script>'

    batch = read_html(tmp_path, markup)

    assert [(faq.question, faq.answer) for faq in batch.faqs] == [
        ("Is the exam included?", "<p>Yes.</p>")
    ]


def test_microdata_questions_and_answers_as_inner_html():
    batch = read_sample("microdata.html")

    faqs = by_question(batch)
    assert list(faqs) == [
        "What is the APM Project Fundamentals Qualification?",
        "Who is the APM PMQ for?",
        "What does ChPP stand for?",
    ]
    pmq = faqs["Who is the APM PMQ for?"]
    assert pmq.key == "https://training.example.org/apm/faq/pmq"
    assert "<li>It is assessed by a written exam.</li>" in pmq.answer
    assert pmq.last_edited == datetime.datetime(2026, 5, 4, 16, 15, tzinfo=LONDON)
    assert faqs["What does ChPP stand for?"].last_edited == datetime.datetime(
        2026, 2, 20, 12, tzinfo=LONDON
    )
    assert {faq.topic for faq in batch.faqs} == {"APM qualifications"}
    # The answer's in-page link names the question's element id.
    assert batch.link_key("#pfq") == "#what-is-the-apm-project-fundamentals-qualification"


def test_a_question_in_both_json_ld_and_microdata_is_kept_once(tmp_path):
    microdata = """
    <div itemscope itemtype="https://schema.org/FAQPage">
      <div itemscope itemprop="mainEntity" itemtype="https://schema.org/Question">
        <h2 itemprop="name">Is the exam   included?</h2>
        <div itemscope itemprop="acceptedAnswer" itemtype="https://schema.org/Answer">
          <div itemprop="text"><p>Yes, in the course price.</p></div></div></div>
      <div itemscope itemprop="mainEntity" itemtype="https://schema.org/Question">
        <h2 itemprop="name">Is there a certificate?</h2>
        <div itemscope itemprop="acceptedAnswer" itemtype="https://schema.org/Answer">
          <div itemprop="text"><p>Yes, when you pass.</p></div></div></div>
    </div>"""
    markup = json_ld_page(question("Is the exam included?", "<p>Yes.</p>")) + microdata

    faqs = read_html(tmp_path, markup).faqs

    assert [(faq.question, faq.answer) for faq in faqs] == [
        ("Is the exam included?", "<p>Yes.</p>"),
        ("Is there a certificate?", "<p>Yes, when you pass.</p>"),
    ]


def test_the_current_layout_gives_the_page_question_and_drafts_for_the_listed_ones():
    batch = read_sample("layout.html")

    own, *drafts = batch.faqs
    assert own.question == "How long does it take to become a project manager?"
    assert own.key == f"{SITE_FAQ}/how-long-to-become-a-project-manager"
    assert own.answer.startswith("<p>There is no fixed timetable.")
    assert "<li>PRINCE2 Foundation is usually taught over three days;</li>" in own.answer
    assert "Last edited" not in own.answer
    assert "adviser" not in own.answer
    assert own.last_edited == datetime.datetime(2026, 3, 14, 12, tzinfo=LONDON)
    assert not own.draft
    assert len(drafts) == 11
    assert own.question not in [draft.question for draft in drafts]
    assert all(draft.draft and draft.answer == "" for draft in drafts)
    assert drafts[0].question == "What does a project coordinator do?"
    assert drafts[0].key == f"{SITE_FAQ}/what-does-a-project-coordinator-do"
    assert {faq.topic for faq in batch.faqs} == {"Project management"}
    link = "/faq/which-apm-qualification-first"
    assert batch.link_key(link) == f"{SITE_FAQ}/which-apm-qualification-first"
    assert batch.link_key("/articles/stages") is None


def test_the_layout_with_an_h2_a_date_in_a_div_and_a_numbered_list(tmp_path):
    markup = """<html><head><base href="https://training.example.org/faq/"></head><body>
    <h2>Are the courses run online?</h2>
    <p>Yes, with a live trainer.</p>
    <div>Last edited on: 2 September 2026</div>
    <ol><li><a href="online">Are the courses run online?</a></li>
        <li><a href="exam-fee">Is the exam fee included?</a></li>
        <li><a href="">Is there a certificate?</a></li></ol>
    </body></html>"""

    faqs = read_html(tmp_path, markup).faqs

    assert [(faq.question, faq.key, faq.draft) for faq in faqs] == [
        ("Are the courses run online?", f"{SITE_FAQ}/online", False),
        ("Is the exam fee included?", f"{SITE_FAQ}/exam-fee", True),
        ("Is there a certificate?", "#is-there-a-certificate", True),
    ]
    assert faqs[0].answer == "<p>Yes, with a live trainer.</p>"
    assert faqs[0].last_edited == datetime.datetime(2026, 9, 2, 12, tzinfo=LONDON)


def test_an_impossible_last_edited_date_is_refused(tmp_path):
    markup = "<h1>Is there a certificate?</h1><p>Yes.</p><p>Last edited on: 31 Feb 2026</p>"

    with pytest.raises(SourceError, match=r"page\.html: the line 'Last edited on: 31 Feb 2026'"):
        read_html(tmp_path, markup)


def test_a_page_with_nothing_recognisable_is_refused(tmp_path):
    markup = "<html><body><p>Opening hours: nine to five.</p></body></html>"

    with pytest.raises(SourceError, match="page.html: found no FAQPage markup and no question"):
        read_html(tmp_path, markup)


def test_hostile_answers_are_kept_as_written_and_the_broken_block_is_skipped():
    faqs = by_question(read_sample("hostile.html"))

    assert list(faqs) == ["Is the exam fee included?", "Can I change my course date?"]
    fee = faqs["Is the exam fee included?"].answer
    assert '<script>alert("answer")</script>' in fee
    assert "onerror=\"alert('image')\"" in fee
    assert "javascript:alert('link')" in faqs["Can I change my course date?"].answer


def test_a_broken_faq_block_with_nothing_else_is_refused_naming_it(tmp_path):
    broken = (SAMPLES / "hostile.html").read_text().split("<body")[0]

    with pytest.raises(SourceError, match=r"JSON-LD block 1 \(line 6\) is not valid JSON"):
        read_html(tmp_path, broken + "<body><h1>Course questions</h1></body></html>")


def test_a_broken_block_about_something_else_leaves_the_layout_readable(tmp_path):
    markup = (
        '<script type="application/ld+json">{"@type": "Organization",}</script>'
        "<h1>Is there a certificate?</h1><p>Yes, when you pass.</p>"
    )

    faqs = read_html(tmp_path, markup).faqs

    assert [(faq.question, faq.answer) for faq in faqs] == [
        ("Is there a certificate?", "<p>Yes, when you pass.</p>")
    ]


def test_a_50_mb_answer_is_refused_naming_the_question(tmp_path):
    markup = json_ld_page(
        question("Is the exam included?", "<p>Yes.</p>"),
        question("Why is this answer so long?", "<p>" + "x" * 50 * 1024 * 1024 + "</p>"),
    )

    with pytest.raises(SourceError, match=r"question 2 \('Why is this answer so long\?'\)"):
        read_html(tmp_path, markup)


def test_an_empty_question_is_refused_naming_it(tmp_path):
    markup = json_ld_page(
        question("Is the exam included?", "<p>Yes.</p>"), question(" ", "<p>No.</p>")
    )

    with pytest.raises(SourceError, match=r"JSON-LD block 1 \(line 1\), question 2: .* is empty"):
        read_html(tmp_path, markup)


def test_a_question_name_that_is_not_text_is_refused(tmp_path):
    markup = json_ld_page(question(["Is", "the exam included?"], "<p>Yes.</p>"))

    with pytest.raises(
        SourceError, match="question 1: the question's 'name' must be text, not a list"
    ):
        read_html(tmp_path, markup)


def test_a_date_that_is_not_iso_8601_is_refused(tmp_path):
    markup = json_ld_page(question("Is the exam included?", "<p>Yes.</p>", dateModified="soon"))

    with pytest.raises(SourceError, match="question 1: the date modified 'soon' is not a date"):
        read_html(tmp_path, markup)


def test_two_questions_with_one_address_are_refused_naming_both(tmp_path):
    markup = json_ld_page(
        question("Is the exam included?", "<p>Yes.</p>", url="https://example.org/faq#exam"),
        question("Is there a certificate?", "<p>Yes.</p>", url="https://example.org/faq#exam"),
    )

    with pytest.raises(SourceError, match="question 1 and .*question 2 have the same address"):
        read_html(tmp_path, markup)


def test_a_file_over_the_size_limit_is_refused_before_it_is_parsed(tmp_path, monkeypatch):
    monkeypatch.setattr(webpage, "MAX_SOURCE_BYTES", 100)

    with pytest.raises(SourceError, match="page.html: the file is 200 bytes"):
        read_html(tmp_path, "<h1>Is there a certificate?</h1>" + "x" * 168)
