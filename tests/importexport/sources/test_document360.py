"""A Document360 project export is read from its ZIP in memory: articles in JSON, Markdown or
HTML become FAQs under their category, with the images they show and the links between them;
a broken or hostile ZIP is refused with a message naming the file inside it."""

import datetime
import json
import zipfile

import pytest

from faqbase.importexport.sources import SourceError, common, document360
from tests.importexport.sources.support import LONDON, SAMPLES_ROOT, by_question

SAMPLE = SAMPLES_ROOT / "document360" / "export"
PRINCE2 = "v1/en/PRINCE2 courses"
APM = "v1/en/APM qualifications"
# The images the sample's answers show, and one no answer shows; the reader never checks that
# they are pictures (the import does), so a few bytes stand for each.
SAMPLE_IMAGES = {
    "media/images/prince2-principles.png": b"principles picture",
    "media/images/foundation-timetable.png": b"timetable picture",
    "media/images/online-exam-room.png": b"exam room picture",
    "media/images/unused-banner.png": b"banner no answer shows",
}


def zip_written(path, files):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return path


def sample_files():
    files = {
        file.relative_to(SAMPLE).as_posix(): file.read_bytes()
        for file in sorted(SAMPLE.rglob("*"))
        if file.is_file()
    }
    return files | SAMPLE_IMAGES


def read_files(tmp_path, files, name="export.zip"):
    return document360.read(zip_written(tmp_path / name, files))


def read_sample(tmp_path, **extra_files):
    return read_files(tmp_path, sample_files() | extra_files)


def article(**fields):
    return json.dumps({"id": "a1", "title": "What is PRINCE2?", "content": "A method."} | fields)


def test_articles_become_faqs_under_their_categories(tmp_path):
    batch = read_sample(tmp_path)

    assert batch.system == "document360"
    faqs = by_question(batch)
    assert sorted(faqs) == [
        "Can I sit the exam online?",
        "How long does the APM PMQ course take?",
        "How long is the PRINCE2 Foundation course?",
        "What do I need before I take the APM PMQ?",
        "What is PRINCE2?",
        "What is the APM Project Fundamentals Qualification?",
    ]
    # The sub-category is a tag, after which the article's own tags follow.
    course_length = faqs["How long is the PRINCE2 Foundation course?"]
    assert course_length.topic == "PRINCE2 courses"
    assert course_length.tags == ["Foundation", "PRINCE2", "course length"]
    assert faqs["What is PRINCE2?"].tags == ["PRINCE2", "methods"]
    assert faqs["What is the APM Project Fundamentals Qualification?"].topic == "APM qualifications"
    assert {faq.language for faq in batch.faqs} == {"en", "en-GB"}


def test_each_format_gives_its_answer_as_written(tmp_path):
    faqs = by_question(read_sample(tmp_path))

    principles = faqs["What is PRINCE2?"]
    assert principles.answer_format == "markdown"
    assert principles.answer.startswith("PRINCE2 is a process-based method")
    assert principles.slug == "what-is-prince2"
    # .NET's spelling of the fields ("HtmlContent", "ContentType") is read as the API's.
    entry = faqs["What do I need before I take the APM PMQ?"]
    assert entry.answer_format == "html"
    assert entry.answer.startswith("<p>There are no formal entry requirements")
    online = faqs["Can I sit the exam online?"]
    assert online.answer_format == "html"
    assert online.answer.startswith("<p>Yes. The Foundation and Practitioner exams")
    assert "<h1>" not in online.answer and "<title>" not in online.answer
    # A Markdown file without front matter: its "# " heading is the question, not the answer.
    pfq = faqs["What is the APM Project Fundamentals Qualification?"]
    assert pfq.answer.startswith("The APM Project Fundamentals Qualification (PFQ)")
    assert "# What is" not in pfq.answer


def test_keys_are_the_article_ids_or_paths_and_stay_the_same(tmp_path):
    first = read_sample(tmp_path)
    second = read_files(tmp_path, sample_files(), name="again.zip")

    keys = {faq.question: faq.key for faq in first.faqs}
    assert keys["What is PRINCE2?"] == "5f0c2d1e-8a3b-4c6d-9e7f-102030405060/en"
    assert keys["Can I sit the exam online?"] == "2a3b4c5d-0001-4e6f-8a9b-0c1d2e3f4a5b/en-GB"
    assert keys["What is the APM Project Fundamentals Qualification?"] == (
        f"{APM}/what-is-the-apm-pfq.md"
    )
    assert [faq.key for faq in second.faqs] == [faq.key for faq in first.faqs]


def test_hidden_draft_and_unpublished_articles_are_drafts(tmp_path):
    faqs = by_question(read_sample(tmp_path))

    assert faqs["What do I need before I take the APM PMQ?"].draft
    assert not any(faq.draft for faq in faqs.values() if "APM PMQ?" not in faq.question)


def test_a_hidden_category_hides_its_articles(tmp_path):
    batch = read_files(
        tmp_path,
        {
            "Exams/category.json": json.dumps({"name": "Exams and results", "hidden": True}),
            "Exams/resits.json": article(title="Can I resit an exam?", status="published"),
        },
    )

    [resits] = batch.faqs
    assert resits.topic == "Exams and results"
    assert resits.draft


def test_modified_dates_are_aware_and_a_bare_date_is_noon_in_london(tmp_path):
    faqs = by_question(read_sample(tmp_path))

    assert faqs["What is PRINCE2?"].last_edited == datetime.datetime(
        2026, 3, 2, 9, 15, tzinfo=datetime.UTC
    )
    assert faqs["How long is the PRINCE2 Foundation course?"].last_edited == datetime.datetime(
        2026, 2, 10, 12, tzinfo=LONDON
    )
    assert faqs["Can I sit the exam online?"].last_edited == datetime.datetime(
        2026, 1, 20, 14, tzinfo=LONDON
    )
    assert faqs["How long does the APM PMQ course take?"].last_edited is None


def test_only_the_images_the_answers_show_are_loaded_under_their_src(tmp_path):
    images = read_sample(tmp_path).images

    assert images == {
        # From Markdown, relative to the article.
        "../../../../media/images/foundation-timetable.png": b"timetable picture",
        # From HTML, relative to the ZIP's root.
        "media/images/online-exam-room.png": b"exam room picture",
        # Document360's CDN address, found by its name in the media folder.
        "https://cdn.document360.io/3e9a1c70-0000-4000-8000-000000000001/Images/Documentation/"
        "prince2-principles.png": b"principles picture",
    }
    # pfq-syllabus.png is shown but not in the ZIP: the import drops it, no error here.


def test_links_between_articles_give_the_linked_article_key(tmp_path):
    batch = read_sample(tmp_path)
    keys = {faq.question: faq.key for faq in batch.faqs}
    link_key = batch.link_key

    assert link_key("../PRINCE2%20courses/what-is-prince2.json") == keys["What is PRINCE2?"]
    assert (
        link_key("/v1/docs/how-long-is-the-foundation-course")
        == (keys["How long is the PRINCE2 Foundation course?"])
    )
    assert (
        link_key("https://training.example.org/docs/en/what-is-prince2")
        == (keys["What is PRINCE2?"])
    )
    assert (
        link_key("/docs/can-i-sit-the-exam-online#booking") == (keys["Can I sit the exam online?"])
    )
    assert link_key("https://www.apm.org.uk/qualifications/") is None
    assert link_key("/docs/no-such-article") is None
    assert link_key("mailto:courses@example.org") is None


def test_each_translation_is_a_record_of_its_own_language(tmp_path):
    french = {"title": "Qu'est-ce que PRINCE2 ?", "content": "Une méthode."}
    batch = read_files(
        tmp_path,
        {
            "v1/en/Courses/prince2.json": article(slug="what-is-prince2"),
            "v1/fr/Cours/prince2.json": article(slug="what-is-prince2", **french),
        },
    )

    assert [(faq.key, faq.language, faq.topic) for faq in batch.faqs] == [
        ("a1/en", "en", "Courses"),
        ("a1/fr", "fr", "Cours"),
    ]
    assert batch.link_key("/v1/docs/fr/what-is-prince2") == "a1/fr"
    # Without a language the address could mean either translation.
    assert batch.link_key("/v1/docs/what-is-prince2") is None


def test_a_script_tag_stays_in_the_answer_as_the_export_has_it(tmp_path):
    script = "<script>alert('owned')</script>"
    batch = read_files(
        tmp_path,
        {
            "Exams/hostile.json": article(content_type=1, html_content=f"<p>Hi</p>{script}"),
            "Exams/hostile.html": f"<h1>Is this safe?</h1><p>Yes.</p>{script}",
        },
    )

    assert [script in faq.answer for faq in batch.faqs] == [True, True]


def test_a_50_mb_article_is_refused_naming_it(tmp_path):
    huge = article(content="x" * (50 * 2**20))

    with pytest.raises(SourceError, match=r"export\.zip, Exams/huge\.json: the file is 50\.0 MB"):
        read_files(tmp_path, {"Exams/huge.json": huge})


def test_an_image_over_10_mb_is_refused_naming_it(tmp_path):
    files = {
        "Exams/plan.md": "# What does the exam room look like?\n\n![Room](/media/images/room.png)",
        "media/images/room.png": b"\0" * (11 * 2**20),
    }

    with pytest.raises(SourceError, match=r"media/images/room\.png: the image shown in Exams/plan"):
        read_files(tmp_path, files)


def test_a_malformed_json_article_is_refused_naming_its_path(tmp_path):
    files = {"Exams/broken.json": '{"title": "Can I resit?", "content": '}

    with pytest.raises(SourceError, match=r"export\.zip, Exams/broken\.json: not valid JSON"):
        read_files(tmp_path, files)


def test_an_article_without_a_title_is_refused_naming_it(tmp_path):
    files = {"Exams/untitled.md": "Just some text, no heading."}

    with pytest.raises(SourceError, match=r"Exams/untitled\.md: the article has no title"):
        read_files(tmp_path, files)


def test_an_entry_climbing_out_of_the_export_is_refused(tmp_path):
    files = {"Exams/resits.json": article(), "../../etc/cron.d/evil": "* * * * * root true"}

    with pytest.raises(SourceError, match=r"\.\./\.\./etc/cron\.d/evil: the entry's path"):
        read_files(tmp_path, files)


def test_an_absolute_entry_is_refused(tmp_path):
    files = {"Exams/resits.json": article(), "/etc/passwd": "root:x:0:0"}

    with pytest.raises(SourceError, match=r"/etc/passwd: the entry's path is absolute"):
        read_files(tmp_path, files)


def test_an_export_too_large_uncompressed_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(common, "MAX_SOURCE_BYTES", 1000)

    with pytest.raises(SourceError, match=r"export\.zip: uncompressed, the export is larger"):
        read_files(tmp_path, {"Exams/resits.json": article(content="x" * 2000)})


def test_a_file_that_is_not_a_zip_is_refused(tmp_path):
    path = tmp_path / "export.zip"
    path.write_text("title,content\nWhat is PRINCE2?,A method.\n")

    with pytest.raises(SourceError, match=r"export\.zip: not a ZIP file"):
        document360.read(path)


def test_the_same_article_twice_is_refused_naming_both(tmp_path):
    files = {"Exams/one.json": article(), "Courses/two.json": article()}

    with pytest.raises(SourceError, match=r"'a1' twice, as export\.zip, Exams/one\.json and as"):
        read_files(tmp_path, files)


def test_an_export_of_nothing_but_media_is_refused(tmp_path):
    with pytest.raises(SourceError, match=r"export\.zip: the export holds no articles"):
        read_files(tmp_path, {"media/images/logo.png": b"logo"})
