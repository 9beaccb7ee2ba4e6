"""Export, import into an empty site, export again: the same files. Imports never duplicate."""

import filecmp
import shutil

import pytest
from django.core.management import CommandError, call_command
from wagtail.images import get_image_model
from wagtail.models import Page

from faqbase.answers.models import Abbreviation
from faqbase.articles.models import ArticlePage
from faqbase.base.models import HomePage
from faqbase.demo import DEMO_CONTENT_DIR
from faqbase.importexport.folder import ContentError
from faqbase.importexport.services import content_export, content_import
from faqbase.knowledge.models import AlternativePhrasing, FAQPage, TopicPage


def folder_files(folder):
    return sorted(path.relative_to(folder) for path in folder.rglob("*") if path.is_file())


def assert_same_folders(first, second):
    assert folder_files(first) == folder_files(second)
    for relative in folder_files(first):
        assert filecmp.cmp(first / relative, second / relative, shallow=False), relative


def rewrite_answer(folder, slug, answer):
    faq_file = folder / "faqs" / f"{slug}.md"
    header, _old_answer = faq_file.read_text().rsplit("---\n", 1)
    faq_file.write_text(f"{header}---\n{answer}\n")


def empty_the_site():
    for page in Page.objects.filter(depth=2):
        page.delete()
    get_image_model().objects.all().delete()
    Abbreviation.objects.all().delete()


@pytest.mark.django_db
def test_export_import_into_an_empty_site_and_export_again_is_identical(tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    content_export(path=first)
    empty_the_site()
    assert not FAQPage.objects.exists()
    content_import(path=first)
    assert FAQPage.objects.live().filter(locale__language_code="en-gb").count() == 64
    assert FAQPage.objects.live().filter(locale__language_code="cy").count() >= 12
    assert Abbreviation.objects.filter(short_form="PM", full_form="project manager").exists()
    content_export(path=second)
    assert_same_folders(first, second)


def site_contents():
    pages = Page.objects.filter(depth__gt=1)
    return (
        sorted(pages.values_list("url_path", "title", "live")),
        sorted(AlternativePhrasing.objects.values_list("faq__url_path", "text")),
    )


@pytest.mark.django_db
def test_a_backup_export_restores_every_page_and_phrasing_into_an_empty_site(tmp_path):
    before = site_contents()
    content_export(path=tmp_path)
    empty_the_site()
    assert site_contents() == ([], [])
    content_import(path=tmp_path)
    assert site_contents() == before


@pytest.mark.django_db
def test_export_keeps_every_phrasing_tag_date_and_link(tmp_path):
    content_export(path=tmp_path)
    text = (tmp_path / "faqs" / "is-40-too-old-to-become-a-project-manager.md").read_text()
    source = (
        DEMO_CONTENT_DIR / "faqs" / "is-40-too-old-to-become-a-project-manager.md"
    ).read_text()
    assert "/project-management/am-i-too-old-to-be-a-project-manager/" in text
    for line in source.split("---")[1].splitlines():
        if line.startswith("- "):
            assert line in text


@pytest.mark.django_db
def test_importing_the_same_folder_again_updates_without_duplicating():
    counts = (FAQPage.objects.count(), ArticlePage.objects.count(), TopicPage.objects.count())
    images = get_image_model().objects.count()
    summary = content_import(path=DEMO_CONTENT_DIR)
    assert summary.created == 0
    assert (
        FAQPage.objects.count(),
        ArticlePage.objects.count(),
        TopicPage.objects.count(),
    ) == counts
    assert get_image_model().objects.count() == images
    assert HomePage.objects.count() == 2  # the site's own and its Welsh translation


@pytest.mark.django_db
def test_import_updates_a_changed_answer_by_slug(tmp_path):
    folder = tmp_path / "content"
    shutil.copytree(DEMO_CONTENT_DIR, folder)
    rewrite_answer(folder, "is-project-manager-a-stressful-job", "Here is a **new** answer.")
    content_import(path=folder)
    faq = FAQPage.objects.get(slug="is-project-manager-a-stressful-job")
    assert "Here is a <strong>new</strong> answer" in faq.answer
    assert FAQPage.objects.filter(slug=faq.slug).count() == 1


def demo_copy_with_a_bad_file(tmp_path, relative_path, text):
    """The demo folder with one good change, which must not land, and one bad file."""
    folder = tmp_path / "content"
    shutil.copytree(DEMO_CONTENT_DIR, folder)
    rewrite_answer(folder, "is-project-manager-a-stressful-job", "A change that must not land.")
    (folder / relative_path).write_text(text)
    return folder


BAD_FILES = {
    "not yaml": ("---\nquestion: [unclosed\n---\nAnswer.\n", "not valid YAML"),
    "no front matter": ("Just an answer.\n", "no front matter"),
    "no question": ("---\nslug: x\ntopic: project-management\n---\nAnswer.\n", "needs 'question'"),
    "bad slug": (
        "---\nquestion: Q?\nslug: Not A Slug\ntopic: project-management\n---\nA.\n",
        "slug",
    ),
    "empty answer": ("---\nquestion: Q?\nslug: q\ntopic: project-management\n---\n\n", "empty"),
    "unknown topic": ("---\nquestion: Q?\nslug: q\ntopic: gardening\n---\nA.\n", "gardening"),
    "broken link": (
        "---\nquestion: Q?\nslug: q\ntopic: project-management\n---\nSee [x](/nowhere/).\n",
        "/nowhere/",
    ),
    "bad date": (
        "---\nquestion: Q?\nslug: q\ntopic: project-management\nlast_edited: soon\n---\nA.\n",
        "last_edited",
    ),
}


@pytest.mark.django_db
@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_a_bad_file_is_named_in_the_error_and_nothing_changes(tmp_path, case):
    text, expected = BAD_FILES[case]
    folder = demo_copy_with_a_bad_file(tmp_path, "faqs/zz-broken.md", text)
    before = sorted(FAQPage.objects.values_list("slug", "title", "answer"))
    with pytest.raises(ContentError) as error:
        content_import(path=folder)
    assert "faqs/zz-broken.md" in str(error.value)
    assert expected in str(error.value)
    assert sorted(FAQPage.objects.values_list("slug", "title", "answer")) == before


@pytest.mark.django_db
def test_import_command_reports_a_clear_error(tmp_path):
    (tmp_path / "faqs").mkdir()
    (tmp_path / "faqs" / "broken.md").write_text("---\nquestion: [\n---\n")
    with pytest.raises(CommandError, match=r"Nothing was imported\. faqs/broken\.md"):
        call_command("import", str(tmp_path))


@pytest.mark.django_db
def test_export_command_refuses_a_folder_that_is_not_empty(tmp_path):
    (tmp_path / "keep.txt").write_text("mine")
    with pytest.raises(CommandError, match="not empty"):
        call_command("export", str(tmp_path))
    assert (tmp_path / "keep.txt").read_text() == "mine"


BAD_GLOSSARIES = {
    "not a list": ("PM: project manager\n", "must be a list"),
    "no full form": ("- short: PM\n", "entry 1: needs 'full'"),
    "listed twice": (
        "- {short: PM, full: project manager}\n- {short: pm, full: post meridiem}\n",
        "entry 2: 'pm' is listed twice",
    ),
    "too long": (f"- {{short: PM, full: {'x' * 101}}}\n", "limited to 100 characters"),
    "bad match_case": ("- {short: IT, full: IT, match_case: sometimes}\n", "true or false"),
}


@pytest.mark.django_db
@pytest.mark.parametrize("case", sorted(BAD_GLOSSARIES))
def test_a_bad_glossary_is_named_in_the_error_and_nothing_changes(tmp_path, case):
    text, expected = BAD_GLOSSARIES[case]
    folder = demo_copy_with_a_bad_file(tmp_path, "abbreviations.yaml", text)
    before = sorted(Abbreviation.objects.values_list("short_form", "full_form"))
    with pytest.raises(ContentError, match="abbreviations.yaml") as error:
        content_import(path=folder)
    assert expected in str(error.value)
    assert sorted(Abbreviation.objects.values_list("short_form", "full_form")) == before
    assert (
        "must not land" not in FAQPage.objects.get(slug="is-project-manager-a-stressful-job").answer
    )


@pytest.mark.django_db
def test_importing_a_glossary_updates_short_forms_in_any_case(tmp_path):
    (tmp_path / "abbreviations.yaml").write_text(
        "- {short: pm, full: programme manager}\n- {short: IT, full: information technology, "
        "match_case: true}\n"
    )
    content_import(path=tmp_path)
    assert list(
        Abbreviation.objects.filter(short_form__in=["pm", "IT"]).values_list(
            "short_form", "full_form", "match_case"
        )
    ) == [("IT", "information technology", True), ("pm", "programme manager", False)]
    assert not Abbreviation.objects.filter(short_form="PM", language="en-gb").exists()
    assert Abbreviation.objects.filter(short_form="PM", language="cy").exists()  # untouched
