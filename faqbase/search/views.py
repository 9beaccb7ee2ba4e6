"""The site search page: the answer engine's best answer above Wagtail's full-text results."""

import logging

from django.conf import settings
from django.core.paginator import InvalidPage, Paginator
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET
from wagtail.models import Page

from faqbase.articles.models import ArticlePage
from faqbase.knowledge.models import FAQPage, TopicPage

from .snippets import highlight_snippet

logger = logging.getLogger(__name__)

MAX_QUERY_LENGTH = 200
CLOSE_MATCHES = 3
BEST_ANSWER_WORDS = 45
SEARCHED_TYPES = (FAQPage, ArticlePage, TopicPage)


def result_text(page):
    if isinstance(page, FAQPage):
        return page.answer_text
    if isinstance(page, ArticlePage):
        return page.teaser
    return page.search_description


def searchable_pages():
    return Page.objects.live().public().type(*SEARCHED_TYPES)


def engine_answers(query):
    """The engine's verdict for the search page; the page still works if the engine cannot."""
    from faqbase.answers.services import QuestionError, answer_engine

    try:
        ranking = answer_engine.ask(query, limit=CLOSE_MATCHES)
    except QuestionError:
        return {}
    except Exception:
        logger.exception("The answer engine failed; showing full-text results only")
        return {}
    if ranking.confident:
        best = ranking.answers[0].faq
        words = best.answer.split()
        excerpt = " ".join(words[:BEST_ANSWER_WORDS]) + (
            " …" if len(words) > BEST_ANSWER_WORDS else ""
        )
        return {"best_answer": best, "best_answer_excerpt": excerpt}
    return {"close_matches": [answer.faq for answer in ranking.answers]}


@require_GET
def search(request):
    query = " ".join(request.GET.get("q", "").split())[:MAX_QUERY_LENGTH]
    results = None
    context = {}
    if query:
        context = engine_answers(query)
        # Visitors type whole questions; any word may match, the best matches first.
        found = searchable_pages().specific().search(query, operator="or")
        paginator = Paginator(found, settings.FAQBASE_SEARCH_PAGE_SIZE)
        try:
            results = paginator.page(request.GET.get("page") or 1)
        except InvalidPage as error:
            raise Http404("No such page of results") from error
        for page in results:
            page.snippet = highlight_snippet(result_text(page) or "", query)
    context |= {
        "search_query": query,
        "results": results,
        "topics": TopicPage.objects.live().public().order_by("title"),
    }
    return render(request, "search/search.html", context)
