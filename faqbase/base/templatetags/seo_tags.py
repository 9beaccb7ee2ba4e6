"""Template tags for structured data and canonical links."""

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()

# The same escapes Django's json_script uses, so "</script>" in content cannot end the element.
SCRIPT_SAFE_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag
def json_ld(data):
    """A <script type="application/ld+json"> element holding `data`, safe for any content."""
    payload = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(
        SCRIPT_SAFE_ESCAPES
    )
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))


@register.simple_tag(takes_context=True)
def absolute_url(context, path):
    return context["request"].build_absolute_uri(path)


@register.simple_tag(takes_context=True)
def breadcrumbs(context, page):
    """The page's trail: the one its view already worked out for the JSON-LD, if there is one."""
    from faqbase.base.navigation import breadcrumb_trail

    return context.get("breadcrumb_trail") or breadcrumb_trail(page)


@register.simple_tag(takes_context=True)
def language_versions(context):
    """This page in each content language, for hreflang links and the language switcher."""
    from faqbase.base.languages import page_language_versions, view_language_versions

    request = context.get("request")
    if request is None:
        return []
    page = context.get("page")
    if page is not None and getattr(page, "pk", None):
        return page_language_versions(page, request)
    return view_language_versions(request, context.get("language_query_string", ""))


@register.filter
def html_lang(code):
    from faqbase.base.languages import language_tag

    return language_tag(code)


@register.filter
def og_locale(code):
    from faqbase.base.languages import og_locale as locale_name

    return locale_name(code)
