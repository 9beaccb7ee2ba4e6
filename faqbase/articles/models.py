"""Articles and webinars, shown as related cards beside FAQs and listed per topic."""

from django import forms
from django.core.paginator import Paginator
from django.db import models
from django.db.models import prefetch_related_objects
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from faqbase.caching.fragments import fragment_cached, fragments_cached, site_key
from faqbase.caching.query import page_query_used

ARTICLES_PER_PAGE = 12
BODY_FEATURES = ["h2", "h3", "bold", "italic", "link", "ol", "ul", "blockquote"]


def paginate_articles(request, articles):
    paginator = Paginator(articles.specific(), ARTICLES_PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    page_query_used(request, "page", page.number)
    return page


class ArticlePageQuerySet(PageQuerySet):
    def about(self, topic):
        return self.filter(topics=topic).newest_first()

    def newest_first(self):
        return self.order_by("-date", "title").select_related("image")


class ArticleIndexPage(Page):
    intro = models.TextField(blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["base.HomePage"]
    subpage_types = ["articles.ArticlePage", "articles.WebinarPage"]
    max_count = 1

    def meta_description(self):
        return self.search_description or self.intro

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        articles = ArticlePage.objects.live().public().child_of(self).newest_first()
        context["articles"] = paginate_articles(request, articles)
        return context


class ArticlePage(Page):
    teaser = models.TextField(max_length=300, help_text="Shown on the article's card.")
    image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    date = models.DateField("Published on", default=timezone.localdate)
    body = RichTextField(features=BODY_FEATURES)
    topics = ParentalManyToManyField("knowledge.TopicPage", blank=True, related_name="+")

    objects = PageManager.from_queryset(ArticlePageQuerySet)()

    content_panels = Page.content_panels + [
        FieldPanel("teaser"),
        FieldPanel("image"),
        FieldPanel("date"),
        FieldPanel("body"),
        FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("teaser"),
        index.SearchField("body"),
        index.FilterField("date"),
    ]
    parent_page_types = ["articles.ArticleIndexPage"]
    subpage_types = []

    @property
    def kind(self):
        return "article"

    def meta_description(self):
        return self.search_description or self.teaser


class WebinarPage(ArticlePage):
    starts_at = models.DateTimeField("Date and time")
    duration_minutes = models.PositiveSmallIntegerField(default=60)
    recording_url = models.URLField(
        blank=True, help_text="Where the recording can be watched, once it is available."
    )

    content_panels = ArticlePage.content_panels + [
        MultiFieldPanel(
            [FieldPanel("starts_at"), FieldPanel("duration_minutes"), FieldPanel("recording_url")],
            heading="Webinar",
        )
    ]
    parent_page_types = ["articles.ArticleIndexPage"]
    subpage_types = []

    @property
    def kind(self):
        return "webinar"

    @property
    def has_happened(self):
        return self.starts_at <= timezone.now()


def public_article_ids():
    """Which articles are live and public, so that a page can leave out the others without a
    query; cards are shown to every visitor, from a shared cache."""
    return fragment_cached(
        "public-articles",
        lambda: set(ArticlePage.objects.live().public().values_list("pk", flat=True)),
    )


def article_cards(article_ids, request):
    """The cards of these articles as HTML, in the same order, rendered once for every page that
    shows them until the next publish; the image renditions make a card slow to render.
    A card's own words ("Webinar", "UK time") are in the page's language, so each language
    keeps its own copy."""
    language = get_language()
    names = {pk: f"article-card.{pk}.{language}.{site_key(request)}" for pk in article_ids}

    def render(missing_names):
        wanted = [pk for pk, name in names.items() if name in missing_names]
        articles = list(ArticlePage.objects.filter(pk__in=wanted).specific())
        # Every card's image and its renditions in two queries, not two per card.
        prefetch_related_objects(articles, "image__renditions")
        return {
            names[article.pk]: render_to_string(
                "includes/article_card.html", {"article": article}, request=request
            )
            for article in articles
        }

    cards = fragments_cached(list(names.values()), render)
    return [cards[name] for name in names.values() if name in cards]
