"""Admin pages for the editors' reports, under the Insights menu."""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse

from faqbase.answers.services import answer_engine
from faqbase.knowledge.models import FAQPage, TopicPage

from . import charts
from .reports import (
    activity_report,
    closed_gaps_report,
    duplicates_report,
    feedback_report,
    gaps_report,
    helpfulness,
    stale_report,
    top_questions,
)
from .services import EditorialError, faq_merge, gap_to_draft, topic_of_closest


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


GAP_PERIODS = (7, 30, 90)


def gaps_view(request):
    if request.method == "POST":
        topic = TopicPage.objects.filter(pk=request.POST.get("topic")).first()
        if topic is None or not topic.permissions_for_user(request.user).can_add_subpage():
            messages.error(request, "Choose a topic you can add FAQs to.")
            return redirect(request.path)
        try:
            draft = gap_to_draft(
                phrasings=request.POST.getlist("phrasing"), topic=topic, user=request.user
            )
        except EditorialError as error:
            messages.error(request, str(error))
            return redirect(request.path)
        messages.success(
            request, "Draft FAQ created from the cluster: write its answer, then publish."
        )
        return redirect("wagtailadmin_pages:edit", draft.pk)
    days = int(request.GET["days"]) if request.GET.get("days") in map(str, GAP_PERIODS) else 30
    clusters = gaps_report(days=days)
    for cluster in clusters:
        cluster["topic"] = suggested_topic(cluster["examples"][0], request)
    context = {
        "clusters": clusters,
        "closed": closed_gaps_report(days=days),
        "days": days,
        "periods": GAP_PERIODS,
        "topics": TopicPage.objects.order_by("title"),
    }
    return TemplateResponse(request, "editorial/admin/gaps_report.html", context)


def suggested_topic(question, request):
    """The topic of the FAQ the engine found closest, where the new answer most likely belongs."""
    answers = answer_engine.ask(question, limit=1, request=request).answers
    return topic_of_closest([int(answers[0].faq.id)] if answers else [])


def dashboard_view(request):
    activity = activity_report()
    labels = [row["date"].strftime("%d %b") for row in activity]
    questions = [row["questions"] for row in activity]
    rates = [row["no_answer_rate"] for row in activity]
    context = {
        "activity": activity,
        "axis": charts.axis(),
        "question_bars": charts.bars(questions, labels),
        "most_questions": max(questions or [0]),
        "rate_line": charts.line_points(rates),
        "top_questions": top_questions(),
        "gaps": gaps_report()[:5],
        "helpfulness": helpfulness(),
        "totals": {
            "questions": sum(questions),
            "unanswered": sum(row["unanswered"] for row in activity),
        },
    }
    return TemplateResponse(request, "editorial/admin/dashboard.html", context)
