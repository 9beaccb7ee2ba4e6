"""Parts of pages shared by many pages, worked out once per publish rather than once per page.

A topic's question index appears on each of its FAQs, an article's card on its topics and on
many FAQs. They are stored under one site-wide generation, a random token that every purge of
page copies replaces (see services.page_copies_purge), so they go stale exactly when the pages
showing them do, however many pages that is.
"""

import uuid

from django.conf import settings
from django.core.cache import cache
from wagtail.models import Site

GENERATION_KEY = "faqbase.fragment-generation"


def _generation():
    """The current generation, or None when the cache cannot keep one (Redis down)."""
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, uuid.uuid4().hex, timeout=2 * settings.FAQBASE_PAGE_CACHE_SECONDS)
        generation = cache.get(GENERATION_KEY)
    return generation


def site_key(request):
    """Part of a fragment's key when it holds links: they are relative to the request's site."""
    site = Site.find_for_request(request)
    return site.pk if site else 0


def fragments_forget():
    """Drop every stored fragment at once; called after a change is committed."""
    cache.set(GENERATION_KEY, uuid.uuid4().hex, timeout=2 * settings.FAQBASE_PAGE_CACHE_SECONDS)


def fragments_cached(names, compute_missing):
    """{name: fragment} for every name, computing the ones not stored with `compute_missing`.

    `compute_missing(missing_names)` returns {name: fragment}, leaving out any it cannot make
    (an article deleted meanwhile); so may the answer. The generation is read before
    anything is computed, so a fragment built from data a concurrent publish has just changed
    is stored under the generation that publish replaces, and never served.
    """
    generation = _generation()
    if generation is None:
        return compute_missing(list(names))
    keys = {name: f"faqbase.fragment.{generation}.{name}" for name in names}
    stored = cache.get_many(keys.values())
    found = {name: stored[key] for name, key in keys.items() if key in stored}
    missing = [name for name in names if name not in found]
    if missing:
        computed = compute_missing(missing)
        cache.set_many(
            {keys[name]: fragment for name, fragment in computed.items()},
            timeout=settings.FAQBASE_PAGE_CACHE_SECONDS,
        )
        found.update(computed)
    return found


def fragment_cached(name, compute):
    """One fragment: `compute()` the first time after each purge, the stored copy after that."""
    return fragments_cached([name], lambda _missing: {name: compute()})[name]
