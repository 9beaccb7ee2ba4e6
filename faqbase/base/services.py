"""Site set-up: the home page that roots the tree, and the first administrator account."""

import secrets
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from wagtail.models import Page, Site

from .models import HomePage

ADMIN_USERNAME = "admin"


@transaction.atomic
def home_page_ensure(*, title, intro=""):
    """The site's HomePage, created in place of Wagtail's welcome page on a new database."""
    home = HomePage.in_default_locale()
    if home is None:
        root = Page.get_first_root_node()
        placeholder_pages = list(root.get_children().not_type(HomePage))
        home = root.add_child(instance=HomePage(title=title, slug="home-page", intro=intro))
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            site = Site(hostname="localhost", port=80, is_default_site=True)
        site.root_page = home
        site.site_name = site.site_name or title
        site.save()
        for page in placeholder_pages:
            if not page.get_children().exists() and type(page.specific) is Page:
                page.delete()
        return home
    if (home.title, home.intro) != (title, intro):
        home.title = title
        home.intro = intro
        home.save_revision().publish()
    return home


def admin_account_ensure(*, password=None):
    """Create the first superuser; returns the generated password, or None if none was made.

    There is never a default password: it comes from the caller or is generated once.
    """
    users = get_user_model()
    if users.objects.filter(is_superuser=True).exists():
        return None
    generated = not password
    password = password or secrets.token_urlsafe(12)
    users.objects.create_superuser(ADMIN_USERNAME, email="", password=password)
    return password if generated else ""


def site_address_set(*, base_url):
    """Point the default site at the public address, so sitemaps and admin links use it."""
    address = urlsplit(base_url)
    default_port = 443 if address.scheme == "https" else 80
    Site.objects.filter(is_default_site=True).update(
        hostname=address.hostname or "localhost", port=address.port or default_port
    )


def admin_url():
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + "/admin/"
