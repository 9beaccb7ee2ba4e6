"""`faqbase nginx-config`: print the nginx configuration that serves static copies, then the app."""

import os
from pathlib import Path
from urllib.parse import urljoin

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.template.loader import render_to_string

from faqbase.caching.static_pages import anonymous_request, page_handler

# Headers the app sets on a public page that a static copy of it must carry as well.
PAGE_HEADERS = (
    "Content-Security-Policy",
    "X-Frame-Options",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "Cross-Origin-Opener-Policy",
    "Strict-Transport-Security",
)


def page_headers():
    """The security headers, read off the app's own answer so the two can never disagree."""
    home = urljoin(settings.WAGTAILADMIN_BASE_URL, "/")
    response = page_handler().get_response(anonymous_request(home))
    return [(name, response[name]) for name in PAGE_HEADERS if response.has_header(name)]


def media_on_local_disk():
    """Uploads on this server's disk are nginx's to serve, whether or not Django also may."""
    return settings.STORAGES["default"]["BACKEND"].endswith(".FileSystemStorage")


class Command(BaseCommand):
    help = "Print an nginx configuration: pages from their static copies, the rest from the app."

    def add_arguments(self, parser):
        parser.add_argument("--listen", default="80", help="nginx's address or port (80).")
        parser.add_argument("--server-name", default="_", help="The site's host names.")
        parser.add_argument(
            "--app",
            action="append",
            help="An app server's host:port; repeat for several (default 127.0.0.1:8000).",
        )
        parser.add_argument(
            "--pages",
            default=settings.FAQBASE_STATIC_PAGES_DIR,
            help="The static copies' folder (default: FAQBASE_STATIC_PAGES_DIR).",
        )
        parser.add_argument(
            "--standalone",
            metavar="PREFIX",
            help="A whole nginx.conf that keeps its pid, logs and temporary files in PREFIX, "
            "for running nginx as an ordinary user; without it, a server block for conf.d/.",
        )

    def handle(self, *args, listen, server_name, app, pages, standalone, **options):
        if not pages:
            raise CommandError(
                "Name the static copies' folder with --pages or set FAQBASE_STATIC_PAGES_DIR."
            )
        if settings.STATIC_ROOT is None:
            raise CommandError("STATIC_ROOT is not set, so there are no collected static files.")
        context = {
            "listen": listen,
            "server_name": server_name,
            "app_addresses": app or ["127.0.0.1:8000"],
            "pages_dir": Path(pages).resolve(),
            "static_url": settings.STATIC_URL,
            "static_root": Path(settings.STATIC_ROOT).resolve(),
            "media_url": settings.MEDIA_URL,
            "media_root": Path(settings.MEDIA_ROOT).resolve() if media_on_local_disk() else None,
            "session_cookie": settings.SESSION_COOKIE_NAME,
            "page_headers": page_headers(),
            "page_cache_seconds": settings.FAQBASE_PAGE_CACHE_SECONDS,
        }
        if not settings.FAQBASE_TRUSTED_PROXIES:
            self.stderr.write(
                "Set FAQBASE_TRUSTED_PROXIES on the app servers to this nginx's address as they "
                "see it (127.0.0.1 on the same box): until then they count every visitor as one."
            )
        if standalone:
            context |= {
                "prefix": Path(standalone).resolve(),
                "worker_processes": os.cpu_count() or 1,
                "mime_types": "/etc/nginx/mime.types",
                "run_as": "root" if os.geteuid() == 0 else None,
            }
            self.stdout.write(render_to_string("caching/nginx/standalone.conf", context))
        else:
            self.stdout.write(render_to_string("caching/nginx/site.conf", context))
