"""The editors' moderation of visitor questions: reject, mark as spam, or start a draft FAQ."""

from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from faqbase.base.permissions import denied_as_403
from faqbase.knowledge.models import FAQPage, TopicPage

from .models import VisitorQuestion
from .services import (
    EditorialError,
    submission_to_draft,
    topic_of_closest,
    visitor_question_for_moderation,
    visitor_question_moderate,
)

OUTCOMES = {"reject": VisitorQuestion.Status.REJECTED, "spam": VisitorQuestion.Status.SPAM}


@denied_as_403
def moderate_visitor_question(request, pk):
    question = visitor_question_for_moderation(pk=pk, user=request.user)
    if request.method == "POST":
        try:
            return moderation_done(request, question, request.POST.get("action", ""))
        except EditorialError as error:
            messages.error(request, str(error))
    closest_ids = [item["faq_id"] for item in question.closest_faqs]
    closest = sorted(
        FAQPage.objects.filter(pk__in=closest_ids), key=lambda faq: closest_ids.index(faq.pk)
    )
    return TemplateResponse(
        request,
        "editorial/admin/moderate_visitor_question.html",
        {
            "question": question,
            "closest": closest,
            "topics": TopicPage.objects.order_by("title"),
            "suggested_topic": topic_of_closest(closest_ids),
        },
    )


def moderation_done(request, question, action):
    if action == "draft":
        topic_id = request.POST.get("topic", "")
        topic = TopicPage.objects.filter(pk=topic_id).first() if topic_id.isdigit() else None
        if topic is None:
            raise EditorialError(_("Choose a topic for the draft FAQ."))
        draft = submission_to_draft(question=question, user=request.user, topic=topic)
        messages.success(request, _("Draft FAQ created: write its answer, then publish it."))
        return redirect("wagtailadmin_pages:edit", draft.pk)
    if action not in OUTCOMES:
        raise EditorialError(_("Choose what to do with the question."))
    visitor_question_moderate(question=question, user=request.user, status=OUTCOMES[action])
    messages.success(
        request,
        _("Question marked as %(status)s.") % {"status": OUTCOMES[action].label.lower()},
    )
    return redirect("visitor_questions:index")
