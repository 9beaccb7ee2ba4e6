"""Reading phpMyFAQ's JSON export: a list of {"faq": {...}} items, one for each published FAQ in
each of its categories.

phpMyFAQ escapes the answer's HTML for the export (htmlspecialchars), and stores questions,
keywords and category names with their special characters as entities ("What&#39;s"), so all
four are unescaped here. last_modified is the server's local time, "YYYY-MM-DD HH:MM"; the
database's own "YYYYMMDDHHMMSS" is accepted too. The author is never imported."""

import datetime
import html
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from faqbase.importexport.sources import SourceBatch, SourceError, SourceFAQ
from faqbase.importexport.sources.common import (
    JsonRecord,
    KeysById,
    answer_checked,
    in_london,
    json_document,
    json_kind,
    noon_in_london,
    question_checked,
    tags_checked,
    unique_texts,
)

SYSTEM = "phpmyfaq"
CATEGORY_SEPARATOR = ">>"
# The export writes "Y-m-d H:i"; the database column, which some tools copy, "YmdHis".
DATE_FORMAT = "%Y-%m-%d"
TIME_FORMATS = ("%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S", "%Y%m%d%H%M%S", DATE_FORMAT)
LANGUAGE_CODE = re.compile(r"[a-z]{2,3}([_-][a-z0-9]+)*", re.IGNORECASE)
LANGUAGE = r"(?P<language>[a-z]{2,3}(?:[_-][a-z0-9]+)*)"
# phpMyFAQ's rewritten links: content/<category>/<id>/<language>/<title>.html (.htm before
# 4.0), and the short content/<id>/<language> that redirects to it.
SEO_LINK = re.compile(rf"(?:^|/)content/\d+/(?P<id>\d+)/{LANGUAGE}/[^/]+\.html?$", re.IGNORECASE)
SHORT_LINK = re.compile(rf"(?:^|/)content/(?P<id>\d+)/{LANGUAGE}/?$", re.IGNORECASE)


def read(path: Path) -> SourceBatch:
    """The FAQs of a phpMyFAQ JSON export, one record for each FAQ in each language."""
    items = export_items(path)
    faqs = one_per_key(
        [faq_read(Item(f"{path.name}, item {n}", item)) for n, item in enumerate(items, 1)]
    )
    return SourceBatch(system=SYSTEM, faqs=faqs, link_key=FaqLinks(faqs))


def export_items(path):
    document = json_document(path)
    if not isinstance(document, list):
        raise SourceError(
            f"{path.name}: expected phpMyFAQ's JSON export, a list of FAQs, "
            f"not {json_kind(document)}"
        )
    if not document:
        raise SourceError(f"{path.name}: the export holds no FAQs")
    return document


class Item(JsonRecord):
    """One {"faq": {...}} of the export, and where it is, for messages."""

    number_example = "5"

    def __init__(self, where, item):
        self.where = where
        if not isinstance(item, dict) or not isinstance(item.get("faq"), dict):
            self.fail('expected an object {"faq": {...}} of phpMyFAQ\'s export')
        self.fields = item["faq"]

    def cleaned(self, text):
        """The text with phpMyFAQ's entities undone."""
        return html.unescape(text).strip()

    def number_read(self, value):
        # Exports before 3.0 write the id as the database returned it: a string of digits.
        if isinstance(value, str) and value.strip().isdecimal():
            return int(value)
        return value


def faq_read(item):
    faq_id = item.whole_number("id")
    language = item.text_matching(
        "language", LANGUAGE_CODE, "a language code such as 'en' or 'pt-br'"
    )
    item.where = f"{item.where} (FAQ {faq_id}, {language})"
    levels = unique_texts(item.text("category").split(CATEGORY_SEPARATOR))
    return SourceFAQ(
        key=f"{faq_id}/{language}",
        translation_group=str(faq_id),
        question=question_checked(item, item.text("question")),
        answer=answer_checked(item, item.text("answer")),
        where=item.where,
        # The knowledge base has one level of topics: the top category is the topic, and the
        # categories below it narrow it down, as tags do.
        topic=levels[0] if levels else "",
        tags=tags_checked(item, levels[1:] + item.text("keywords").split(",")),
        language=language,
        last_edited=last_modified(item),
    )


def last_modified(item):
    value = item.text("last_modified")
    if not value:
        return None
    for time_format in TIME_FORMATS:
        try:
            moment = datetime.datetime.strptime(value, time_format)
        except ValueError:
            continue
        return noon_in_london(moment.date()) if time_format == DATE_FORMAT else in_london(moment)
    item.fail(f"'last_modified' must be a date and time such as '2026-01-15 10:30', not '{value}'")


def one_per_key(faqs):
    """phpMyFAQ exports a FAQ once for each of its categories: the first category is its topic,
    the others' names become tags."""
    by_key = {}
    for faq in faqs:
        first = by_key.setdefault(faq.key, faq)
        if first is faq:
            continue
        if (first.question, first.answer) != (faq.question, faq.answer):
            raise SourceError(
                f"{first.where} and {faq.where}: two different FAQs with the same id and language"
            )
        first.tags = unique_texts(first.tags + [faq.topic] + faq.tags)
    return list(by_key.values())


class FaqLinks(KeysById):
    """The link_key of a phpMyFAQ export: the key of the FAQ a link points at, in any of
    phpMyFAQ's forms, relative or on any host: index.php?action=faq&cat=1&id=5&artlang=en,
    content/1/5/en/title.html and content/5/en."""

    def __call__(self, href):
        parts = urlsplit(href.strip().replace("&amp;", "&"))
        match = SEO_LINK.search(parts.path) or SHORT_LINK.search(parts.path)
        if match:
            return self.key(match["id"], match["language"])
        if parts.path and not parts.path.endswith(("/", "index.php")):
            return None
        query = {name: values[0] for name, values in parse_qs(parts.query).items()}
        language = query.get("artlang", "")
        if query.get("action") != "faq" or not query.get("id", "").isdecimal():
            return None
        if language and not LANGUAGE_CODE.fullmatch(language):
            return None
        return self.key(query["id"], language)
