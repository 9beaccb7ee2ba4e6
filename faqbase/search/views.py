"""The site search page: the answer engine's best answer above the list of results it ranks."""

import logging

from django.conf import settings
from django.core.paginator import InvalidPage, Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import urlencode
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from wagtail.models import Locale

from faqbase.answers.engine.collection import base_language
from faqbase.answers.services import QuestionError, answer_engine_for, ask_in_language
from faqbase.base.privacy import keep_private_if_personal, pages_visible_to, restrictions_passed
from faqbase.editorial.models import QueryLogEntry
from faqbase.editorial.services import query_log_note_opened, query_log_record
from faqbase.knowledge.models import FAQPage, TopicPage

from .limits import question_pages_limit
from .query import search_query_from
from .services import pages_for, search_list, with_snippets

logger = logging.getLogger(__name__)


def language_name(code):
    """The name of `code`'s language in the page's language ("Saesneg" on a Welsh page), when
    it is not the page's own language; "" when it is."""
    if not code or code == get_language():
        return ""
    return get_language_info(base_language(code))["name_translated"]


CLOSE_MATCHES = 3
BEST_ANSWER_WORDS = 45


def question_embedding(query, exact):
    """The question embedded once for both the best answer and the list; None if the engine
    cannot, and each then falls back as it would without it."""
    try:
        return (
            answer_engine_for(get_language()).ranker().embed_queries([query], correct=not exact)[0]
        )
    except Exception:
        logger.exception("The answer engine could not embed the question")
        return None


def engine_ranking(query, request, exact=False, embedding=None):
    """The engine's verdict for the search page; the page still works if the engine cannot.
    With `exact`, the question is read as typed, without spelling correction."""
    try:
        return ask_in_language(
            query,
            get_language(),
            limit=CLOSE_MATCHES,
            request=request,
            exact=exact,
            query_embedding=embedding,
        )
    except QuestionError:
        return None
    except Exception:
        logger.exception("The answer engine failed; showing full-text results only")
        return None


def engine_context(ranking):
    if ranking is None:
        return {}
    if ranking.corrected_query:
        return {"corrected_query": ranking.corrected_query} | engine_answer_context(ranking)
    return engine_answer_context(ranking)


def engine_answer_context(ranking):
    if ranking.confident:
        best = ranking.answers[0].faq
        words = best.answer.split()
        excerpt = " ".join(words[:BEST_ANSWER_WORDS])
        if len(words) > BEST_ANSWER_WORDS:
            excerpt += " …"
        return {
            "best_answer": best,
            "best_answer_excerpt": excerpt,
            # Said when the answer came from the site's own language, not the page's.
            "best_answer_language": language_name(best.language),
        }
    return {"close_matches": [answer.faq for answer in ranking.answers]}


@require_GET
@question_pages_limit
def search(request):
    query = search_query_from(request.GET.get("q", ""))
    # "Search instead for" the text as typed: the visitor meant it, so nothing is corrected.
    exact = request.GET.get("exact") == "1"
    results = None
    context = {}
    embedding = question_embedding(query, exact) if query else None
    if query and request.GET.get("page") in (None, "", "1"):
        # The question is answered, and logged, once: not again for each further page of results.
        ranking = engine_ranking(query, request, exact, embedding)
        if ranking is not None:
            query_log_record(request=request, ranking=ranking, source=QueryLogEntry.Source.SEARCH)
        context = engine_context(ranking)
    if query:
        found = search_list(query, request, exact=exact, query_embedding=embedding)
        paginator = Paginator(found.entries, settings.FAQBASE_SEARCH_PAGE_SIZE)
        try:
            results = paginator.page(request.GET.get("page") or 1)
        except InvalidPage as error:
            raise Http404(_("No such page of results")) from error
        results.object_list = with_snippets(pages_for(results.object_list), found)
        context["stop_words_only"] = not found.words
    context |= {
        "search_query": query,
        "exact": exact,
        "results": results,
        "topics": TopicPage.objects.live()
        .public()
        .filter(locale=Locale.get_active())
        .order_by("title"),
        "language_query_string": urlencode({"q": query}) if query else "",
    }
    response = render(request, "search/search.html", context)
    return keep_private_if_personal(response, request, restrictions_passed(request))


@require_GET
def result_opened(request, faq_id):
    """A search result's link: note which answer the visitor chose, then send them to it.

    Recorded here rather than on the FAQ page, which is served from caches that never see
    the request.
    """
    faq = get_object_or_404(pages_visible_to(FAQPage.objects.live(), request), pk=faq_id)
    query_log_note_opened(request=request, faq=faq, query=request.GET.get("q", ""))
    return redirect(faq.url)
