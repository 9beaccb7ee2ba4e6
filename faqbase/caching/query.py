"""Which query parameters a page's cached copy is kept under.

Only parameters that some page reads (pagination, the thanks after a vote) are part of the
page cache's key; any other (`?x=N`, tracking tags) is left out, so it is answered from the
plain page's copy and can neither fill the cache nor push real pages out of it. A copy is
kept under a parameter only when the page says it read that value; a value it ignored or
corrected (`?page=99999`) is rendered but never kept.
"""

from urllib.parse import urlencode

PAGE_QUERY_PARAMETERS = ("feedback", "page")
_USED_ATTRIBUTE = "page_cache_query_used"


def page_query_used(request, name, value):
    """Called by a page that shows something different for `name`=`value`."""
    used = getattr(request, _USED_ATTRIBUTE, {})
    setattr(request, _USED_ATTRIBUTE, used | {name: str(value)})


def page_cache_query(request):
    """The part of the query string the page cache's key holds."""
    return urlencode(
        [(name, value) for name in PAGE_QUERY_PARAMETERS for value in request.GET.getlist(name)]
    )


def page_query_honoured(request):
    """Whether every keyed parameter of the request was read by the page, as it was sent."""
    used = getattr(request, _USED_ATTRIBUTE, {})
    return all(
        request.GET.getlist(name) == [used.get(name)]
        for name in PAGE_QUERY_PARAMETERS
        if name in request.GET
    )
