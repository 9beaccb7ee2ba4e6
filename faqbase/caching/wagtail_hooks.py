"""Mark the page views the page cache may keep."""

from wagtail import hooks


# Ordered after Wagtail's own view-restriction check, which answers a restricted page itself
# (login redirect, password form); a page view that gets this far may be shown to whoever asks.
@hooks.register("before_serve_page", order=100)
def allow_page_cache(page, request, serve_args, serve_kwargs):
    request.page_cache_allowed = True
