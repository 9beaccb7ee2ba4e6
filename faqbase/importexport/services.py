"""Import a content folder into the site (create or update by slug) and export the site to one."""

import datetime
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale, Page

from faqbase.answers.models import Abbreviation
from faqbase.articles.models import ArticleIndexPage, ArticlePage, WebinarPage
from faqbase.base.models import HomePage
from faqbase.base.services import home_page_ensure
from faqbase.knowledge.models import AlternativePhrasing, FAQPage, FAQRelatedArticle, TopicPage

from .folder import (
    ABBREVIATIONS_FILE,
    AbbreviationRecord,
    ContentError,
    FAQRecord,
    TopicRecord,
    dump_abbreviations,
    dump_content_file,
    read_folder,
)
from .images import image_stored
from .markdown import markdown_to_rich_text, rich_text_to_markdown, site_paths_linked

DEFAULT_HOME_TITLE = "Questions and answers"
ARTICLE_INDEX_SLUG = "articles"
# Dates in files carry no time; noon keeps them on the same calendar day in any UK offset.
DATE_ONLY_TIME = datetime.time(12, 0)


@dataclass
class ImportSummary:
    created: int = 0
    updated: int = 0

    def __str__(self):
        return f"{self.created} pages created, {self.updated} updated"


def content_import(*, path, user=None):
    """Load the pages in the folder at `path`, then the translations in its language folders;
    a bad file raises ContentError, changing nothing."""
    root = Path(path)
    folder = read_folder(root, languages=translation_languages())
    summary = ImportSummary()
    with transaction.atomic():
        FolderImport(folder, root, user, summary).run()
        for translation in folder.translations:
            TranslationImport(translation, root, user, summary).run()
    return summary


def translation_languages():
    """The content languages other than the site's own: each may have a folder of its own."""
    default = Locale.get_default().language_code
    return [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES if code != default]


class FolderImport:
    def __init__(self, folder, root, user, summary):
        self.folder = folder
        self.root = root
        self.user = user
        self.summary = summary
        self.locale = Locale.get_default()

    def run(self):
        self.home = self.home_ensure()
        self.check_references()
        topics = [self.topic_upsert(record) for record in self.folder.topics]
        articles = []
        # The site always has its article index; a language gets one with its first article.
        if self.folder.articles or not self.folder.language:
            article_index = self.article_index_ensure()
            articles = [self.article_upsert(r, article_index) for r in self.folder.articles]
        faqs = [self.faq_upsert(record) for record in self.folder.faqs]
        page_ids = self.page_ids_by_path()
        for page, record in [*topics, *articles, *faqs]:
            self.publish(page, record, page_ids)
        for record in self.folder.abbreviations:
            abbreviation_upsert(record, self.locale.language_code)

    def home_ensure(self):
        existing_home = HomePage.in_default_locale()
        home_title = self.folder.home.title if self.folder.home else None
        home_intro = self.folder.home.intro if self.folder.home else ""
        return home_page_ensure(
            title=home_title or (existing_home and existing_home.title) or DEFAULT_HOME_TITLE,
            intro=home_intro or (existing_home and existing_home.intro) or "",
        )

    # Checks before anything is written, so a broken folder leaves the site as it was.
    def check_references(self):
        known_paths = set(self.page_ids_by_path())
        topic_slugs = {record.slug for record in self.folder.topics}
        topic_slugs |= set(TopicPage.objects.child_of(self.home).values_list("slug", flat=True))
        article_slugs = {record.slug for record in self.folder.articles}
        article_slugs |= set(ArticlePage.objects.values_list("slug", flat=True))
        known_paths |= {f"/{slug}/" for slug in topic_slugs}
        known_paths |= {f"/{ARTICLE_INDEX_SLUG}/{slug}/" for slug in article_slugs}
        known_paths |= {f"/{record.topic}/{record.slug}/" for record in self.folder.faqs}
        for record in self.folder.faqs:
            if record.topic not in topic_slugs:
                record.source.fail(
                    f"the topic '{record.topic}' is neither in the folder nor on the site"
                )
            for slug in record.related_articles:
                if slug not in article_slugs:
                    record.source.fail(f"the related article '{slug}' does not exist")
        for record in self.folder.articles:
            for slug in record.topics:
                if slug not in topic_slugs:
                    record.source.fail(
                        f"the topic '{slug}' is neither in the folder nor on the site"
                    )
        for record in [*self.folder.topics, *self.folder.faqs, *self.folder.articles]:
            for linked in site_paths_linked(record.source.body):
                if linked not in known_paths:
                    record.source.fail(
                        f"links to {linked}, which is not a page here or on the site"
                    )

    def page_ids_by_path(self):
        prefix = len(self.home.url_path) - 1
        pages = Page.objects.descendant_of(self.home).values_list("url_path", "id")
        return {url_path[prefix:]: page_id for url_path, page_id in pages}

    def upsert(self, model, parent, record, **fields):
        """The page `record` describes, found by slug under `parent` or created there."""
        slug = record.slug
        page = model.objects.child_of(parent).filter(slug=slug).first()
        if page is None and model is FAQPage:
            page = model.objects.filter(locale=self.locale, slug=slug).first()
            if page is not None:
                page.move(parent, pos="last-child")
                page.refresh_from_db()
        if page is None:
            # Site links stay plain until every page exists; publish() turns them into page links.
            page = model(slug=slug, live=False, **fields)
            parent.add_child(instance=page)
            self.summary.created += 1
        else:
            self.summary.updated += 1
        for name, value in fields.items():
            setattr(page, name, value)
        return page

    def topic_upsert(self, record):
        intro = markdown_to_rich_text(record.intro)
        page = self.upsert(TopicPage, self.home, record, title=record.title, intro=intro)
        return page, record

    def article_index_ensure(self):
        index = ArticleIndexPage.objects.child_of(self.home).first()
        if index is None:
            index = ArticleIndexPage(title="Articles", slug=ARTICLE_INDEX_SLUG)
            self.home.add_child(instance=index)
            index.save_revision(user=self.user).publish(user=self.user)
        return index

    def article_upsert(self, record, index):
        model = WebinarPage if record.kind == "webinar" else ArticlePage
        fields = {
            "title": record.title,
            "teaser": record.teaser,
            "date": record.date,
            "body": markdown_to_rich_text(record.body),
            "image": self.image_for(record),
        }
        if model is WebinarPage:
            fields |= {
                "starts_at": record.starts_at,
                "duration_minutes": record.duration_minutes,
                "recording_url": record.recording_url,
            }
        current = ArticlePage.objects.child_of(index).filter(slug=record.slug).first()
        if current and type(current.specific) is not model:
            record.source.fail(f"'{record.slug}' already exists as another kind of page")
        page = self.upsert(model, index, record, **fields)
        return page, record

    def image_for(self, record):
        if not record.image:
            return None
        path = self.root / record.image
        with path.open("rb") as file:
            image = image_stored(
                file, name=path.name, title=record.title, description=record.image_alt
            )
        if image.description != record.image_alt:
            image.description = record.image_alt
            image.save(update_fields=["description"])
        return image

    def faq_upsert(self, record):
        topic = TopicPage.objects.child_of(self.home).get(slug=record.topic)
        answer = markdown_to_rich_text(record.answer)
        page = self.upsert(FAQPage, topic, record, title=record.question, answer=answer)
        return page, record

    def publish(self, page, record, page_ids):
        def page_id_for_path(path):
            return page_ids[path]

        page = page.specific
        # Pages added below this one since it was loaded changed its tree fields in the database.
        page.refresh_from_db(fields=["path", "depth", "numchild", "url_path"])
        if isinstance(page, TopicPage):
            page.intro = markdown_to_rich_text(record.intro, page_id_for_path)
        elif isinstance(page, ArticlePage):
            page.body = markdown_to_rich_text(record.body, page_id_for_path)
            page.topics.set(TopicPage.objects.child_of(self.home).filter(slug__in=record.topics))
        else:
            self.faq_relations_set(page, record, page_id_for_path)
        page.save_revision(user=self.user, log_action=True).publish(user=self.user)
        if isinstance(page, FAQPage):
            faq_dates_set(page, record)

    def faq_relations_set(self, page, record, page_id_for_path):
        page.answer = markdown_to_rich_text(record.answer, page_id_for_path)
        page.tags.set(record.tags)
        # Numbered as the file lists them: without a sort order the database may return them
        # in any order, and an export would not give back the file it was imported from.
        page.alternative_phrasings = [
            AlternativePhrasing(text=text, sort_order=position)
            for position, text in enumerate(record.also_asked_as)
        ]
        page.related_article_links = [
            FAQRelatedArticle(article=self.articles_by_slug[slug], sort_order=position)
            for position, slug in enumerate(record.related_articles)
        ]

    @cached_property
    def articles_by_slug(self):
        """Read once, after every article of the folder exists, for all the FAQs that link them.

        A translated FAQ names its source's articles: each is linked in this language when it
        has been translated, and as it is otherwise.
        """
        default_articles = ArticlePage.objects.filter(locale=Locale.get_default())
        articles = {article.slug: article for article in default_articles}
        translated = ArticlePage.objects.filter(
            locale=self.locale, translation_key__in=[a.translation_key for a in articles.values()]
        )
        by_key = {article.translation_key: article for article in translated}
        return {slug: by_key.get(a.translation_key, a) for slug, a in articles.items()}


class TranslationImport(FolderImport):
    """A language folder: each page translates the site's page named by `translation_of` and
    sits under the translation of that page's parent, as Wagtail's translated trees do."""

    def __init__(self, folder, root, user, summary):
        super().__init__(folder, root, user, summary)
        self.locale, _created = Locale.objects.get_or_create(language_code=folder.language)
        self.source_home = HomePage.in_default_locale()
        self.sources = {}

    def home_ensure(self):
        home = self.translation_find_or_copy(self.source_home)
        if self.folder.home:
            home.title, home.intro = self.folder.home.title, self.folder.home.intro
        home.save_revision(user=self.user).publish(user=self.user)
        return home

    def article_index_ensure(self):
        source_index = ArticleIndexPage.objects.child_of(self.source_home).get()
        index = self.translation_find_or_copy(source_index)
        index.save_revision(user=self.user).publish(user=self.user)
        return index

    def check_references(self):
        """Each record's source exists and its topics are translated, in the folder or on the
        site; the records then name their topics as the site's own folder does, so its checks
        and upserts apply unchanged."""
        for record in self.folder.pages():
            source = self.source_page(record)
            if source is None:
                record.source.fail(
                    f"translates '{record.translation_of}', which is not a page of the site"
                )
            self.sources[record.source.path] = source.specific
        for record in self.folder.faqs:
            source_topic = self.sources[record.source.path].get_parent()
            record.topic = self.translated_topic_slug(record, source_topic)
        for record in self.folder.articles:
            source_topics = self.sources[record.source.path].topics.all()
            record.topics = [self.translated_topic_slug(record, topic) for topic in source_topics]
        super().check_references()

    def source_page(self, record):
        if isinstance(record, TopicRecord):
            pages = TopicPage.objects.child_of(self.source_home)
        else:
            model = FAQPage if isinstance(record, FAQRecord) else ArticlePage
            pages = model.objects.descendant_of(self.source_home)
        return pages.filter(slug=record.translation_of).first()

    def translated_topic_slug(self, record, source_topic):
        for topic in self.folder.topics:
            if topic.translation_of == source_topic.slug:
                return topic.slug
        translation = source_topic.get_translation_or_none(self.locale)
        if translation is None:
            record.source.fail(
                f"its topic '{source_topic.slug}' is translated neither here nor on the site"
            )
        return translation.slug

    def upsert(self, model, parent, record, **fields):
        page = self.translation_find_or_copy(self.sources[record.source.path])
        if page.slug != record.slug:
            # Saved now, so that the pages below it, and links to them, are found by it.
            page.slug = record.slug
            page.save(update_fields=["slug", "url_path"])
        for name, value in fields.items():
            setattr(page, name, value)
        return page

    def translation_find_or_copy(self, source):
        """The source's translation into this language, copied from the source when new."""
        page = source.get_translation_or_none(self.locale)
        if page is None:
            page = source.copy_for_translation(self.locale)
            self.summary.created += 1
        else:
            self.summary.updated += 1
        return page.specific


def faq_dates_set(page, record):
    """The folder's dates win: an import restores history rather than making new edits."""
    dates = {}
    if record.last_edited:
        dates["last_edited"] = timezone.make_aware(
            datetime.datetime.combine(record.last_edited, DATE_ONLY_TIME)
        )
    if record.last_reviewed:
        dates["last_reviewed"] = record.last_reviewed
    if dates:
        FAQPage.objects.filter(pk=page.pk).update(**dates)


def abbreviation_upsert(record, language):
    """Add the short form to the language's glossary, or update its entry (matched in any case)."""
    abbreviation = Abbreviation.objects.filter(
        short_form__iexact=record.short, language=language
    ).first()
    abbreviation = abbreviation or Abbreviation(language=language)
    abbreviation.short_form = record.short
    abbreviation.full_form = record.full
    abbreviation.match_case = record.match_case
    abbreviation.save()


def content_export(*, path):
    """Write every published topic, FAQ, article and webinar, and the glossary, to `path`, and
    each translated tree to a folder named by its language code."""
    root = Path(path)
    home = HomePage.in_default_locale()
    if home is None:
        raise ContentError("the site has no home page yet: nothing to export")
    TreeExport(home, root, root).run()
    glossary_export(root, home.locale.language_code)
    for translated_home in home.get_translations().order_by("locale__language_code"):
        language = translated_home.locale.language_code
        TreeExport(translated_home.specific, root / language, root).run()
        glossary_export(root / language, language)


def glossary_export(folder, language):
    glossary = [
        AbbreviationRecord(a.short_form, a.full_form, a.match_case)
        for a in Abbreviation.objects.filter(language=language).order_by("short_form")
    ]
    if glossary:
        dump_abbreviations(folder / ABBREVIATIONS_FILE, glossary)


class TreeExport:
    """One language's pages: the site's own, or a translation whose files name their sources."""

    def __init__(self, home, folder, root):
        self.home = home
        self.folder = folder
        self.root = root  # images go beside the site's own pages, for every language
        self.translated = not home.locale.is_default
        prefix = len(home.url_path) - 1
        paths = dict(Page.objects.descendant_of(home).values_list("id", "url_path"))
        self.paths = {page_id: url_path[prefix:] for page_id, url_path in paths.items()}

    def path_for_page_id(self, page_id):
        return self.paths.get(page_id, "/")

    def run(self):
        home_meta = {"title": self.home.title}
        dump_content_file(self.folder / "home.md", home_meta, self.home.intro)
        for topic in TopicPage.objects.live().child_of(self.home).order_by("slug"):
            self.write("topics", topic, topic_meta(topic, self.source_slug(topic)), topic.intro)
        for faq in FAQPage.objects.live().descendant_of(self.home).order_by("slug"):
            self.write("faqs", faq, faq_meta(faq, self.source_slug(faq)), faq.answer)
        articles = ArticlePage.objects.live().descendant_of(self.home).specific().order_by("slug")
        for article in articles:
            meta = article_meta(article, self.source_slug(article))
            if article.image:
                image_export(article, self.root / meta["image"])
            self.write("articles", article, meta, article.body)

    def source_slug(self, page):
        """In a translated tree, the slug of the page it translates: "" for a page written only
        in this language, which the import then refuses by name rather than it going unseen."""
        if not self.translated:
            return None
        source = page.get_translation_or_none(Locale.get_default())
        return source.slug if source else ""

    def write(self, section, page, meta, rich_text):
        body = rich_text_to_markdown(rich_text, self.path_for_page_id)
        dump_content_file(self.folder / section / f"{page.slug}.md", meta, body)


def with_source(meta, translation_of):
    """The meta with `translation_of` after the slug, when the page is a translation."""
    if translation_of is None:
        return meta
    keys = list(meta)
    at = keys.index("slug") + 1
    return (
        {key: meta[key] for key in keys[:at]}
        | {"translation_of": translation_of}
        | {key: meta[key] for key in keys[at:]}
    )


def source_language_slug(page):
    """A linked page named as the site's own language names it: a translated FAQ's related
    articles are the source's, linked in the translation's language where translated."""
    return (page.get_translation_or_none(Locale.get_default()) or page).slug


def topic_meta(topic, translation_of=None):
    return with_source({"title": topic.title, "slug": topic.slug}, translation_of)


def faq_meta(faq, translation_of=None):
    meta = {"question": faq.title, "slug": faq.slug}
    if translation_of is None:
        meta["topic"] = faq.get_parent().slug
    meta = with_source(meta, translation_of) | {
        "tags": sorted(tag.name for tag in faq.tags.all()),
        "also_asked_as": [phrasing.text for phrasing in faq.alternative_phrasings.all()],
        "related_articles": [
            source_language_slug(link.article) for link in faq.related_article_links.all()
        ],
    }
    if faq.last_edited:
        meta["last_edited"] = timezone.localdate(faq.last_edited)
    if faq.last_reviewed:
        meta["last_reviewed"] = faq.last_reviewed
    return meta


def article_meta(article, translation_of=None):
    meta = {"title": article.title, "slug": article.slug, "kind": article.kind}
    if translation_of is None:
        meta["topics"] = sorted(topic.slug for topic in article.topics.all())
    meta = with_source(meta, translation_of) | {"date": article.date, "teaser": article.teaser}
    if article.image:
        meta["image"] = f"images/{article.slug}{Path(article.image.file.name).suffix}"
        meta["image_alt"] = article.image.description
    if isinstance(article, WebinarPage):
        meta["starts_at"] = article.starts_at.astimezone(datetime.UTC).isoformat()
        meta["duration_minutes"] = article.duration_minutes
        meta["recording_url"] = article.recording_url
    return meta


def image_export(article, target):
    target.parent.mkdir(parents=True, exist_ok=True)
    with article.image.open_file() as source:
        target.write_bytes(source.read())
