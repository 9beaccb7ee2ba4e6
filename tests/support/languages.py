"""The demo's Welsh translations, found from their English sources."""

from wagtail.models import Locale

from faqbase.knowledge.models import FAQPage

TOO_OLD_SLUG = "am-i-too-old-to-be-a-project-manager"
# An English FAQ the demo does not translate into Welsh.
UNTRANSLATED_SLUG = "is-project-manager-a-stressful-job"


def english_faq(slug):
    return FAQPage.objects.get(slug=slug, locale=Locale.get_default())


def welsh_translation(page):
    return page.get_translation(Locale.objects.get(language_code="cy")).specific
