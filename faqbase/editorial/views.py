"""Public endpoints that collect editors' signals."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST
from django_ratelimit.decorators import ratelimit

from faqbase.knowledge.models import FAQPage

from .forms import FeedbackForm
from .services import feedback_record

FEEDBACK_RATE = "20/h"


@require_POST
@ratelimit(key="ip", rate=FEEDBACK_RATE, block=False)
def faq_feedback(request, faq_id):
    faq = get_object_or_404(FAQPage.objects.live().public(), pk=faq_id)
    if getattr(request, "limited", False):
        return HttpResponse(
            "You have sent a lot of feedback in a short time; please try again later.",
            status=429,
            content_type="text/plain; charset=utf-8",
        )
    form = FeedbackForm(request.POST)
    if not form.is_valid():
        problems = "; ".join(
            f"{field}: {' '.join(errors)}" for field, errors in form.errors.items()
        )
        return HttpResponse(
            f"The feedback could not be saved ({problems}).",
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    feedback_record(request=request, faq=faq, **form.cleaned_data)
    return redirect(f"{faq.url}?feedback=thanks#feedback")
