"""phpMyFAQ's JSON export comes back as faithful records: unescaped answers, the top category as
the topic, deeper categories and keywords as tags; a broken or hostile export is refused by item.
"""

import datetime
import json

import pytest

from faqbase.importexport.sources import SourceError, common, phpmyfaq
from tests.importexport.sources.support import LONDON, SAMPLES_ROOT, by_key, json_written

SAMPLES = SAMPLES_ROOT / "phpmyfaq"


def read_sample(name="faqs.json"):
    return phpmyfaq.read(SAMPLES / name)


def write_export(tmp_path, *faqs):
    return json_written(tmp_path, [{"faq": faq} for faq in faqs])


def exported(**fields):
    faq = {
        "id": 9,
        "language": "en",
        "category": "Courses",
        "keywords": "",
        "question": "Is there a course in Cardiff?",
        "answer": "&lt;p&gt;Yes, every month.&lt;/p&gt;",
        "author": "Course team",
        "last_modified": "2026-01-15 10:30",
    }
    return faq | fields


def test_each_faq_in_each_language_is_one_record_keyed_by_id_and_language():
    batch = read_sample()

    assert batch.system == "phpmyfaq"
    assert list(by_key(batch)) == ["1/en", "6/en", "2/en", "3/en", "4/en", "5/en", "5/cy"]
    assert by_key(batch)["5/cy"].question == "Alla i ddilyn cwrs ar-lein?"
    assert by_key(batch)["5/cy"].language == "cy"


def test_answers_are_unescaped_html_and_questions_lose_their_entities():
    faqs = by_key(read_sample())

    assert faqs["2/en"].question == "What's the PRINCE2 Foundation exam like?"
    assert faqs["2/en"].answer.startswith("<p>It is a closed-book, multiple-choice exam")
    assert faqs["2/en"].answer_format == "html"
    assert "Prices are shown in £ and include VAT.</p>" in faqs["6/en"].answer


def test_the_top_category_is_the_topic_and_deeper_ones_and_keywords_are_tags():
    faqs = by_key(read_sample())

    assert (faqs["1/en"].topic, faqs["1/en"].tags) == ("Qualifications", ["APM", "PFQ", "PMQ"])
    assert faqs["3/en"].topic == "Qualifications"
    assert faqs["3/en"].tags == ["PRINCE2", "Practitioner"]
    assert (faqs["5/cy"].topic, faqs["5/cy"].tags) == ("Cyrsiau", ["ar-lein"])


def test_a_faq_exported_in_two_categories_takes_the_second_as_a_tag():
    faq = by_key(read_sample())["4/en"]

    assert faq.topic == "Qualifications"
    assert faq.tags == ["PRINCE2", "duration", "Courses"]


def test_last_modified_is_london_time_and_the_author_is_not_imported():
    faqs = read_sample().faqs

    assert faqs[0].last_edited == datetime.datetime(2026, 1, 12, 9, 15, tzinfo=LONDON)
    assert all("Course team" not in repr(faq) for faq in faqs)


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("20260115103000", datetime.datetime(2026, 1, 15, 10, 30, tzinfo=LONDON)),
        ("2026-07-01 09:00:30", datetime.datetime(2026, 7, 1, 9, 0, 30, tzinfo=LONDON)),
        ("2026-01-15", datetime.datetime(2026, 1, 15, 12, 0, tzinfo=LONDON)),
        ("", None),
    ],
)
def test_last_modified_is_read_in_the_forms_phpmyfaq_writes(tmp_path, written, expected):
    batch = phpmyfaq.read(write_export(tmp_path, exported(last_modified=written)))

    assert batch.faqs[0].last_edited == expected


def test_ids_written_as_text_by_older_versions_give_the_same_key(tmp_path):
    batch = phpmyfaq.read(write_export(tmp_path, exported(id="9")))

    assert batch.faqs[0].key == "9/en"


def test_keys_are_stable_across_two_reads():
    assert [faq.key for faq in read_sample().faqs] == [faq.key for faq in read_sample().faqs]


def test_the_links_between_faqs_in_the_export_give_the_linked_faqs_key():
    batch = read_sample()
    faqs = by_key(batch)

    for key in ("2/en", "3/en"):
        href = faqs[key].answer.split('href="')[1].split('"')[0]
        assert batch.link_key(href) == "4/en"


@pytest.mark.parametrize(
    "href",
    [
        "index.php?action=faq&cat=3&id=4&artlang=en",
        "index.php?action=faq&amp;cat=3&amp;id=4&amp;artlang=en",
        "https://faq.example.org/index.php?artlang=en&id=4&action=faq&cat=3",
        "/faq/?id=4&action=faq&artlang=en",
        "content/2/4/en/how-long-does-a-prince2-foundation-course-take.html",
        "https://faq.example.org/content/3/4/en/how-long.html?highlight=prince2#top",
        "/content/2/4/en/how-long.htm",
        "/content/4/en",
        "index.php?action=faq&cat=3&id=4",
    ],
)
def test_links_to_a_faq_in_any_of_phpmyfaqs_forms_give_its_key(href):
    assert read_sample().link_key(href) == "4/en"


@pytest.mark.parametrize(
    ("href", "expected"),
    [
        ("/content/1/5/cy/alla-i-ddilyn-cwrs-ar-lein.html", "5/cy"),
        ("index.php?action=faq&cat=3&id=99&artlang=en", "99/en"),
        ("index.php?action=faq&cat=3&id=5", None),
        ("index.php?action=faq&cat=3&id=4&artlang=en/../x", None),
        ("index.php?action=show&cat=3", None),
        ("content/user/images/course.png", None),
        ("https://www.example.org/prince2", None),
        ("mailto:courses@example.org", None),
    ],
)
def test_other_links_give_their_key_or_none(href, expected):
    assert read_sample().link_key(href) == expected


def test_script_tags_stay_in_the_answer_for_the_import_to_clean():
    faq = read_sample("hostile_script.json").faqs[0]

    assert faq.question == "Does this answer run a script?"
    assert "<script>alert('imported')</script>" in faq.answer


def test_a_50_mb_answer_is_refused_naming_the_item(tmp_path):
    path = write_export(tmp_path, exported(), exported(id=10, answer="x" * 50 * 2**20))

    with pytest.raises(SourceError, match=r"export.json, item 2 \(FAQ 10, en\): the answer has"):
        phpmyfaq.read(path)


def test_a_file_over_the_size_limit_is_refused_before_it_is_parsed(tmp_path, monkeypatch):
    monkeypatch.setattr(common, "MAX_SOURCE_BYTES", 100)
    path = tmp_path / "big.json"
    path.write_text("[" + " " * 200)

    with pytest.raises(SourceError, match="big.json: the file is larger than"):
        phpmyfaq.read(path)


@pytest.mark.parametrize(
    ("sample", "message"),
    [
        ("missing_question.json", r"missing_question.json, item 2 \(FAQ 2, en\): the question is"),
        ("wrong_type.json", "item 2 .*'keywords' must be a piece of text, not a list"),
        ("invalid.json", "invalid.json: not valid JSON at line 1, column"),
    ],
)
def test_a_broken_export_is_refused_naming_the_item(sample, message):
    with pytest.raises(SourceError, match=message):
        read_sample(sample)


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ({"faq": exported()}, "expected phpMyFAQ's JSON export, a list of FAQs, not an object"),
        ([], "the export holds no FAQs"),
        ([exported()], r"item 1: expected an object \{\"faq\""),
        ([{"faq": exported(id=0)}], "item 1: 'id' must be a whole number"),
        ([{"faq": exported(language="")}], "'language' must be a language code"),
        ([{"faq": exported(question="x" * 256)}], "the question has 256 characters"),
        ([{"faq": exported(keywords="x" * 101)}], "the tag 'x+…' has 101 characters"),
        ([{"faq": exported(last_modified="15/01/2026")}], "'last_modified' must be a date"),
    ],
)
def test_items_that_are_not_phpmyfaq_faqs_are_refused(tmp_path, document, message):
    with pytest.raises(SourceError, match=message):
        phpmyfaq.read(json_written(tmp_path, document))


def test_two_different_faqs_with_one_key_are_refused_naming_both(tmp_path):
    path = write_export(tmp_path, exported(), exported(question="Is there a course in Leeds?"))

    with pytest.raises(SourceError, match=r"item 1 \(FAQ 9, en\) and .*item 2 \(FAQ 9, en\)"):
        phpmyfaq.read(path)


def test_text_that_is_not_utf8_is_refused(tmp_path):
    path = tmp_path / "export.json"
    path.write_bytes(
        json.dumps([{"faq": exported()}]).encode().replace(b"Cardiff", b"Caerdydd\xff")
    )

    with pytest.raises(SourceError, match="export.json: the file is not UTF-8 text"):
        phpmyfaq.read(path)
