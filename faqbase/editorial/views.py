"""Public endpoints that collect editors' signals."""

from django.conf import settings
from django.http import HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from django_ratelimit.decorators import ratelimit

from faqbase.answers.services import QuestionError, answer_engine
from faqbase.base.privacy import keep_private_if_personal, pages_visible_to, restrictions_passed
from faqbase.knowledge.models import FAQPage
from faqbase.search.limits import question_pages_limit
from faqbase.search.query import search_query_from

from .forms import FeedbackForm, VisitorQuestionForm, form_started_token
from .services import feedback_record, visitor_question_submit

FEEDBACK_RATE = "20/h"


def posted_from_this_site(request):
    """What the browser says about where the form was: only the site's own pages may vote.

    Every current browser sends Origin or Sec-Fetch-Site with a form's POST; a post with
    neither comes from a script or a tool, not from a visitor reading one of our pages.
    """
    origin = request.headers.get("Origin")
    if origin is None:
        return request.headers.get("Sec-Fetch-Site") == "same-origin"
    own_origin = f"{request.scheme}://{request.get_host()}"
    return origin == own_origin or origin in settings.CSRF_TRUSTED_ORIGINS


# FAQ pages are served from the cache and as static files, so their form cannot carry a
# per-visitor CSRF token. A vote needs none: it acts with no one's session or rights, is
# rate-limited and counted once per visitor a day; votes not posted from our pages are refused.
@csrf_exempt
@require_POST
@ratelimit(key="ip", rate=FEEDBACK_RATE, block=False)
def faq_feedback(request, faq_id):
    if not posted_from_this_site(request):
        return HttpResponse(
            _("Feedback can only be sent from this site's own pages."),
            status=403,
            content_type="text/plain; charset=utf-8",
        )
    faq = get_object_or_404(pages_visible_to(FAQPage.objects.live(), request), pk=faq_id)
    if getattr(request, "limited", False):
        return HttpResponse(
            _("You have sent a lot of feedback in a short time; please try again later."),
            status=429,
            content_type="text/plain; charset=utf-8",
        )
    form = FeedbackForm(request.POST)
    if not form.is_valid():
        problems = "; ".join(
            f"{field}: {' '.join(errors)}" for field, errors in form.errors.items()
        )
        return HttpResponse(
            _("The feedback could not be saved (%(problems)s).") % {"problems": problems},
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    feedback_record(request=request, faq=faq, **form.cleaned_data)
    return redirect(f"{faq.url}?feedback=thanks#feedback")


ASK_RATE = "5/h"
CLOSEST_FAQS = 3


def closest_answers(text, request):
    try:
        return answer_engine.ask(text, limit=CLOSEST_FAQS, request=request).answers
    except QuestionError:
        return []


@question_pages_limit
@ratelimit(key="ip", rate=ASK_RATE, method="POST", block=False)
def ask_question(request):
    """Step one shows the closest existing answers; step two sends the question to the editors."""
    if request.method == "POST":
        if getattr(request, "limited", False):
            return render(request, "editorial/ask_limited.html", status=429)
        form = VisitorQuestionForm(request.POST)
        if form.is_valid():
            answers = closest_answers(form.cleaned_data["text"], request)
            visitor_question_submit(
                request=request,
                text=form.cleaned_data["text"],
                email=form.cleaned_data["email"],
                closest_faqs=[{"faq_id": int(a.faq.id), "score": a.score} for a in answers],
            )
            return redirect("ask_question_thanks")
        status = 400
        query = request.POST.get("text", "")
    elif request.method == "GET":
        form = VisitorQuestionForm(initial={"started": form_started_token()})
        query = search_query_from(request.GET.get("q", ""))
        form.initial["text"] = query
        status = 200
    else:
        return HttpResponseNotAllowed(["GET", "POST"])
    context = {"form": form, "closest": closest_answers(query, request) if query else []}
    response = render(request, "editorial/ask_question.html", context, status=status)
    return keep_private_if_personal(response, request, restrictions_passed(request))


def ask_question_thanks(request):
    return render(request, "editorial/ask_thanks.html")
