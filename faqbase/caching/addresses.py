"""Every address a page answers at: what a purge names to the page cache, static copies and CDN."""

from copy import copy

from wagtail.contrib.frontend_cache.utils import PurgeBatch


def page_urls(pages):
    """Every URL the pages answer at, as Wagtail's frontend cache would purge them."""
    batch = PurgeBatch()
    batch.add_pages(pages)
    return batch.urls


def page_urls_before_move(page, url_path_before):
    """Where `page` and its descendants were before a move, worked out from the old path."""
    moved = [page.specific, *page.get_descendants().specific()]
    earlier = []
    for each in moved:
        old = copy(each)
        old.url_path = url_path_before + each.url_path[len(page.url_path) :]
        earlier.append(old)
    return page_urls(earlier)
