"""Breadcrumb trails, shared by the visible breadcrumbs and the BreadcrumbList JSON-LD."""


def breadcrumb_trail(page):
    """The pages from the home page down to `page`, inclusive (the tree's root is left out)."""
    return list(page.get_ancestors(inclusive=True).filter(depth__gt=1).only("title", "url_path"))


def breadcrumb_structured_data(trail, request):
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": crumb.title,
                "item": request.build_absolute_uri(crumb.get_url(request)),
            }
            for position, crumb in enumerate(trail, start=1)
        ],
    }
