"""Wagtail's page privacy as it applies to one visitor: which private sections they may see.

A page is private when it or an ancestor has a view restriction (login, groups or a shared
password); Wagtail's own check guards the page itself, these guard every other way content
is shown: answers, search results, lists and links.
"""

from django.db.models import Q
from django.utils.cache import patch_cache_control, patch_vary_headers
from wagtail.models import PageViewRestriction

_JUDGED_ATTRIBUTE = "_faqbase_restrictions_judged"


def restrictions_judged(request):
    """[(restriction, passed)] for every view restriction and `request`'s visitor; without a
    request (code acting for nobody), none is passed.

    Worked out once per request: a page of results asks about each result.
    """
    judged = getattr(request, _JUDGED_ATTRIBUTE, None) if request is not None else None
    if judged is None:
        restrictions = PageViewRestriction.objects.select_related("page").prefetch_related("groups")
        judged = [(restriction, passes(request, restriction)) for restriction in restrictions]
        if request is not None:
            setattr(request, _JUDGED_ATTRIBUTE, judged)
    return judged


def passes(request, restriction):
    """Wagtail's own test; a request without a session or user (made by code) passes none."""
    if not hasattr(request, "session") or not hasattr(request, "user"):
        return False
    return restriction.accept_request(request)


def restrictions_failed(request):
    return [restriction for restriction, passed in restrictions_judged(request) if not passed]


def restriction_key(restriction_id):
    """How the answer engine names a restriction (FAQRecord.restrictions)."""
    return str(restriction_id)


def restrictions_passed(request):
    """Keys of the restrictions `request`'s visitor has passed (none for most visitors)."""
    return frozenset(
        restriction_key(restriction.pk)
        for restriction, passed in restrictions_judged(request)
        if passed
    )


def pages_visible_to(pages, request):
    """`pages` without those in a private section `request`'s visitor may not see."""
    hidden = Q()
    for restriction in restrictions_failed(request):
        hidden |= pages.descendant_of_q(restriction.page, inclusive=True)
    return pages.exclude(hidden) if hidden else pages


def page_visible_to(page, request):
    return not any(
        page.path.startswith(restriction.page.path) for restriction in restrictions_failed(request)
    )


def restrictions_by_page_path():
    """[(key, path)] of every view restriction, for telling which pages each one covers."""
    return [
        (restriction_key(pk), path)
        for pk, path in PageViewRestriction.objects.values_list("pk", "page__path")
    ]


def keep_private_if_personal(response, request, passed):
    """Content chosen for a visitor who passed a restriction must stay out of shared caches."""
    patch_vary_headers(response, ["Cookie"])
    if passed:
        patch_cache_control(response, private=True, no_store=True)
    return response
