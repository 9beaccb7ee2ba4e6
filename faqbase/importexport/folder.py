"""Reading and writing a content folder: Markdown files with YAML front matter, one per page,
and the glossary of abbreviations in abbreviations.yaml; a language folder (cy/) likewise."""

import datetime
from dataclasses import dataclass, field
from pathlib import Path

import frontmatter
import yaml
from django.utils.text import slugify

from faqbase.answers.engine.collection import (
    FULL_FORM_MAX_LENGTH,
    SHORT_FORM_MAX_LENGTH,
    short_form_matchable,
)


class ContentError(Exception):
    """A content file that cannot be imported; the message names the file."""


@dataclass
class ContentFile:
    path: Path  # relative to the folder, for messages
    meta: dict
    body: str

    def fail(self, message):
        raise ContentError(f"{self.path}: {message}")

    def text(self, key, required=True, default=""):
        value = self.meta.get(key, None)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.fail(f"the front matter needs '{key}'")
            return default
        if not isinstance(value, str | int | float):
            self.fail(f"'{key}' must be a piece of text, not {type(value).__name__}")
        return str(value).strip()

    def slug(self):
        slug = self.text("slug")
        if slugify(slug) != slug:
            self.fail(f"'slug' must be lower-case letters, digits and hyphens, not '{slug}'")
        return slug

    def text_list(self, key):
        value = self.meta.get(key) or []
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            self.fail(f"'{key}' must be a list of texts")
        return [item.strip() for item in value if item.strip()]

    def date(self, key, required=False):
        value = self.meta.get(key)
        if value in (None, ""):
            if required:
                self.fail(f"the front matter needs '{key}' (YYYY-MM-DD)")
            return None
        if isinstance(value, datetime.datetime) or not isinstance(value, datetime.date):
            self.fail(f"'{key}' must be a date written YYYY-MM-DD, not '{value}'")
        return value

    def datetime(self, key):
        value = self.meta.get(key)
        if isinstance(value, str):
            try:
                value = datetime.datetime.fromisoformat(value)
            except ValueError:
                value = None
        if not isinstance(value, datetime.datetime) or value.tzinfo is None:
            self.fail(
                f"'{key}' must be a date and time with its offset, e.g. 2027-01-20T14:00:00+00:00"
            )
        return value

    def number(self, key, default):
        value = self.meta.get(key, default)
        if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
            self.fail(f"'{key}' must be a whole number above zero")
        return value

    def markdown_body(self, what):
        if not self.body.strip():
            self.fail(f"the {what} (the Markdown after the front matter) is empty")
        return self.body.strip() + "\n"


@dataclass
class HomeRecord:
    title: str
    intro: str


@dataclass
class TopicRecord:
    source: ContentFile
    title: str
    slug: str
    intro: str
    translation_of: str = ""


@dataclass
class FAQRecord:
    source: ContentFile
    question: str
    slug: str
    topic: str  # empty in a translation: it sits under the translation of its source's topic
    answer: str
    translation_of: str = ""
    tags: list = field(default_factory=list)
    also_asked_as: list = field(default_factory=list)
    related_articles: list = field(default_factory=list)
    last_edited: datetime.date | None = None
    last_reviewed: datetime.date | None = None


@dataclass
class ArticleRecord:
    source: ContentFile
    kind: str
    title: str
    slug: str
    topics: list
    date: datetime.date
    teaser: str
    body: str
    image: str = ""
    image_alt: str = ""
    translation_of: str = ""
    starts_at: datetime.datetime | None = None
    duration_minutes: int | None = None
    recording_url: str = ""


@dataclass
class AbbreviationRecord:
    short: str
    full: str
    match_case: bool = False


@dataclass
class ContentFolder:
    home: HomeRecord | None = None
    topics: list = field(default_factory=list)
    faqs: list = field(default_factory=list)
    articles: list = field(default_factory=list)
    abbreviations: list = field(default_factory=list)
    # In a language folder: its language code; every page there translates one of the site's.
    language: str = ""
    translations: list = field(default_factory=list)

    def pages(self):
        return [*self.topics, *self.faqs, *self.articles]


ABBREVIATIONS_FILE = "abbreviations.yaml"
SECTIONS = ("topics", "faqs", "articles")
# Folders beside the sections that hold no pages of their own.
OTHER_FOLDERS = {"images"}


def read_content_file(root, path):
    relative = path.relative_to(root)
    try:
        post = frontmatter.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as error:
        raise ContentError(f"{relative}: not UTF-8 text ({error.reason})") from error
    except yaml.YAMLError as error:
        raise ContentError(f"{relative}: the front matter is not valid YAML: {error}") from error
    if not isinstance(post.metadata, dict) or not post.metadata:
        raise ContentError(f"{relative}: the file has no front matter between '---' lines")
    return ContentFile(path=relative, meta=post.metadata, body=post.content)


def parse_home(source):
    return HomeRecord(title=source.text("title"), intro=source.body.strip())


def translation_source(source, language):
    """The slug of the page a file in a language folder translates."""
    if not language:
        if "translation_of" in source.meta:
            source.fail("'translation_of' belongs in a language folder such as cy/")
        return ""
    return source.text("translation_of")


def parse_topic(source, language=""):
    return TopicRecord(
        source=source,
        title=source.text("title"),
        slug=source.slug(),
        intro=source.body.strip(),
        translation_of=translation_source(source, language),
    )


def parse_faq(source, language=""):
    return FAQRecord(
        source=source,
        question=source.text("question"),
        slug=source.slug(),
        topic="" if language else source.text("topic"),
        answer=source.markdown_body("answer"),
        translation_of=translation_source(source, language),
        tags=source.text_list("tags"),
        also_asked_as=source.text_list("also_asked_as"),
        related_articles=source.text_list("related_articles"),
        last_edited=source.date("last_edited"),
        last_reviewed=source.date("last_reviewed"),
    )


def parse_article(source, language=""):
    kind = source.text("kind", required=False, default="article")
    if kind not in {"article", "webinar"}:
        source.fail(f"'kind' must be 'article' or 'webinar', not '{kind}'")
    record = ArticleRecord(
        source=source,
        kind=kind,
        title=source.text("title"),
        slug=source.slug(),
        topics=source.text_list("topics"),
        date=source.date("date", required=True),
        teaser=source.text("teaser"),
        body=source.markdown_body("body"),
        image=source.text("image", required=False),
        image_alt=source.text("image_alt", required=False),
        translation_of=translation_source(source, language),
    )
    if kind == "webinar":
        record.starts_at = source.datetime("starts_at")
        record.duration_minutes = source.number("duration_minutes", 60)
        record.recording_url = source.text("recording_url", required=False)
    return record


def read_folder(root, languages=()):
    """Parse and check every file under `root`, and the translations in its language folders
    (`cy/` beside `faqs/`), one for each code in `languages`; raises ContentError for the
    first bad file."""
    root = Path(root)
    if not root.is_dir():
        raise ContentError(f"{root}: no such folder")
    folder = read_pages(root, root)
    for language_dir in language_folders(root):
        if language_dir.name not in languages:
            known = ", ".join(sorted(languages)) or "none"
            raise ContentError(
                f"{language_dir.name}/: not a language this site translates into ({known})"
            )
        folder.translations.append(read_pages(root, language_dir, language_dir.name))
    if not (folder.pages() or folder.abbreviations or folder.translations):
        raise ContentError(f"{root}: no topics/, faqs/ or articles/ Markdown files found")
    return folder


def language_folders(root):
    return sorted(
        path
        for path in root.iterdir()
        if path.is_dir()
        and path.name not in {*SECTIONS, *OTHER_FOLDERS}
        and any((path / name).exists() for name in ("home.md", *SECTIONS))
    )


def read_pages(root, folder_dir, language=""):
    folder = ContentFolder(language=language)
    if (folder_dir / "home.md").exists():
        folder.home = parse_home(read_content_file(root, folder_dir / "home.md"))
    parsers = {"topics": parse_topic, "faqs": parse_faq, "articles": parse_article}
    for name, parse in parsers.items():
        for path in sorted((folder_dir / name).glob("*.md")):
            getattr(folder, name).append(parse(read_content_file(root, path), language))
        check_unique_slugs(getattr(folder, name))
        if language:
            check_one_translation_each(getattr(folder, name))
    for article in folder.articles:
        if article.image and not (root / article.image).is_file():
            article.source.fail(f"the image '{article.image}' is not in the folder")
    glossary = folder_dir / ABBREVIATIONS_FILE
    if glossary.exists():
        folder.abbreviations = read_abbreviations(glossary, glossary.relative_to(root))
    return folder


def read_abbreviations(path, name=ABBREVIATIONS_FILE):
    """A language's glossary: a YAML list of {short, full, match_case (optional)}; `name` is
    the file as messages give it (cy/abbreviations.yaml)."""

    def fail(message):
        raise ContentError(f"{name}: {message}")

    try:
        entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    except (UnicodeDecodeError, yaml.YAMLError) as error:
        fail(f"not readable as UTF-8 YAML: {error}")
    if not isinstance(entries, list):
        fail("must be a list of entries, each with 'short' and 'full'")
    records, seen = [], set()
    for number, entry in enumerate(entries, start=1):
        record = abbreviation_record(entry, lambda message, n=number: fail(f"entry {n}: {message}"))
        if record.short.lower() in seen:
            fail(f"entry {number}: '{record.short}' is listed twice")
        seen.add(record.short.lower())
        records.append(record)
    return records


def abbreviation_record(entry, fail):
    if not isinstance(entry, dict):
        fail("must have 'short' and 'full'")
    texts = {}
    for key, limit in (("short", SHORT_FORM_MAX_LENGTH), ("full", FULL_FORM_MAX_LENGTH)):
        value = entry.get(key)
        if not isinstance(value, str | int) or not str(value).strip():
            fail(f"needs '{key}' as a piece of text")
        texts[key] = " ".join(str(value).split())
        if len(texts[key]) > limit:
            fail(f"'{key}' is limited to {limit} characters")
    if not short_form_matchable(texts["short"]):
        fail("'short' needs a letter or a digit")
    match_case = entry.get("match_case", False)
    if not isinstance(match_case, bool):
        fail("'match_case' must be true or false")
    return AbbreviationRecord(texts["short"], texts["full"], match_case)


def dump_abbreviations(path, records):
    entries = [
        {"short": r.short, "full": r.full, **({"match_case": True} if r.match_case else {})}
        for r in records
    ]
    path.write_text(yaml.safe_dump(entries, sort_keys=False, allow_unicode=True), "utf-8")


def check_unique_slugs(records):
    seen = {}
    for record in records:
        if record.slug in seen:
            record.source.fail(f"the slug '{record.slug}' is also used by {seen[record.slug]}")
        seen[record.slug] = record.source.path


def check_one_translation_each(records):
    seen = {}
    for record in records:
        if record.translation_of in seen:
            record.source.fail(
                f"'{record.translation_of}' is translated also by {seen[record.translation_of]}"
            )
        seen[record.translation_of] = record.source.path


def dump_content_file(path, meta, body):
    """Write one content file in the canonical layout, so exports compare byte for byte."""
    header = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=1000)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\n{header}---\n{body.strip()}\n", encoding="utf-8")
