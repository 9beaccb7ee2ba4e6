"""Admin pages for the editors' reports, under the Insights menu."""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse

from faqbase.knowledge.models import FAQPage

from .reports import duplicates_report, feedback_report, stale_report
from .services import EditorialError, faq_merge


def stale_view(request):
    return TemplateResponse(
        request,
        "editorial/admin/stale_report.html",
        {"rows": stale_report(), "months": settings.FAQBASE_STALE_MONTHS},
    )


def feedback_view(request):
    context = {"rows": feedback_report()}
    return TemplateResponse(request, "editorial/admin/feedback_report.html", context)


def duplicates_view(request):
    if request.method == "POST":
        try:
            survivor = FAQPage.objects.get(pk=request.POST.get("survivor"))
            others = list(FAQPage.objects.filter(pk__in=request.POST.getlist("faq")))
            if not survivor.permissions_for_user(request.user).can_publish():
                raise EditorialError("You cannot publish the FAQ that would stay.")
            faq_merge(survivor=survivor, others=others, user=request.user)
        except (FAQPage.DoesNotExist, ValueError):
            messages.error(request, "Choose the FAQ that stays.")
        except EditorialError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                f"Merged {len(others) - (survivor in others)} FAQ(s) into “{survivor.title}”; "
                "their addresses now redirect to it.",
            )
        return redirect(request.path)
    return TemplateResponse(
        request, "editorial/admin/duplicates_report.html", {"clusters": duplicates_report()}
    )
