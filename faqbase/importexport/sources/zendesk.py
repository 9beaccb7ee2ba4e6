"""Reading a Zendesk Help Center export: the JSON of the Help Center API's article list.

Either one file {"articles": [...], "sections": [...], "categories": [...]}, as the API returns
it with include=sections,categories, or a folder holding articles.json, sections.json and
categories.json. Each file is one page of the API's answer or a list of its pages.

An article's category is its topic, its section (and the sections that hold it) and its labels
are its tags. Each translation of an article is a record of its own, keyed "<id>/<locale>"."""

import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from faqbase.importexport.sources import SourceBatch, SourceError, SourceFAQ
from faqbase.importexport.sources.common import (
    JsonRecord,
    KeysById,
    answer_checked,
    check_size,
    iso_moment,
    json_document,
    json_kind,
    question_checked,
    tags_checked,
)

SYSTEM = "zendesk"
LISTS = {"articles": "article", "sections": "section", "categories": "category"}
FOLDER_FILES = [f"{name}.json" for name in LISTS]
LOCALE = re.compile(r"[a-z]{2,3}(-[a-z0-9]+)*", re.IGNORECASE)
# /hc/en-gb/articles/360001234567-Some-title, or /hc/articles/360001234567 without a locale.
ARTICLE_LINK = re.compile(
    r"/hc/(?:(?P<locale>[a-z]{2,3}(?:-[a-z0-9]+)*)/)?articles/(?P<id>\d+)(?:-[^/]*)?/?$",
    re.IGNORECASE,
)


def read(path: Path) -> SourceBatch:
    """The articles of a Help Center export, one record for each article in each locale."""
    files = folder_files(path) if path.is_dir() else [path]
    entries = entries_listed(files)
    if not entries["articles"]:
        raise SourceError(f"{path.name}: the export holds no articles")
    catalogue = Catalogue(entries["sections"], entries["categories"])
    faqs = [faq_read(article, catalogue) for article in entries["articles"]]
    keys_unique(entries["articles"], faqs)
    return SourceBatch(system=SYSTEM, faqs=faqs, link_key=ArticleLinks(faqs))


def folder_files(folder):
    files = [folder / name for name in FOLDER_FILES]
    missing = [file.name for file in files if not file.is_file()]
    if missing:
        raise SourceError(
            f"{folder.name}: the folder needs {', '.join(FOLDER_FILES)}; "
            f"{', '.join(missing)} is missing"
        )
    check_size(folder.name, sum(file.stat().st_size for file in files))
    return files


@dataclass
class Entry(JsonRecord):
    """An article, section or category as the export holds it, and where, for messages."""

    # `where` names it by its id, "articles.json, article 360001234567"; `place` by its
    # position, "articles.json, page 2, article no. 7", where an id is not enough.
    place: str
    number_example = "360001234567"

    def flag(self, name):
        value = self.fields.get(name, False)
        if not isinstance(value, bool):
            self.fail(f"'{name}' must be true or false, not {json_kind(value)}")
        return value

    def texts(self, name):
        value = self.fields.get(name) or []
        if not isinstance(value, list) or not all(isinstance(text, str) for text in value):
            self.fail(f"'{name}' must be a list of texts")
        return value


def entries_listed(files):
    """The articles, sections and categories of every page of every file."""
    entries = {name: [] for name in LISTS}
    for file in files:
        for page_number, page in enumerate(pages(file), 1):
            for name, value in page.items():
                if name in LISTS:
                    entries[name] += file_entries(file, page_number, name, value)
    return entries


def pages(file):
    document = json_document(file, "the export")
    listed = document if isinstance(document, list) else [document]
    for number, page in enumerate(listed, 1):
        if not isinstance(page, dict) or not LISTS.keys() & page.keys():
            raise SourceError(
                f"{file.name}, page {number}: expected a page of the Help Center API, an object "
                "with 'articles', 'sections' or 'categories'"
            )
    return listed


def file_entries(file, page_number, name, value):
    if not isinstance(value, list):
        raise SourceError(f"{file.name}, page {page_number}: '{name}' must be a list")
    entries = []
    for number, fields in enumerate(value, 1):
        what = LISTS[name]
        if not isinstance(fields, dict):
            raise SourceError(
                f"{file.name}, page {page_number}, {what} no. {number}: expected an object, "
                f"not {json_kind(fields)}"
            )
        place = f"{file.name}, page {page_number}, {what} no. {number}"
        entry = Entry(where=place, fields=fields, place=place)
        entry.where = f"{file.name}, {what} {entry.whole_number('id')}"
        entries.append(entry)
    return entries


class Catalogue:
    """The sections and categories, by id, in each locale the export has them in."""

    def __init__(self, sections, categories):
        self.sections = by_id_and_locale(sections)
        self.categories = by_id_and_locale(categories)

    def section(self, article, locale):
        section_id = article.whole_number("section_id")
        section = found(self.sections, section_id, locale)
        if section is None:
            article.fail(f"its section {section_id} is not among the export's sections")
        return section

    def category(self, article, section, locale):
        category_id = section.whole_number("category_id")
        category = found(self.categories, category_id, locale)
        if category is None:
            article.fail(f"its section's category {category_id} is not among the categories")
        return category

    def section_names(self, section, locale):
        """The section's name after those of the sections that hold it, outermost first."""
        names, seen = [], set()
        while section is not None and id(section) not in seen:
            seen.add(id(section))
            names.insert(0, section.text("name"))
            parent_id = section.fields.get("parent_section_id")
            section = found(self.sections, parent_id, locale) if parent_id else None
        return names


def by_id_and_locale(entries):
    found = defaultdict(dict)
    for entry in entries:
        found[entry.fields["id"]].setdefault(entry.text("locale").lower(), entry)
    return found


def found(entries, entry_id, locale):
    """The entry in the article's locale, else in any locale the export holds it in."""
    in_locales = entries.get(entry_id, {})
    return in_locales.get(locale.lower()) or next(iter(in_locales.values()), None)


def faq_read(article, catalogue):
    locale = article.text_matching("locale", LOCALE, "a locale such as 'en-gb'")
    section = catalogue.section(article, locale)
    category = catalogue.category(article, section, locale)
    tags = catalogue.section_names(section, locale) + article.texts("label_names")
    return SourceFAQ(
        key=f"{article.fields['id']}/{locale}",
        translation_group=str(article.fields["id"]),
        question=question_checked(
            article, article.text("title"), "title", "the title, the FAQ's question, is empty"
        ),
        answer=answer_checked(article, article.text("body"), "body"),
        where=article.where,
        topic=category.text("name"),
        tags=tags_checked(article, tags),
        language=locale,
        last_edited=edited_at(article),
        # An article for a user segment (agents, signed-in customers) is not for everyone:
        # it arrives as a draft, for an editor to publish or to place behind a restriction.
        draft=article.flag("draft") or article.fields.get("user_segment_id") is not None,
    )


def edited_at(article):
    value = article.text("edited_at")
    if not value:
        return None
    moment = iso_moment(value)
    if moment is None:
        article.fail(f"'edited_at' must be a time such as '2026-01-15T10:30:00Z', not '{value}'")
    return moment


def keys_unique(articles, faqs):
    places = {}
    for article, faq in zip(articles, faqs, strict=True):
        place = places.setdefault(faq.key, article.place)
        if place != article.place:
            raise SourceError(
                f"{article.where}: the export holds it twice in '{faq.language}', "
                f"as {place} and as {article.place}"
            )


class ArticleLinks(KeysById):
    """The link_key of a Help Center export: the key of the article a link points at, on any
    host: /hc/en-gb/articles/360001234567-Some-title, or /hc/articles/360001234567 when the
    export has that article in one locale only."""

    def __call__(self, href):
        match = ARTICLE_LINK.search(urlsplit(href.strip()).path)
        return self.key(match["id"], match["locale"]) if match else None
