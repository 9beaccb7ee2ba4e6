"""The home page: the site's root, listing topics and the most recently edited questions."""

from django.apps import apps
from django.conf import settings
from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.models import Locale, Page

RECENTLY_EDITED_COUNT = 8


class HomePage(Page):
    intro = models.TextField(blank=True, help_text="One or two sentences under the site's name.")

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["knowledge.TopicPage", "articles.ArticleIndexPage"]
    parent_page_types = ["wagtailcore.Page"]
    # One home page per language: the site's own, and its translations beside it at the root.
    max_count = len(settings.WAGTAIL_CONTENT_LANGUAGES)

    @classmethod
    def in_default_locale(cls):
        """The site's own home page, the root of the tree in the default language."""
        return cls.objects.filter(locale=Locale.get_default()).first()

    def meta_description(self):
        return self.search_description or self.intro

    def get_context(self, request, *args, **kwargs):
        # By name: the base app stands under the content apps and imports none of them.
        topic_model = apps.get_model("knowledge", "TopicPage")
        faq_model = apps.get_model("knowledge", "FAQPage")
        context = super().get_context(request, *args, **kwargs)
        topics = list(topic_model.objects.live().public().child_of(self))
        counts = faq_model.objects.live().public().count_per_topic(topics)
        for topic in topics:
            topic.question_count = counts[topic.pk]
        context["topics"] = topics
        context["recently_edited"] = (
            faq_model.objects.live().public().descendant_of(self).recently_edited()
        )[:RECENTLY_EDITED_COUNT]
        return context
