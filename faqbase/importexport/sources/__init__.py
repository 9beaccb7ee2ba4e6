"""Reading other systems' knowledge bases: each module here turns one format into a SourceBatch
of SourceFAQ records, checked whole, before the import service writes any page.

A reader never touches the database: it takes a path and returns records, or raises SourceError
naming the file and the row or item that is wrong."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from faqbase.importexport.folder import ContentError

# Wagtail's page title holds 255 characters; tags and phrasings are stored as short texts too.
MAX_QUESTION_LENGTH = 255
MAX_PHRASING_LENGTH = 255
MAX_TAG_LENGTH = 100
# An answer is a page of text; anything larger is a mistake or an attack, not an answer.
MAX_ANSWER_LENGTH = 100_000
# A file (or a ZIP's contents, uncompressed) larger than this is refused before it is parsed.
MAX_SOURCE_BYTES = 200 * 1024 * 1024


class SourceError(ContentError):
    """A source that cannot be imported; the message names the file and the row or item."""


@dataclass
class SourceFAQ:
    """One question and its answer as the source holds it."""

    key: str  # the source's own id, stable across exports: a second import updates by it
    question: str
    answer: str  # as the source writes it: HTML, or Markdown when answer_format says so
    where: str  # for messages and the preview: "row 7", "articles.json, article 360001"
    answer_format: str = "html"  # "html" or "markdown"
    topic: str = ""  # the topic's title in the source; empty: the import's --topic
    tags: list[str] = field(default_factory=list)
    phrasings: list[str] = field(default_factory=list)
    slug: str = ""  # empty: made from the question
    language: str = ""  # the source's code ("en", "en-us", "de_DE"); empty: the site's own
    last_edited: datetime.datetime | None = None  # aware
    draft: bool = False  # imported unpublished, for an editor to finish
    # The source's id shared by an item's versions in other languages (Zendesk and Document360
    # keep one article id for all of them, phpMyFAQ one FAQ id); empty when it has none. The
    # import makes such a version the translation of the one in the site's own language.
    translation_group: str = ""


def no_source_links(href):
    return None


@dataclass
class SourceBatch:
    system: str  # what the keys belong to: "spreadsheet", "phpmyfaq", "zendesk", ...
    faqs: list[SourceFAQ]
    # The key of the imported FAQ a link in an answer points at, or None for any other link;
    # the import rewrites such links to the new pages.
    link_key: Callable[[str], str | None] = no_source_links
    # Image files a ZIP source carries, by the path its answers use in <img src>.
    images: dict[str, bytes] = field(default_factory=dict)
