"""The sitemap: every language's published public pages, each with its translations."""

from collections import defaultdict

from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from .languages import language_tag


class TranslatedSitemap(Sitemap):
    """Wagtail's sitemap lists the site's own tree only; this one adds each translated tree
    and marks every page's translations as alternates (xhtml:link hreflang), as search
    engines ask of a site in several languages."""

    def items(self):
        return self.pages().defer_streamfields().specific()

    def pages(self):
        root = self.get_wagtail_site().root_page
        roots = Page.objects.filter(translation_key=root.translation_key)
        in_a_tree = Q()
        for tree_root in roots:
            in_a_tree |= Q(path__startswith=tree_root.path)
        return Page.objects.filter(in_a_tree).live().public().order_by("path")

    def _urls(self, page, protocol, domain):
        urls = super()._urls(page, protocol, domain)
        alternates = self.alternates_by_location()
        for url in urls:
            url["alternates"] = alternates.get(url["location"], [])
        return urls

    def alternates_by_location(self):
        translations = defaultdict(list)
        for page in self.pages().select_related("locale"):
            translations[page.translation_key].append(page)
        alternates = {}
        for pages in translations.values():
            if len(pages) < 2:
                continue
            links = [
                {
                    "lang_code": language_tag(p.locale.language_code),
                    "location": p.get_full_url(self.request),
                }
                for p in pages
            ]
            for link in links:
                alternates[link["location"]] = links
        return alternates
