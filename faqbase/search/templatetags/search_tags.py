"""Links from the search page, and what the search boxes' suggestions need."""

from django import template
from django.urls import reverse
from django.utils.http import urlencode

from faqbase.answers.api import SUGGESTIONS
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


@register.simple_tag
def suggestion_counts():
    """Every number of suggestions a search box can show: its status message is translated
    for each, since languages word "3 suggested questions" differently for different numbers."""
    return range(1, SUGGESTIONS + 1)
