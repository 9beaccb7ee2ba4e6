"""Content folders carry translations: a language folder (cy/) whose files name their source."""

import shutil

import pytest
import yaml
from wagtail.models import Locale

from faqbase.articles.models import ArticlePage
from faqbase.base.models import HomePage
from faqbase.demo import DEMO_CONTENT_DIR
from faqbase.importexport.folder import ContentError
from faqbase.importexport.services import content_export, content_import
from faqbase.knowledge.models import FAQPage, TopicPage
from tests.support.languages import TOO_OLD_SLUG, english_faq, welsh_translation

pytestmark = pytest.mark.django_db


def front_matter(path):
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])


def welsh_files(folder, section):
    return sorted((folder / "cy" / section).glob("*.md"))


def test_the_demo_welsh_pages_are_translations_of_their_english_sources():
    welsh = Locale.objects.get(language_code="cy")
    for path in welsh_files(DEMO_CONTENT_DIR, "faqs"):
        meta = front_matter(path)
        faq = FAQPage.objects.get(locale=welsh, slug=meta["slug"])
        source = english_faq(meta["translation_of"])
        assert faq.translation_key == source.translation_key
        assert faq.live and faq.title == meta["question"]
        assert faq.get_parent().translation_key == source.get_parent().translation_key
        assert faq.url.startswith("/cy/")
    assert HomePage.objects.get(locale=welsh).translation_key == (
        HomePage.in_default_locale().translation_key
    )


def test_the_welsh_faq_keeps_its_own_phrasings_and_dates():
    english = english_faq(TOO_OLD_SLUG)
    welsh = welsh_translation(english)
    meta = next(
        front_matter(path)
        for path in welsh_files(DEMO_CONTENT_DIR, "faqs")
        if front_matter(path)["translation_of"] == TOO_OLD_SLUG
    )
    assert [p.text for p in welsh.alternative_phrasings.all()] == meta["also_asked_as"]
    assert welsh.last_reviewed == meta["last_reviewed"]
    assert welsh.title != english.title


def test_an_export_writes_each_translation_beside_its_language_and_imports_back(tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    content_export(path=first)
    exported = welsh_files(first, "faqs")
    assert len(exported) == len(welsh_files(DEMO_CONTENT_DIR, "faqs")) >= 12
    for path in exported:
        meta = front_matter(path)
        assert "topic" not in meta
        assert FAQPage.objects.filter(slug=meta["translation_of"], locale__language_code="en-gb")
    assert front_matter(first / "cy" / "topics" / "rheoli-prosiectau.md")["translation_of"] == (
        "project-management"
    )
    content_import(path=first)
    content_export(path=second)
    assert sorted(p.relative_to(second) for p in second.rglob("*.md")) == sorted(
        p.relative_to(first) for p in first.rglob("*.md")
    )
    for path in first.rglob("*.md"):
        assert path.read_text() == (second / path.relative_to(first)).read_text(), path


def test_importing_the_demo_again_duplicates_no_translation():
    counts = FAQPage.objects.count(), TopicPage.objects.count(), HomePage.objects.count()
    summary = content_import(path=DEMO_CONTENT_DIR)
    assert summary.created == 0
    assert (FAQPage.objects.count(), TopicPage.objects.count(), HomePage.objects.count()) == counts


def welsh_folder_with(tmp_path, relative, text):
    folder = tmp_path / "content"
    shutil.copytree(DEMO_CONTENT_DIR, folder)
    target = folder / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return folder


BAD_TRANSLATIONS = {
    "unknown source": (
        "cy/faqs/zz.md",
        "---\nquestion: Cwestiwn?\nslug: zz\ntranslation_of: no-such-faq\n---\nAteb.\n",
        "translates 'no-such-faq', which is not a page of the site",
    ),
    "no source named": (
        "cy/faqs/zz.md",
        "---\nquestion: Cwestiwn?\nslug: zz\n---\nAteb.\n",
        "needs 'translation_of'",
    ),
    "source in the site's own folder": (
        "faqs/zz.md",
        "---\nquestion: Q?\nslug: zz\ntopic: project-management\n"
        f"translation_of: {TOO_OLD_SLUG}\n---\nA.\n",
        "'translation_of' belongs in a language folder",
    ),
    "translated twice": (
        "cy/faqs/zz.md",
        f"---\nquestion: Cwestiwn?\nslug: zz\ntranslation_of: {TOO_OLD_SLUG}\n---\nAteb.\n",
        f"'{TOO_OLD_SLUG}' is translated also by",
    ),
    "language the site does not have": (
        "xx/faqs/zz.md",
        f"---\nquestion: Q?\nslug: zz\ntranslation_of: {TOO_OLD_SLUG}\n---\nA.\n",
        "xx/: not a language this site translates into (cy)",
    ),
    "glossary that is not a list": (
        "cy/abbreviations.yaml",
        "PM: rheolwr prosiect\n",
        "cy/abbreviations.yaml: must be a list",
    ),
    "link to a page not in Welsh": (
        "cy/faqs/zz.md",
        "---\nquestion: Cwestiwn?\nslug: zz\ntranslation_of: is-project-manager-a-stressful-job"
        "\n---\nGweler [hyn](/rheoli-prosiectau/dim-tudalen/).\n",
        "links to /rheoli-prosiectau/dim-tudalen/",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_TRANSLATIONS))
def test_a_bad_translation_is_named_and_nothing_changes(tmp_path, case):
    relative, text, expected = BAD_TRANSLATIONS[case]
    folder = welsh_folder_with(tmp_path, relative, text)
    before = sorted(FAQPage.objects.values_list("locale__language_code", "slug", "title"))
    with pytest.raises(ContentError) as error:
        content_import(path=folder)
    assert relative.split("/", 1)[0] in str(error.value)
    assert expected in str(error.value)
    assert sorted(FAQPage.objects.values_list("locale__language_code", "slug", "title")) == before


def test_a_translated_faq_needs_its_topic_translated(tmp_path):
    for page in TopicPage.objects.filter(locale__language_code="cy"):
        page.delete()
    folder = tmp_path / "content"
    shutil.copytree(DEMO_CONTENT_DIR, folder)
    shutil.rmtree(folder / "cy" / "topics")
    with pytest.raises(ContentError, match="its topic 'project-management' is translated neither"):
        content_import(path=folder)


def test_a_translated_article_sits_in_the_welsh_article_index_on_the_welsh_topic(tmp_path):
    folder = welsh_folder_with(
        tmp_path,
        "cy/articles/dull-rhaeadr.md",
        "---\ntitle: Y dull rhaeadr\nslug: dull-rhaeadr\nkind: article\n"
        "translation_of: waterfall-method\ndate: 2026-01-05\nteaser: Camau yn eu trefn.\n---\n"
        "Mae pob cam yn dechrau pan fydd yr un o'i flaen wedi gorffen.\n",
    )
    content_import(path=folder)
    english = ArticlePage.objects.get(slug="waterfall-method", locale=Locale.get_default())
    welsh = english.get_translation(Locale.objects.get(language_code="cy")).specific
    assert welsh.live and welsh.title == "Y dull rhaeadr"
    assert welsh.url.startswith("/cy/articles/")
    assert {topic.locale.language_code for topic in welsh.topics.all()} == {"cy"}
    assert welsh.get_parent().specific.locale.language_code == "cy"
