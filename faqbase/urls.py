"""URL routes: the admin, machine-readable endpoints, search, then Wagtail serves every page."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.views.static import serve as serve_file
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from faqbase.answers.api import api as answers_api
from faqbase.answers.views import healthz
from faqbase.base.sitemaps import TranslatedSitemap
from faqbase.base.views import robots_txt
from faqbase.contentapi.api import register_errors
from faqbase.contentapi.api import router as content_router
from faqbase.editorial.views import ask_question, ask_question_thanks, faq_feedback
from faqbase.search.views import result_opened, search

# One API, one OpenAPI schema: answers at /api/, content under /api/v1/.
answers_api.add_router("/v1/", content_router)
register_errors(answers_api)

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("search/opened/<int:faq_id>/", result_opened, name="search_result_opened"),
    path("api/", answers_api.urls),
    path("feedback/<int:faq_id>/", faq_feedback, name="faq_feedback"),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": TranslatedSitemap}}, name="sitemap"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("healthz", healthz, name="healthz"),
]

if settings.SERVE_MEDIA:
    media_prefix = settings.MEDIA_URL.lstrip("/")
    urlpatterns += [
        re_path(
            rf"^{media_prefix}(?P<path>.*)$",
            serve_file,
            {"document_root": settings.MEDIA_ROOT},
        )
    ]

# Pages a visitor reads, in the site's language at the root and in each other one under /<lang>/.
urlpatterns += i18n_patterns(
    path("search/", search, name="search"),
    path("ask/", ask_question, name="ask_question"),
    path("ask/thanks/", ask_question_thanks, name="ask_question_thanks"),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
