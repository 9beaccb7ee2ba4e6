"""Topics and their FAQs: the pages that answer visitors' questions."""

import functools
import hashlib
import re
from html import unescape

from django.conf import settings
from django.db import models
from django.db.models.functions import Substr
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import get_language
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, Panel, TitleFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.rich_text import expand_db_html
from wagtail.search import index

from faqbase.base.languages import language_tag
from faqbase.base.navigation import breadcrumb_structured_data, breadcrumb_trail
from faqbase.caching.fragments import fragment_cached, site_key

ANSWER_FEATURES = ["bold", "italic", "link", "ol", "ul", "h3", "image"]
META_DESCRIPTION_LENGTH = 155

# The rich text editor stamps every block with a fresh key; they carry no content.
BLOCK_KEY_ATTRIBUTE = re.compile(r'\s+data-block-key="[^"]*"')


# A page asks for its plain text several times (description, og:description, JSON-LD).
@functools.lru_cache(maxsize=512)
def rich_text_to_plain(html):
    """Visible text of stored rich text, one paragraph per line, for meta tags and JSON-LD.

    Internal links are not expanded: only their text shows, and looking up every linked page
    made rebuilding the answer index several times slower.
    """
    text = unescape(strip_tags(re.sub(r"</(p|li|h\d)>", "\n", html)))
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def meta_description_from(search_description, text):
    """The editor's own search description, or else the page's text cut to a snippet's length."""
    return Truncator(search_description or " ".join(text.split())).chars(META_DESCRIPTION_LENGTH)


def answer_fingerprint(html):
    """The answer as the rich text editor would store it, so re-saving unchanged text matches."""
    from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter

    converter = ContentstateConverter(features=ANSWER_FEATURES)
    try:
        canonical = converter.to_database_format(converter.from_database_format(html or ""))
    except AssertionError:
        # The converter asserts on mismatched tags; such markup can only be compared as is.
        canonical = html or ""
    return " ".join(BLOCK_KEY_ATTRIBUTE.sub("", canonical).split())


class EditorialDatesPanel(Panel):
    """Shows an FAQ's last-edited and last-reviewed dates, which editors never type in."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "knowledge/admin/editorial_dates_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["faq"] = self.instance
            return context


class TopicPage(RoutablePageMixin, Page):
    intro = RichTextField(features=ANSWER_FEATURES, blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["base.HomePage"]
    subpage_types = ["knowledge.FAQPage"]

    def meta_description(self):
        return meta_description_from(self.search_description, rich_text_to_plain(self.intro))

    def question_index(self):
        """Every live FAQ of the topic, alphabetical the way a reader scans a list."""
        faqs = FAQPage.objects.live().public().child_of(self).only("title", "url_path", "slug")
        return sorted(faqs, key=lambda faq: faq.title.casefold())

    def question_links(self, request):
        """The question index as {pk, title, url} entries, worked out once for all the topic's
        pages until the next publish."""
        return fragment_cached(
            f"question-index.{self.pk}.{site_key(request)}",
            lambda: [
                {"pk": faq.pk, "title": faq.title, "url": faq.get_url(request)}
                for faq in self.question_index()
            ],
        )

    def articles(self):
        from faqbase.articles.models import ArticlePage

        return ArticlePage.objects.live().public().about(self)

    def newest_article_ids(self, count):
        return fragment_cached(
            f"topic-articles.{self.pk}.{count}",
            lambda: list(self.articles().values_list("pk", flat=True)[:count]),
        )

    def get_context(self, request, *args, **kwargs):
        from faqbase.articles.models import article_cards

        context = super().get_context(request, *args, **kwargs)
        context["question_index"] = self.question_links(request)
        # The same cards as the topic's FAQs show: webinars among them marked as webinars.
        newest = self.newest_article_ids(settings.FAQBASE_RELATED_ARTICLES)
        context["related_cards"] = article_cards(newest, request)
        return context

    def get_cached_paths(self):
        """The topic's own page and its article listing, for purging both together."""
        return ["/", "/articles/"]

    @path("")
    def topic(self, request):
        return self.render(request)

    @path("articles/")
    def article_listing(self, request):
        from faqbase.articles.models import paginate_articles

        return self.render(
            request,
            context_overrides={"articles": paginate_articles(request, self.articles())},
            template="articles/topic_article_listing.html",
        )


class FAQPageQuerySet(PageQuerySet):
    def recently_edited(self):
        # FAQs edited at the same moment (an import) come in the same order on every database.
        return self.filter(last_edited__isnull=False).order_by("-last_edited", "path")

    def count_per_topic(self, topics):
        """{topic pk: how many of these FAQs it holds}, counted by the database in one query
        per tree level rather than by loading every FAQ."""
        counts = {topic.pk: 0 for topic in topics}
        for depth in {topic.depth for topic in topics}:
            topic_by_path = {topic.path: topic.pk for topic in topics if topic.depth == depth}
            rows = (
                self.filter(depth=depth + 1)
                .annotate(parent_path=Substr("path", 1, depth * Page.steplen))
                .filter(parent_path__in=list(topic_by_path))
                .order_by()
                .values_list("parent_path")
                .annotate(count=models.Count("pk"))
            )
            for parent_path, count in rows:
                counts[topic_by_path[parent_path]] = count
        return counts


class FAQPageTag(TaggedItemBase):
    content_object = ParentalKey("knowledge.FAQPage", related_name="tagged_items")


class FAQPage(Page):
    answer = RichTextField(features=ANSWER_FEATURES)
    tags = ClusterTaggableManager(through=FAQPageTag, blank=True)
    last_edited = models.DateTimeField(
        null=True,
        editable=False,
        help_text="When the question or answer last changed in a published version.",
    )
    last_reviewed = models.DateField(
        null=True, editable=False, help_text="When an editor last confirmed the answer."
    )

    objects = PageManager.from_queryset(FAQPageQuerySet)()

    content_panels = [
        TitleFieldPanel(
            "title",
            heading="Question",
            placeholder="Question*",
            help_text="The question in the words visitors use; it is the page heading.",
        ),
        FieldPanel("answer"),
        InlinePanel(
            "alternative_phrasings",
            heading="Also asked as",
            label="Phrasing",
            help_text="Other ways visitors put this question; the answer engine matches them.",
        ),
        FieldPanel("tags"),
        InlinePanel("related_article_links", heading="Related articles", label="Article"),
    ]
    settings_panels = Page.settings_panels + [EditorialDatesPanel(heading="Editorial dates")]
    search_fields = Page.search_fields + [
        index.SearchField("answer"),
        index.RelatedFields("alternative_phrasings", [index.SearchField("text")]),
        index.FilterField("last_edited"),
    ]
    parent_page_types = ["knowledge.TopicPage"]
    subpage_types = []

    class Meta:
        verbose_name = "FAQ"
        verbose_name_plural = "FAQs"

    @cached_property
    def topic(self):
        return self.get_parent().specific

    @property
    def answer_text(self):
        return rich_text_to_plain(self.answer)

    def meta_description(self):
        return meta_description_from(self.search_description, self.answer_text)

    def related_article_ids(self):
        """The hand-picked articles, topped up from the topic so the page always offers some."""
        from faqbase.articles.models import public_article_ids

        limit = settings.FAQBASE_RELATED_ARTICLES
        live = public_article_ids()
        links = self.related_article_links.all()
        picked = [link.article_id for link in links if link.article_id in live][:limit]
        # Twice the limit, so that enough remain once the hand-picked ones are left out.
        newest = self.topic.newest_article_ids(2 * limit)
        return picked + [pk for pk in newest if pk not in picked][: limit - len(picked)]

    def structured_data(self, request, trail):
        faq = {
            "@context": "https://schema.org",
            "@type": "FAQPage",
            # The language the page is served in: its locale's, by its URL (/cy/…).
            "inLanguage": language_tag(get_language()),
            "mainEntity": [
                {
                    "@type": "Question",
                    "name": self.title,
                    "acceptedAnswer": {"@type": "Answer", "text": self.answer_text},
                }
            ],
        }
        return [faq, breadcrumb_structured_data(trail, request)]

    def get_context(self, request, *args, **kwargs):
        from faqbase.articles.models import article_cards

        context = super().get_context(request, *args, **kwargs)
        # Shown twice, as the visible breadcrumbs and in the JSON-LD: looked up once.
        context["breadcrumb_trail"] = breadcrumb_trail(self)
        context["structured_data"] = self.structured_data(request, context["breadcrumb_trail"])
        context["topic"] = self.topic
        context["question_index"] = self.topic.question_links(request)
        context["related_cards"] = article_cards(self.related_article_ids(), request)
        context["answer_html"] = self.answer_html(request)
        return context

    def answer_html(self, request):
        """The answer with its links to other pages expanded, which costs a lookup per link.

        Keyed by the text itself, so a preview of a draft never meets the published answer;
        a linked page's address changes only by a publish or move, which replaces the stored copy.
        """
        digest = hashlib.sha256(self.answer.encode()).hexdigest()
        return mark_safe(
            fragment_cached(
                f"answer.{site_key(request)}.{digest}", lambda: str(expand_db_html(self.answer))
            )
        )

    def get_sitemap_urls(self, request=None):
        entries = super().get_sitemap_urls(request)
        for entry in entries:
            entry["lastmod"] = self.last_edited or entry["lastmod"]
        return entries

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if update_fields is None or {"title", "answer", "live"} & set(update_fields):
            self._derive_editorial_dates()
        return super().save(*args, **kwargs)

    def _derive_editorial_dates(self):
        """Keep the dates from the stored row; move last_edited only when published text changed.

        Revisions carry stale copies of both dates, so they are never taken from the instance.
        """
        stored = None
        if self.pk:
            stored = (
                FAQPage.objects.filter(pk=self.pk)
                .values("title", "answer", "last_edited", "last_reviewed")
                .first()
            )
        if stored:
            self.last_edited = stored["last_edited"]
            self.last_reviewed = stored["last_reviewed"]
        else:
            self.last_edited = None
            self.last_reviewed = None
        if not self.live:
            return
        text_changed = stored is not None and (
            stored["title"] != self.title
            or answer_fingerprint(stored["answer"]) != answer_fingerprint(self.answer)
        )
        if self.last_edited is None or text_changed:
            self.last_edited = timezone.now()


class AlternativePhrasing(Orderable):
    faq = ParentalKey(FAQPage, on_delete=models.CASCADE, related_name="alternative_phrasings")
    text = models.CharField(max_length=255)

    panels = [FieldPanel("text")]

    def __str__(self):
        return self.text


class FAQRelatedArticle(Orderable):
    faq = ParentalKey(FAQPage, on_delete=models.CASCADE, related_name="related_article_links")
    article = models.ForeignKey(
        "articles.ArticlePage", on_delete=models.CASCADE, related_name="faq_links"
    )

    panels = [FieldPanel("article")]
