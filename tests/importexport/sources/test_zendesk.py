"""A Zendesk Help Center export, one file or a folder of paginated files, comes back as faithful
records: a record for each article in each locale, its category as the topic, its section and
labels as tags; a broken or hostile export is refused naming the article."""

import dataclasses
import datetime
import json
import shutil

import pytest

from faqbase.importexport.sources import SourceError, common, zendesk
from tests.importexport.sources.support import LONDON, SAMPLES_ROOT, by_key, json_written

SAMPLES = SAMPLES_ROOT / "zendesk"
ARTICLE = 360001000001


def read_sample(name="help_center.json"):
    return zendesk.read(SAMPLES / name)


def sample_document():
    return json.loads((SAMPLES / "help_center.json").read_text(encoding="utf-8"))


def with_article(**fields):
    """The sample with its first article changed."""
    document = sample_document()
    document["articles"][0] |= fields
    return document


def test_each_article_in_each_locale_is_one_record_keyed_by_id_and_locale():
    batch = read_sample()

    assert batch.system == "zendesk"
    assert list(by_key(batch)) == [
        "360001000001/en-gb",
        "360001000002/en-gb",
        "360001000003/en-gb",
        "360001000004/en-gb",
        "360001000001/cy",
    ]
    welsh = by_key(batch)["360001000001/cy"]
    assert (welsh.question, welsh.language) == ("Gyda pha gwrs PRINCE2 y dylwn i ddechrau?", "cy")


def test_the_category_is_the_topic_in_the_articles_locale_and_section_and_labels_are_tags():
    faqs = by_key(read_sample())

    assert faqs["360001000001/en-gb"].topic == "Qualifications"
    assert faqs["360001000001/en-gb"].tags == ["PRINCE2", "prince2", "foundation"]
    assert faqs["360001000001/cy"].topic == "Cymwysterau"
    assert faqs["360001000003/en-gb"].topic == "Courses"
    assert faqs["360001000003/en-gb"].tags == ["Course formats", "online", "Online"]


def test_the_title_is_the_question_and_the_body_the_answer_html():
    faq = by_key(read_sample())["360001000004/en-gb"]

    assert faq.question == "How long should I spend preparing for an exam?"
    assert faq.answer.startswith("<ul><li>Read the course notes after each day.</li>")
    assert faq.answer_format == "html"
    assert faq.where == "help_center.json, article 360001000004"


def test_drafts_stay_drafts_and_edited_at_is_an_aware_time():
    faqs = by_key(read_sample())

    assert [key for key, faq in faqs.items() if faq.draft] == ["360001000002/en-gb"]
    edited = faqs["360001000001/en-gb"].last_edited
    assert edited == datetime.datetime(2026, 1, 15, 10, 30, tzinfo=datetime.UTC)


def test_a_folder_of_paginated_files_reads_as_the_single_file_does():
    def said(batch):
        return [dataclasses.replace(faq, where="") for faq in batch.faqs]

    folder = read_sample("paginated")

    assert said(folder) == said(read_sample())
    assert folder.faqs[0].where == "articles.json, article 360001000001"


def test_keys_are_stable_across_two_reads():
    assert [faq.key for faq in read_sample().faqs] == [faq.key for faq in read_sample().faqs]


def test_a_link_in_one_article_to_another_gives_that_articles_key():
    batch = read_sample()
    answer = by_key(batch)["360001000001/en-gb"].answer
    href = answer.split('href="')[1].split('"')[0]

    assert batch.link_key(href) == "360001000003/en-gb"


@pytest.mark.parametrize(
    ("href", "expected"),
    [
        ("https://x.zendesk.com/hc/en-gb/articles/360001000003-Can-I-study-online", "/en-gb"),
        ("https://help.example.org/hc/en-gb/articles/360001000003", "/en-gb"),
        ("/hc/EN-GB/articles/360001000003-Can-I-study-online#formats", "/en-gb"),
        ("/hc/articles/360001000003", "/en-gb"),
        ("/hc/cy/articles/360001000003", "/cy"),
    ],
)
def test_links_to_help_center_articles_give_their_key(href, expected):
    assert read_sample().link_key(href) == f"360001000003{expected}"


@pytest.mark.parametrize(
    "href",
    [
        "/hc/articles/360001000001",  # in two locales: which one is not certain
        "/hc/articles/360009999999",
        "/hc/en-gb/sections/360000100001-PRINCE2",
        "https://www.example.org/hc-articles/360001000003",
        "mailto:courses@example.org",
    ],
)
def test_other_links_give_none(href):
    assert read_sample().link_key(href) is None


def test_script_tags_stay_in_the_body_for_the_import_to_clean():
    faq = read_sample("hostile_script.json").faqs[0]

    assert faq.question == "Does this article run a script?"
    assert "<script>alert('imported')</script>" in faq.answer


def test_a_50_mb_body_is_refused_naming_the_article(tmp_path):
    path = json_written(tmp_path, with_article(body="x" * 50 * 2**20))

    with pytest.raises(SourceError, match=f"export.json, article {ARTICLE}: the body has"):
        zendesk.read(path)


def test_an_export_over_the_size_limit_is_refused_before_it_is_parsed(tmp_path, monkeypatch):
    monkeypatch.setattr(common, "MAX_SOURCE_BYTES", 100)
    folder = tmp_path / "export"
    shutil.copytree(SAMPLES / "paginated", folder)

    with pytest.raises(SourceError, match="export: the export is larger than"):
        zendesk.read(folder)


@pytest.mark.parametrize(
    ("sample", "message"),
    [
        ("missing_title.json", "article 360001000010: the title, the FAQ's question, is empty"),
        ("wrong_type.json", "article 360001000011: 'draft' must be true or false, not a piece of"),
        ("missing_section.json", "article 360001000012: its section 360000199999 is not among"),
        ("invalid.json", "invalid.json: not valid JSON at line"),
    ],
)
def test_a_broken_export_is_refused_naming_the_article(sample, message):
    with pytest.raises(SourceError, match=message):
        read_sample(sample)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"title": "x" * 256}, "the title has 256 characters"),
        ({"label_names": "prince2"}, "'label_names' must be a list of texts"),
        ({"label_names": ["x" * 101]}, "the tag 'x+…' has 101 characters"),
        ({"locale": None}, "'locale' must be a locale such as 'en-gb'"),
        ({"section_id": None}, "'section_id' must be a whole number"),
        ({"edited_at": "last Tuesday"}, "'edited_at' must be a time"),
        ({"body": 42}, "'body' must be a piece of text, not a number"),
    ],
)
def test_articles_with_fields_of_the_wrong_kind_are_refused(tmp_path, fields, message):
    with pytest.raises(SourceError, match=f"export.json, article {ARTICLE}: {message}"):
        zendesk.read(json_written(tmp_path, with_article(**fields)))


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ({"articles": [{"title": "No id"}]}, "page 1, article no. 1: 'id' must be a whole"),
        ({"articles": ["an article"]}, "page 1, article no. 1: expected an object"),
        ({"articles": {"id": 1}}, "page 1: 'articles' must be a list"),
        ({"results": []}, "page 1: expected a page of the Help Center API"),
        ({"articles": [], "next_page": None}, "export.json: the export holds no articles"),
    ],
)
def test_documents_that_are_not_help_center_pages_are_refused(tmp_path, document, message):
    with pytest.raises(SourceError, match=message):
        zendesk.read(json_written(tmp_path, document))


def test_a_category_missing_from_the_export_is_refused_naming_the_article(tmp_path):
    document = sample_document()
    document["categories"] = document["categories"][2:]

    with pytest.raises(SourceError, match=f"article {ARTICLE}: its section's category"):
        zendesk.read(json_written(tmp_path, document))


def test_an_article_twice_in_one_locale_is_refused_naming_both_places(tmp_path):
    document = sample_document()
    document["articles"].append(document["articles"][0])

    with pytest.raises(
        SourceError, match="article no. 1 and as export.json, page 1, article no. 6"
    ):
        zendesk.read(json_written(tmp_path, document))


def test_a_folder_without_its_three_files_is_refused(tmp_path):
    folder = tmp_path / "export"
    shutil.copytree(SAMPLES / "paginated", folder)
    (folder / "sections.json").unlink()

    with pytest.raises(SourceError, match="export: the folder needs .* sections.json is missing"):
        zendesk.read(folder)


def test_a_section_inside_another_gives_both_names_as_tags(tmp_path):
    document = sample_document()
    parent = document["sections"][2] | {"id": 360000100009, "name": "Professional"}
    document["sections"].append(parent)
    document["sections"][0]["parent_section_id"] = 360000100009

    faq = zendesk.read(json_written(tmp_path, document)).faqs[0]

    assert faq.tags[:2] == ["Professional", "PRINCE2"]


def test_a_date_without_a_time_is_noon_in_london(tmp_path):
    faq = zendesk.read(json_written(tmp_path, with_article(edited_at="2026-01-15"))).faqs[0]

    assert faq.last_edited == datetime.datetime(2026, 1, 15, 12, 0, tzinfo=LONDON)


def test_an_article_for_a_user_segment_arrives_as_a_draft(tmp_path):
    restricted = with_article(user_segment_id=360000123456, draft=False)

    faq = zendesk.read(json_written(tmp_path, restricted)).faqs[0]

    assert faq.draft
