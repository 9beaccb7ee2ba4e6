"""Admin pages for the editors' reports, under the Insights menu."""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import dateformat
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from faqbase.answers.services import answer_engine
from faqbase.base.permissions import denied_as_403
from faqbase.knowledge.models import FAQPage, TopicPage

from . import charts
from .reports import report_read
from .services import EditorialError, faq_merge, gap_to_draft, topic_of_closest


@denied_as_403
def stale_view(request):
    return TemplateResponse(
        request,
        "editorial/admin/stale_report.html",
        {
            "rows": report_read(user=request.user, name="stale"),
            "months": settings.FAQBASE_STALE_MONTHS,
        },
    )


@denied_as_403
def feedback_view(request):
    context = {"rows": report_read(user=request.user, name="feedback")}
    return TemplateResponse(request, "editorial/admin/feedback_report.html", context)


@denied_as_403
def duplicates_view(request):
    if request.method == "POST":
        return merge_posted(request)
    return TemplateResponse(
        request,
        "editorial/admin/duplicates_report.html",
        {"clusters": report_read(user=request.user, name="duplicates")},
    )


def merge_posted(request):
    try:
        survivor = FAQPage.objects.get(pk=request.POST.get("survivor"))
        others = list(FAQPage.objects.filter(pk__in=request.POST.getlist("faq")))
        faq_merge(survivor=survivor, others=others, user=request.user)
    except (FAQPage.DoesNotExist, ValueError):
        messages.error(request, _("Choose the FAQ that stays."))
    except EditorialError as error:
        messages.error(request, str(error))
    else:
        merged = len(others) - (survivor in others)
        message = ngettext(
            "Merged %(count)d FAQ into “%(title)s”; its address now redirects to it.",
            "Merged %(count)d FAQs into “%(title)s”; their addresses now redirect to it.",
            merged,
        )
        messages.success(request, message % {"count": merged, "title": survivor.title})
    return redirect(request.path)


GAP_PERIODS = (7, 30, 90)


@denied_as_403
def gaps_view(request):
    if request.method == "POST":
        return gap_draft_posted(request)
    days = int(request.GET["days"]) if request.GET.get("days") in map(str, GAP_PERIODS) else 30
    clusters = report_read(user=request.user, name="gaps", days=days)
    for cluster in clusters:
        cluster["topic"] = suggested_topic(cluster["examples"][0], request)
    context = {
        "clusters": clusters,
        "closed": report_read(user=request.user, name="closed-gaps", days=days),
        "days": days,
        "periods": GAP_PERIODS,
        "topics": TopicPage.objects.order_by("title"),
    }
    return TemplateResponse(request, "editorial/admin/gaps_report.html", context)


def gap_draft_posted(request):
    topic_id = request.POST.get("topic", "")
    topic = TopicPage.objects.filter(pk=topic_id).first() if topic_id.isdigit() else None
    if topic is None:
        messages.error(request, _("Choose a topic for the new FAQ."))
        return redirect(request.path)
    try:
        draft = gap_to_draft(
            phrasings=request.POST.getlist("phrasing"), topic=topic, user=request.user
        )
    except EditorialError as error:
        messages.error(request, str(error))
        return redirect(request.path)
    messages.success(
        request, _("Draft FAQ created from the cluster: write its answer, then publish.")
    )
    return redirect("wagtailadmin_pages:edit", draft.pk)


def suggested_topic(question, request):
    """The topic of the FAQ the engine found closest, where the new answer most likely belongs."""
    answers = answer_engine.ask(question, limit=1, request=request).answers
    return topic_of_closest([int(answers[0].faq.id)] if answers else [])


@denied_as_403
def dashboard_view(request):
    activity = report_read(user=request.user, name="activity")
    # Month names in the admin's language ("01 Jun", "01 Meh").
    labels = [dateformat.format(row["date"], "d M") for row in activity]
    questions = [row["questions"] for row in activity]
    rates = [row["no_answer_rate"] for row in activity]
    context = {
        "activity": activity,
        "axis": charts.axis(),
        "question_bars": charts.bars(questions, labels),
        "most_questions": max(questions or [0]),
        "rate_line": charts.line_points(rates),
        "top_questions": report_read(user=request.user, name="top-questions"),
        "gaps": report_read(user=request.user, name="gaps")[:5],
        "helpfulness": report_read(user=request.user, name="helpfulness"),
        "totals": {
            "questions": sum(questions),
            "unanswered": sum(row["unanswered"] for row in activity),
        },
    }
    return TemplateResponse(request, "editorial/admin/dashboard.html", context)
