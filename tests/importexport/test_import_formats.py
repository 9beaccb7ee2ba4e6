"""Each format's sample goes through the whole import: a preview that writes nothing, the
import, and a second import of the same file that adds no page."""

import io
from pathlib import Path

import pytest
from django.core.management import call_command
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Page

from faqbase.importexport.models import ImportedPage
from faqbase.importexport.planning import Action, import_plan
from faqbase.importexport.writing import import_apply
from faqbase.knowledge.models import FAQPage
from tests.importexport.sources.test_document360 import SAMPLE_IMAGES, sample_files, zip_written

pytestmark = pytest.mark.django_db

SAMPLES = Path(__file__).parent / "samples"
SOURCES = [
    "spreadsheet/faqbase.csv",
    "spreadsheet/phpmyfaq.csv",
    "phpmyfaq/faqs.json",
    "zendesk/help_center.json",
    "zendesk/paginated",
    "webpage/layout.html",
    "webpage/jsonld.html",
    "webpage/microdata.html",
]


def page_count():
    return Page.objects.count()


@pytest.mark.parametrize("sample", SOURCES)
def test_a_sample_previews_imports_and_imports_again_without_duplicates(sample, admin_user, capsys):
    source = SAMPLES / sample
    before = page_count()
    call_command("import", str(source), "--dry-run", "--topic", "project-management")
    assert "to create" in capsys.readouterr().out
    assert page_count() == before

    first = import_plan(path=source, user=admin_user, topic="project-management")
    import_apply(plan=first)
    created = first.counts()[Action.CREATE]
    assert created > 0
    assert page_count() >= before + created

    after_first = page_count()
    again = import_plan(path=source, user=admin_user, topic="project-management")
    import_apply(plan=again)
    assert page_count() == after_first
    assert again.counts()[Action.CREATE] == 0


def test_a_link_between_zendesk_articles_becomes_a_link_to_the_new_page(admin_user):
    plan = import_plan(path=SAMPLES / "zendesk/help_center.json", user=admin_user)
    import_apply(plan=plan)

    linked = [faq for faq in FAQPage.objects.all() if 'linktype="page"' in faq.answer]
    assert linked, "no imported answer links another imported FAQ"
    for faq in linked:
        assert "zendesk.com" not in faq.answer.split('linktype="page"')[0][-200:]


def test_the_seed_layout_makes_drafts_of_the_listed_questions_not_yet_answered(admin_user):
    plan = import_plan(
        path=SAMPLES / "webpage/layout.html", user=admin_user, topic="project-management"
    )
    import_apply(plan=plan)

    records = [item.record for item in plan.faqs if item.action == Action.CREATE]
    answered = [record for record in records if not record.draft]
    drafts = [record for record in records if record.draft]
    assert len(answered) == 1 and len(drafts) >= 10
    assert FAQPage.objects.get(title=answered[0].question).live
    assert not FAQPage.objects.filter(title__in=[r.question for r in drafts], live=True).exists()


def png_bytes():
    picture = io.BytesIO()
    PILImage.new("RGB", (4, 3), "navy").save(picture, format="PNG")
    return picture.getvalue()


def test_a_document360_zip_imports_with_its_pictures_as_wagtail_images(tmp_path, admin_user):
    files = {name: png_bytes() for name in SAMPLE_IMAGES} | {
        name: content for name, content in sample_files().items() if name not in SAMPLE_IMAGES
    }
    source = zip_written(tmp_path / "export.zip", files)
    images_before = get_image_model().objects.count()

    plan = import_plan(path=source, user=admin_user)
    import_apply(plan=plan)

    shown = [faq for faq in FAQPage.objects.all() if 'embedtype="image"' in faq.answer]
    assert len(shown) == 3
    # The same picture file is stored once, however many answers show it.
    assert get_image_model().objects.count() == images_before + 1
    assert "<img" not in "".join(faq.answer for faq in FAQPage.objects.all())
    import_apply(plan=import_plan(path=source, user=admin_user))
    assert get_image_model().objects.count() == images_before + 1


def test_a_zendesk_article_in_welsh_becomes_the_translation_of_its_english_version(admin_user):
    plan = import_plan(path=SAMPLES / "zendesk/help_center.json", user=admin_user)
    import_apply(plan=plan)

    welsh = [item for item in plan.faqs if item.language == "cy"]
    assert welsh and all(item.translates for item in welsh)
    for item in welsh:
        translation = ImportedPage.objects.get(system="zendesk", key=item.record.key).page
        group = item.record.translation_group
        english = ImportedPage.objects.get(
            system="zendesk", translation_group=group, page__locale__language_code="en-gb"
        ).page
        assert translation.translation_key == english.translation_key
        assert translation.get_parent().translation_key == english.get_parent().translation_key
        assert FAQPage.objects.get(pk=translation.pk).title == item.record.question
