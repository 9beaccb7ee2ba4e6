"""Keeping every copy of a page current: which pages a change shows on, and purging their copies.

A page has up to three copies besides the database: the shared page cache, a static file
written by `faqbase publish-static`, and a CDN's. A publish, unpublish, move or delete works
out once which pages show something of the changed page, and purges all three by the same
list of URLs, after the change is committed so that no server can re-cache the old text.
The same purge drops the parts many pages share (see fragments).
"""

import hashlib
import logging
import threading
import uuid
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from wagtail.contrib.frontend_cache.utils import PurgeBatch

from faqbase.articles.models import ArticlePage
from faqbase.knowledge.models import FAQPage, TopicPage

from .fragments import fragments_forget
from .query import page_cache_query
from .static_pages import static_page_write

logger = logging.getLogger(__name__)

_pending = threading.local()


def _generation_seconds():
    """Outlives the copies stored under it; any path asked for gets one, so it must expire."""
    return 2 * settings.FAQBASE_PAGE_CACHE_SECONDS


def _generation_key(path):
    return "faqbase.page-generation." + hashlib.md5(path.encode()).hexdigest()


def _page_key(request):
    # The Host header as sent, unvalidated: a page is only ever stored after Django has
    # accepted its host, so a forged one can only miss.
    host = request.META.get("HTTP_HOST", "")
    address = f"{request.scheme}://{host}{request.path}?{page_cache_query(request)}"
    return "faqbase.page." + hashlib.md5(address.encode()).hexdigest()


def page_cache_lookup(request):
    """(generation, cached response or None) for this URL, in one round trip to the cache.

    Each path has a generation, a random token replaced on purge (or when it expires). A
    stored page counts only if it was stored under the current one, so purging a path drops
    every host's and query string's copy of it at once, and a render that raced with a purge
    is never served: it is stored under the generation read before it began.
    """
    generation_key, page_key = _generation_key(request.path), _page_key(request)
    found = cache.get_many([generation_key, page_key])
    generation = found.get(generation_key)
    if generation is None:
        cache.add(generation_key, uuid.uuid4().hex, timeout=_generation_seconds())
        return cache.get(generation_key), None
    stored = found.get(page_key)
    if stored is not None and stored[0] == generation:
        return generation, stored[1]
    return generation, None


def page_cache_store(request, response, generation):
    if generation is not None:
        cache.set(_page_key(request), (generation, response), settings.FAQBASE_PAGE_CACHE_SECONDS)


def page_cache_forget(paths):
    cache.set_many(
        {_generation_key(path): uuid.uuid4().hex for path in paths}, timeout=_generation_seconds()
    )


def pages_showing(page):
    """`page` and every live page whose rendering includes something of it.

    Descendants show it in their breadcrumbs, ancestors list it (a topic's question index, the
    home page's topics and recently updated answers); an FAQ is also in each sibling's
    question index, an article is a card on its topics and on the FAQs there, and a page in
    one language is linked from the same page in the others.
    """
    page = page.specific
    pages = [page]
    pages += page.get_descendants().live().specific()
    pages += page.get_ancestors().filter(depth__gt=1).specific()
    if isinstance(page, FAQPage):
        pages += page.get_siblings(inclusive=False).live().specific()
    # Its translations link to it (hreflang, the language switcher), and so do their
    # descendants not yet translated, whose switcher goes to the nearest translated ancestor.
    for translation in page.get_translations():
        pages += [translation.specific]
        pages += translation.get_descendants().live().specific()
    if isinstance(page, ArticlePage):
        pages += pages_showing_cards_of(page, page.topics.all())
    return pages


def pages_showing_cards_of(article, topics):
    """The article's topics, their FAQs (cards are topped up from the topic), FAQs that chose it."""
    topic_ids = [topic.pk for topic in topics]
    pages = list(TopicPage.objects.filter(pk__in=topic_ids).specific())
    for topic in pages[:]:
        pages += FAQPage.objects.live().child_of(topic)
    pages += FAQPage.objects.live().filter(related_article_links__article=article)
    return pages


def purge_after_commit(urls):
    """Purge the copies of `urls` once the current transaction commits (at once outside one).

    One change can signal several times (a page row and its specific row, each page of a
    deleted branch); the URLs waiting in this thread are purged once, by the first callback
    that names them.
    """
    pending = getattr(_pending, "urls", None)
    if pending is None:
        pending = _pending.urls = set()
    pending.update(urls)
    transaction.on_commit(lambda: _purge_pending(urls), robust=True)


def _purge_pending(urls):
    due = _pending.urls & set(urls)
    _pending.urls -= due
    if due:
        page_copies_purge(urls=sorted(due))


def page_copies_purge(*, urls):
    """Drop the cached copies of `urls`, rewrite their static files, and ask the CDN to purge."""
    # Keyed like request.path: decoded.
    page_cache_forget({unquote(urlsplit(url).path) for url in urls})
    fragments_forget()
    directory = settings.FAQBASE_STATIC_PAGES_DIR
    if directory:
        for url in urls:
            try:
                static_page_write(url, directory)
            except Exception:
                # The app still serves the page; nginx falls back to it when the file is gone.
                logger.exception("Could not rewrite the static copy of %s", url)
    PurgeBatch(urls).purge()
