"""Template context available on every page."""

from django.conf import settings
from django.urls import reverse
from wagtail.models import Site


def site_name(request):
    site = Site.find_for_request(request)
    return {
        "site_name": (site and site.site_name) or settings.WAGTAIL_SITE_NAME,
        # The home page in the language being read: "/" for the site's own, "/cy/" for Welsh.
        "home_url": reverse("wagtail_serve", args=("",)),
    }
