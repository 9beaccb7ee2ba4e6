"""Links from the search page."""

from django import template
from django.urls import reverse
from django.utils.http import urlencode

from faqbase.answers.engine.collection import FAQRecord
from faqbase.knowledge.models import FAQPage

register = template.Library()


@register.simple_tag
def result_url(result, query):
    """Where a result links to; an FAQ's link records, on the way, that the visitor chose it."""
    if isinstance(result, FAQPage | FAQRecord):
        opened = reverse("search_result_opened", args=[int(result.id)])
        return f"{opened}?{urlencode({'q': query})}"
    return result.url
