"""The editors' moderation of visitor questions: reject, mark as spam, or start a draft FAQ."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse

from faqbase.knowledge.models import FAQPage, TopicPage

from .models import VisitorQuestion
from .services import (
    EditorialError,
    submission_to_draft,
    topic_of_closest,
    visitor_question_moderate,
)

OUTCOMES = {"reject": VisitorQuestion.Status.REJECTED, "spam": VisitorQuestion.Status.SPAM}


def moderate_visitor_question(request, pk):
    question = get_object_or_404(VisitorQuestion, pk=pk)
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
        topic = get_object_or_404(TopicPage, pk=request.POST.get("topic"))
        if not topic.permissions_for_user(request.user).can_add_subpage():
            raise PermissionDenied("You cannot add FAQs to this topic.")
        draft = submission_to_draft(question=question, user=request.user, topic=topic)
        messages.success(request, "Draft FAQ created: write its answer, then publish it.")
        return redirect("wagtailadmin_pages:edit", draft.pk)
    if action not in OUTCOMES:
        raise EditorialError("Choose what to do with the question.")
    visitor_question_moderate(question=question, user=request.user, status=OUTCOMES[action])
    messages.success(request, f"Question marked as {OUTCOMES[action].label.lower()}.")
    return redirect("visitor_questions:index")
