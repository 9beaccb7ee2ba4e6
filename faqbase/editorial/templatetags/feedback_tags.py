"""The "Was this helpful?" form on FAQ pages, given by the app that collects the votes."""

from django import template

from faqbase.caching.query import page_query_used

from ..models import FAQFeedback

register = template.Library()


@register.inclusion_tag("includes/feedback_form.html", takes_context=True)
def feedback_form(context, faq):
    """The form, or the thanks after a vote (`?feedback=thanks`, a page of its own in the cache)."""
    request = context["request"]
    thanks = request.GET.get("feedback") == "thanks"
    if thanks:
        page_query_used(request, "feedback", "thanks")
    return {"page": faq, "feedback_reasons": FAQFeedback.Reason.choices, "feedback_thanks": thanks}
