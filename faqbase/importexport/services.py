"""Import a content folder into the site (create or update by slug) and export the site to one."""

import datetime
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail.utils.file import hash_filelike

from faqbase.answers.models import Abbreviation
from faqbase.articles.models import ArticleIndexPage, ArticlePage, WebinarPage
from faqbase.base.models import HomePage
from faqbase.base.services import home_page_ensure
from faqbase.knowledge.models import AlternativePhrasing, FAQPage, FAQRelatedArticle, TopicPage

from .folder import (
    ABBREVIATIONS_FILE,
    AbbreviationRecord,
    ContentError,
    dump_abbreviations,
    dump_content_file,
    read_folder,
)
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
    """Load the pages in the folder at `path`; a bad file raises ContentError, changing nothing."""
    root = Path(path)
    folder = read_folder(root)
    with transaction.atomic():
        return FolderImport(folder, root, user).run()


class FolderImport:
    def __init__(self, folder, root, user):
        self.folder = folder
        self.root = root
        self.user = user
        self.summary = ImportSummary()

    def run(self):
        existing_home = HomePage.objects.first()
        home_title = self.folder.home.title if self.folder.home else None
        home_intro = self.folder.home.intro if self.folder.home else ""
        self.home = home_page_ensure(
            title=home_title or (existing_home and existing_home.title) or DEFAULT_HOME_TITLE,
            intro=home_intro or (existing_home and existing_home.intro) or "",
        )
        self.check_references()
        topics = {record.slug: self.topic_upsert(record) for record in self.folder.topics}
        article_index = self.article_index_ensure()
        articles = {
            record.slug: self.article_upsert(record, article_index)
            for record in self.folder.articles
        }
        faqs = [self.faq_upsert(record) for record in self.folder.faqs]
        page_ids = self.page_ids_by_path()
        for page, record in [*topics.values(), *articles.values(), *faqs]:
            self.publish(page, record, page_ids)
        for record in self.folder.abbreviations:
            abbreviation_upsert(record)
        return self.summary

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

    def create_or_find(self, model, parent, slug, **fields):
        page = model.objects.child_of(parent).filter(slug=slug).first()
        if page is None:
            page = model.objects.filter(slug=slug).first() if model is FAQPage else None
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
        page = self.create_or_find(
            TopicPage, self.home, record.slug, title=record.title, intro=intro
        )
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
        page = self.create_or_find(model, index, record.slug, **fields)
        return page, record

    def image_for(self, record):
        if not record.image:
            return None
        image_model = get_image_model()
        path = self.root / record.image
        with path.open("rb") as file:
            image = image_model.objects.filter(file_hash=hash_filelike(file)).first()
            if image is None:
                image = image_model(title=record.title, description=record.image_alt)
                image.file = ImageFile(file, name=path.name)
                image._set_image_file_metadata()  # the file hash that finds it on re-import
                image.save()
        if image.description != record.image_alt:
            image.description = record.image_alt
            image.save(update_fields=["description"])
        return image

    def faq_upsert(self, record):
        topic = TopicPage.objects.child_of(self.home).get(slug=record.topic)
        answer = markdown_to_rich_text(record.answer)
        page = self.create_or_find(
            FAQPage, topic, record.slug, title=record.question, answer=answer
        )
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
            page.topics.set(TopicPage.objects.filter(slug__in=record.topics))
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
        """Read once, after every article of the folder exists, for all the FAQs that link them."""
        return {article.slug: article for article in ArticlePage.objects.all()}


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


def abbreviation_upsert(record):
    """Add the short form to the glossary, or update its entry (matched in any case)."""
    abbreviation = Abbreviation.objects.filter(short_form__iexact=record.short).first()
    abbreviation = abbreviation or Abbreviation()
    abbreviation.short_form = record.short
    abbreviation.full_form = record.full
    abbreviation.match_case = record.match_case
    abbreviation.save()


def content_export(*, path):
    """Write every published topic, FAQ, article and webinar, and the glossary, to `path`."""
    root = Path(path)
    home = HomePage.objects.first()
    if home is None:
        raise ContentError("the site has no home page yet: nothing to export")
    prefix = len(home.url_path) - 1
    paths = dict(Page.objects.descendant_of(home).values_list("id", "url_path"))

    def path_for_page_id(page_id):
        return paths[page_id][prefix:] if page_id in paths else "/"

    dump_content_file(root / "home.md", {"title": home.title}, home.intro)
    for topic in TopicPage.objects.live().descendant_of(home).order_by("slug"):
        body = rich_text_to_markdown(topic.intro, path_for_page_id)
        dump_content_file(root / "topics" / f"{topic.slug}.md", topic_meta(topic), body)
    for faq in FAQPage.objects.live().descendant_of(home).order_by("slug"):
        body = rich_text_to_markdown(faq.answer, path_for_page_id)
        dump_content_file(root / "faqs" / f"{faq.slug}.md", faq_meta(faq), body)
    for article in ArticlePage.objects.live().descendant_of(home).specific().order_by("slug"):
        body = rich_text_to_markdown(article.body, path_for_page_id)
        meta = article_meta(article)
        if article.image:
            image_export(article, root / meta["image"])
        dump_content_file(root / "articles" / f"{article.slug}.md", meta, body)
    glossary = [
        AbbreviationRecord(a.short_form, a.full_form, a.match_case)
        for a in Abbreviation.objects.order_by("short_form")
    ]
    if glossary:
        dump_abbreviations(root / ABBREVIATIONS_FILE, glossary)


def topic_meta(topic):
    return {"title": topic.title, "slug": topic.slug}


def faq_meta(faq):
    meta = {
        "question": faq.title,
        "slug": faq.slug,
        "topic": faq.get_parent().slug,
        "tags": sorted(tag.name for tag in faq.tags.all()),
        "also_asked_as": [phrasing.text for phrasing in faq.alternative_phrasings.all()],
        "related_articles": [link.article.slug for link in faq.related_article_links.all()],
    }
    if faq.last_edited:
        meta["last_edited"] = timezone.localdate(faq.last_edited)
    if faq.last_reviewed:
        meta["last_reviewed"] = faq.last_reviewed
    return meta


def article_meta(article):
    meta = {
        "title": article.title,
        "slug": article.slug,
        "kind": article.kind,
        "topics": sorted(topic.slug for topic in article.topics.all()),
        "date": article.date,
        "teaser": article.teaser,
    }
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
