"""The site search page: Wagtail's full-text backend over every published page."""

from django.conf import settings
from django.core.paginator import InvalidPage, Paginator
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET
from wagtail.models import Page

from faqbase.articles.models import ArticlePage
from faqbase.knowledge.models import FAQPage, TopicPage

from .snippets import highlight_snippet

MAX_QUERY_LENGTH = 200
SEARCHED_TYPES = (FAQPage, ArticlePage, TopicPage)


def result_text(page):
    if isinstance(page, FAQPage):
        return page.answer_text
    if isinstance(page, ArticlePage):
        return page.teaser
    return page.search_description


def searchable_pages():
    return Page.objects.live().public().type(*SEARCHED_TYPES)


@require_GET
def search(request):
    query = " ".join(request.GET.get("q", "").split())[:MAX_QUERY_LENGTH]
    results = None
    if query:
        found = searchable_pages().specific().search(query)
        paginator = Paginator(found, settings.FAQBASE_SEARCH_PAGE_SIZE)
        try:
            results = paginator.page(request.GET.get("page") or 1)
        except InvalidPage as error:
            raise Http404("No such page of results") from error
        for page in results:
            page.snippet = highlight_snippet(result_text(page) or "", query)
    return render(
        request,
        "search/search.html",
        {
            "search_query": query,
            "results": results,
            "topics": TopicPage.objects.live().public().order_by("title"),
        },
    )
