"""Admin views for FAQs."""

from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from faqbase.answers.services import QuestionError, similar_questions
from faqbase.base.permissions import denied_as_403

from .models import FAQPage
from .services import faq_mark_reviewed, faq_review_check


@denied_as_403
def mark_reviewed(request, page_id):
    faq = get_object_or_404(FAQPage, pk=page_id)
    faq_review_check(faq=faq, user=request.user)
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}):
        next_url = ""
    if request.method == "POST":
        faq_mark_reviewed(faq=faq, user=request.user)
        messages.success(request, _("“%(title)s” marked as reviewed today.") % {"title": faq.title})
        return redirect(next_url or "wagtailadmin_pages:edit", *([] if next_url else [faq.pk]))
    return TemplateResponse(
        request, "knowledge/admin/mark_reviewed.html", {"faq": faq, "next": next_url}
    )


def similar_faqs(request):
    """For the FAQ editor: existing FAQs that already ask what is being typed."""
    exclude = request.GET.get("exclude", "")
    try:
        matches = similar_questions(
            request.GET.get("q", ""), exclude_id=int(exclude) if exclude.isdigit() else None
        )
    except QuestionError as error:
        return JsonResponse({"detail": str(error)}, status=400)
    return JsonResponse(
        {
            "results": [
                {
                    "question": faq.question,
                    "similarity": round(similarity, 3),
                    "edit_url": reverse("wagtailadmin_pages:edit", args=[faq.id]),
                }
                for faq, similarity in matches
            ]
        }
    )
