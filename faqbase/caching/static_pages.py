"""Static copies of published pages, as files nginx or a CDN can serve without Python.

A page at /topic/question/ is written to DIR/topic/question/index.html, rendered through the
whole middleware stack exactly as an anonymous visitor would receive it.
"""

import os
import tempfile
from io import BytesIO
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.core.handlers.base import BaseHandler
from django.core.handlers.wsgi import WSGIRequest
from wagtail.models import Page

from .addresses import page_urls

INDEX_FILE = "index.html"

_handler = None


def page_handler():
    """One request handler with the site's middleware, loaded on first use."""
    global _handler
    if _handler is None:
        _handler = BaseHandler()
        _handler.load_middleware()
    return _handler


def anonymous_request(url):
    """A GET of `url` from a visitor with no cookies, as it would arrive from the front server."""
    parts = urlsplit(url)
    secure = parts.scheme == "https"
    return WSGIRequest(
        {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": unquote(parts.path),
            "QUERY_STRING": "",
            "SCRIPT_NAME": "",
            "SERVER_NAME": parts.hostname,
            "SERVER_PORT": str(parts.port or (443 if secure else 80)),
            "HTTP_HOST": parts.netloc,
            "REMOTE_ADDR": "127.0.0.1",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "wsgi.input": BytesIO(),
            "wsgi.url_scheme": parts.scheme,
        }
    )


def static_page_file(url, directory):
    """Where the copy of `url` lives, or None for a URL that has no file (no trailing slash)."""
    path = unquote(urlsplit(url).path)
    if not path.endswith("/") or "/../" in path:
        return None
    return Path(directory) / path.lstrip("/") / INDEX_FILE


def static_page_write(url, directory):
    """Write the page at `url` to its file; remove the file if the URL no longer shows a page."""
    target = static_page_file(url, directory)
    if target is None:
        return False
    try:
        response = page_handler().get_response(anonymous_request(url))
        if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
            target.unlink(missing_ok=True)
            return False
        _write_atomically(target, response.content)
    except Exception:
        # A stale copy would be served for ever; without one, nginx falls back to the app.
        target.unlink(missing_ok=True)
        raise
    return True


def _write_atomically(target, content):
    """Readers see the old file or the new one, never half of it."""
    target.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(dir=target.parent, prefix=".", suffix=".tmp")
    with os.fdopen(descriptor, "wb") as file:
        file.write(content)
    os.chmod(temporary, 0o644)
    os.replace(temporary, target)


def published_page_urls():
    pages = Page.objects.live().public().filter(depth__gt=1).specific()
    return sorted(page_urls(pages))


def static_site_publish(directory):
    """Write every published page under `directory` and delete files of pages gone since.

    Returns (pages written, stale files removed).
    """
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    written = set()
    for url in published_page_urls():
        if static_page_write(url, directory):
            written.add(static_page_file(url, directory))
    stale = [file for file in directory.rglob(INDEX_FILE) if file not in written]
    for file in stale:
        file.unlink()
    return len(written), len(stale)
