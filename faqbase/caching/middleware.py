"""Anonymous visitors' page views answered from the shared cache; everyone else's never are."""

from django.conf import settings
from django.utils.cache import add_never_cache_headers, patch_cache_control, set_response_etag
from django.utils.http import http_date

from .query import page_query_honoured
from .services import page_cache_lookup, page_cache_store

# Cookies that mean a response may be meant for this visitor alone: a signed-in editor's
# session (or a passed page password), and messages waiting to be shown.
PERSONAL_COOKIES = (settings.SESSION_COOKIE_NAME, "messages")
STATUS_HEADER = "X-Page-Cache"


def may_use_page_cache(request):
    return request.method in ("GET", "HEAD") and not any(
        name in request.COOKIES for name in PERSONAL_COOKIES
    )


def is_cacheable_page_view(request):
    """Set by the `before_serve_page` hook for a public Wagtail page, never for a preview."""
    return getattr(request, "page_cache_allowed", False) and not getattr(
        request, "is_preview", False
    )


def may_store(request, response):
    cache_control = response.get("Cache-Control", "")
    return (
        request.method == "GET"
        and is_cacheable_page_view(request)
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and page_query_honoured(request)
        and not any(word in cache_control for word in ("private", "no-store", "no-cache"))
    )


class PageCacheMiddleware:
    """Keeps rendered pages until a publish that touches them; see services for the purging."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not may_use_page_cache(request):
            response = self.get_response(request)
            if is_cacheable_page_view(request):
                # An editor's view of a page carries their user bar: no shared cache may keep it.
                add_never_cache_headers(response)
            return response

        generation, cached = page_cache_lookup(request)
        if cached is not None:
            cached[STATUS_HEADER] = "hit"
            return cached

        response = self.get_response(request)
        if may_store(request, response):
            set_response_etag(response)
            response["Last-Modified"] = http_date()
            patch_cache_control(
                response, public=True, max_age=0, s_maxage=settings.FAQBASE_PAGE_CACHE_SECONDS
            )
            page_cache_store(request, response, generation)
            response[STATUS_HEADER] = "miss"
        return response
