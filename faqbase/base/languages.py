"""The languages a page is read in: its translations for hreflang links and the switcher."""

from dataclasses import dataclass

from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language, to_locale
from wagtail.models import Page


@dataclass
class LanguageVersion:
    code: str  # Django's language code, e.g. "en-gb"
    name: str  # the language's name as the settings give it, in itself: "Cymraeg"
    url: str  # the page in this language, or else where the switcher sends the reader
    translated: bool  # False: the page itself is not in this language yet
    current: bool

    @property
    def hreflang(self):
        return language_tag(self.code)


def language_tag(code):
    """The BCP 47 tag HTML's lang and hreflang expect: "en-GB" for Django's "en-gb"."""
    language, _, region = code.partition("-")
    return f"{language}-{region.upper()}" if region else language


def og_locale(code):
    return to_locale(code)


def page_language_versions(page, request):
    """The page in each content language: its live public translation where there is one,
    else the nearest ancestor that has one (its topic, or the home page), marked untranslated.

    One query: the live public pages sharing a translation key with the page or an ancestor.
    """
    current = get_language()
    lineage = page.get_ancestors(inclusive=True).filter(depth__gt=1).values("translation_key")
    candidates = (
        Page.objects.live()
        .public()
        .filter(translation_key__in=lineage)
        .select_related("locale")
        .order_by("-depth")
    )
    nearest = {}
    for candidate in candidates:
        nearest.setdefault(candidate.locale.language_code, candidate)
    return [
        LanguageVersion(
            code=code,
            name=name,
            url=nearest[code].get_url(request),
            translated=nearest[code].translation_key == page.translation_key,
            current=code == current,
        )
        for code, name in settings.WAGTAIL_CONTENT_LANGUAGES
        if code in nearest
    ]


def view_language_versions(request, query_string=""):
    """A page that is a view rather than a Wagtail page (search, ask) exists in every language;
    `query_string` is what the view carries over (the search, as the view read it)."""
    current = get_language()
    suffix = f"?{query_string}" if query_string else ""
    return [
        LanguageVersion(
            code=code,
            name=name,
            url=translate_url(request.path, code) + suffix,
            translated=True,
            current=code == current,
        )
        for code, name in settings.WAGTAIL_CONTENT_LANGUAGES
    ]
