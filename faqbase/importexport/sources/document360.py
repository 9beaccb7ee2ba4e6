"""Reading a Document360 project export: the ZIP its "Export project" writes, read in memory.

Document360 documents the export only loosely, so the variants it may take are all accepted:

- Leading folders that are no categories: a workspace folder named like "v1", then a language
  folder ("en", "fr", "pt-br", in lower case) when every article lies in one at that level.
  A "media" folder there (media/images, media/files) holds files, never articles.
- Category folders, nested: the top one is the FAQ's topic, those inside it its tags. A folder
  may hold category.json (or _category.json) giving the category's "name" and "hidden".
- One file for each article, in its category folder:
  .json  an object (or the API's {"data": {...}}) with "title", "content" (Markdown, unless
         "content_type" names the HTML editor) or "html_content", "id", "slug", "status" (3 is
         published, anything else a draft), "is_draft", "hidden", "modified_at", "language",
         "tags" and, outside category folders, "category_name"; keys in any case, with or
         without underscores. A JSON file with no title and no content is other metadata.
  .md    Markdown with optional YAML front matter of the same fields; without a "title" there
         the first "# " heading is the title, and leaves the answer.
  .html  the first <h1>, else <title>, is the title; the <body> the answer; <meta name content>
         tags give the same fields and <html lang> the language.

An article's key is its id and language, "<id>/<language>" ("<id>" when no language is known),
or failing an id its path in the ZIP. Only the images an answer shows are loaded, under the src
the answer writes: found beside the article, from the ZIP's root, or for an address on
Document360's CDN by its file name in the media folder."""

import datetime
import posixpath
import re
import zipfile
import zlib
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

import markdown
import yaml
from bs4 import BeautifulSoup
from bs4.exceptions import ParserRejectedMarkup

from faqbase.importexport.sources import SourceBatch, SourceError, SourceFAQ
from faqbase.importexport.sources.common import (
    answer_checked,
    aware,
    check_size,
    file_size,
    iso_moment,
    json_kind,
    json_parsed,
    question_checked,
    tags_checked,
    unreadable,
    utf8_text,
)

SYSTEM = "document360"
# An article is a page of text and an image a picture: a larger file is a mistake or an attack.
MAX_FILE_BYTES = 10 * 2**20
ARTICLE_FORMATS = {".json": "json", ".md": "markdown", ".markdown": "markdown"}
ARTICLE_FORMATS |= {".html": "html", ".htm": "html"}
CATEGORY_FILES = {"category.json", "_category.json"}
MEDIA_FOLDER = "media"
# Document360 names a project's first workspace "v1", the next "v2", and so on.
WORKSPACE = re.compile(r"v\d+(\.\d+)*", re.IGNORECASE)
LANGUAGE = re.compile(r"[a-z]{2,3}([_-][a-z0-9]{2,8})?", re.IGNORECASE)
# Document360 writes its language codes in lower case ("en", "fr", "pt-br"), which tells a
# language folder from a category called "IT" or "HR".
LANGUAGE_FOLDER = re.compile(r"[a-z]{2}(-[a-zA-Z0-9]{2,8})?")
PUBLISHED_STATUS = 3
PUBLISHED_WORDS = {"published", "publish", "public", "live"}
FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)^(?:---|\.\.\.)[ \t]*\r?$\n?", re.S | re.M)
HEADING = re.compile(r" {0,3}#[ \t]+(?P<title>.+?)(?:[ \t]+#+)?[ \t]*")
FENCE = re.compile(r" {0,3}(```|~~~)")
# An article's address on the knowledge base site, on any host: /docs/<slug>, /v1/docs/<slug>,
# /docs/<language>/<slug>, /v1/docs/<language>/<slug>.
ARTICLE_URL = re.compile(
    r"(?:^|/)docs/(?:(?P<language>[a-z]{2,3}(?:-[a-z0-9]{2,8})?)/)?(?P<slug>[^/]+)/?$",
    re.IGNORECASE,
)
CDN_HOST = "document360.io"


def read(path: Path) -> SourceBatch:
    """The articles of a Document360 export, one record for each article in each language."""
    with archive_opened(path) as archive:
        export = Export(path.name, archive)
        articles = [article for article in map(export.article, export.article_names()) if article]
        if not articles:
            raise SourceError(
                f"{path.name}: the export holds no articles (.json, .md or .html files in "
                "category folders)"
            )
        layout = Layout([article.folder for article in articles])
        categories = export.categories()
        faqs = [faq_made(article, layout, categories) for article in articles]
        keys_unique(faqs)
        return SourceBatch(
            system=SYSTEM,
            faqs=faqs,
            link_key=ArticleLinks(articles, faqs),
            images=images_loaded(export, articles, faqs),
        )


def archive_opened(path):
    check_size(path.name, file_size(path))
    try:
        return zipfile.ZipFile(path)
    except (zipfile.BadZipFile, ValueError, EOFError) as error:
        raise SourceError(
            f"{path.name}: not a ZIP file; expected the ZIP of Document360's Export project"
        ) from error
    except OSError as error:
        raise unreadable(path, error) from error


def entries_checked(zip_name, archive):
    """The ZIP's files by path, once every entry's path and the total size are known safe."""
    entries, total = {}, 0
    for info in archive.infolist():
        name = info.filename.replace("\\", "/")
        if name.startswith("/") or re.match(r"[a-z]:", name, re.I) or ".." in name.split("/"):
            raise SourceError(
                f"{zip_name}, {info.filename}: the entry's path is absolute or climbs out "
                "with '..', which no export needs; the ZIP is refused"
            )
        total += info.file_size
        check_size(zip_name, total, "uncompressed, the export")
        if not info.is_dir() and not is_junk(name):
            entries[name] = info
    return entries


def is_junk(name):
    """macOS's resource forks and hidden files, which zipping a folder on a Mac adds."""
    parts = name.split("/")
    return "__MACOSX" in parts or parts[-1].startswith(".")


def in_media(parts):
    """Whether the file lies in the media folder at the top, or in the workspace or language
    folder: a "media" folder among the categories is a category like any other."""
    for folder in parts[:-1]:
        if folder.lower() == MEDIA_FOLDER:
            return True
        if not (WORKSPACE.fullmatch(folder) or LANGUAGE_FOLDER.fullmatch(folder)):
            return False
    return False


@dataclass
class Article:
    """One article file as read, before its place in the export is known."""

    name: str  # its path in the ZIP
    where: str
    fields: "Fields"
    title: str
    answer: str
    answer_format: str

    @property
    def folder(self):
        return PurePosixPath(self.name).parent.parts


@dataclass
class Category:
    name: str
    hidden: bool


class Export:
    """The ZIP's files, read one by one in memory and never extracted."""

    def __init__(self, name, archive):
        self.name = name
        self.archive = archive
        self.entries = entries_checked(name, archive)
        self.by_lower_name = {entry.lower(): entry for entry in self.entries}
        self.media = defaultdict(list)
        for entry in self.entries:
            if in_media(entry.split("/")):
                self.media[posixpath.basename(entry).lower()].append(entry)

    def fail(self, member, message):
        raise SourceError(f"{self.name}, {member}: {message}")

    def article_names(self):
        return [
            entry
            for entry in self.entries
            if PurePosixPath(entry).suffix.lower() in ARTICLE_FORMATS
            and posixpath.basename(entry).lower() not in CATEGORY_FILES
            and not in_media(entry.split("/"))
        ]

    def article(self, member):
        """The article the file holds; None for a JSON file of other metadata."""
        readers = {"json": json_article, "markdown": markdown_article, "html": html_article}
        return readers[ARTICLE_FORMATS[PurePosixPath(member).suffix.lower()]](self, member)

    def categories(self):
        """The categories described by a category.json, by their folder."""
        categories = {}
        for member in self.entries:
            if posixpath.basename(member).lower() in CATEGORY_FILES:
                fields = Fields(f"{self.name}, {member}", self.json_object(member))
                category = Category(fields.text("name", "title"), fields.flag("hidden"))
                categories[PurePosixPath(member).parent.parts] = category
        return categories

    def data(self, member, what="file"):
        info = self.entries[member]
        if info.file_size > MAX_FILE_BYTES:
            self.fail(
                member,
                f"the {what} is {info.file_size / 2**20:.1f} MB; the most an import reads from "
                f"one file is {MAX_FILE_BYTES // 2**20} MB",
            )
        try:
            with self.archive.open(info) as file:
                return file.read(MAX_FILE_BYTES + 1)
        except RuntimeError as error:
            raise SourceError(
                f"{self.name}, {member}: the file is encrypted; export again without a password"
            ) from error
        except NotImplementedError as error:
            raise SourceError(
                f"{self.name}, {member}: compressed in a way that cannot be read; zip the "
                "export again with ordinary (deflate) compression"
            ) from error
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as error:
            raise SourceError(f"{self.name}, {member}: the file is damaged ({error})") from error

    def text(self, member):
        return utf8_text(f"{self.name}, {member}", self.data(member))

    def json_object(self, member):
        where = f"{self.name}, {member}"
        document = json_parsed(where, self.text(member), "the JSON is nested too deeply")
        if not isinstance(document, dict):
            self.fail(member, f"expected a JSON object, not {json_kind(document)}")
        return document

    def member(self, name):
        return name if name in self.entries else self.by_lower_name.get(name.lower())

    def media_file(self, file_name):
        """The one file of that name in the media folder, or None when none or several."""
        found = self.media.get(file_name.lower(), [])
        return found[0] if len(found) == 1 else None


class Fields:
    """An article's or category's metadata; a key is found whatever its case or underscores,
    as the API writes "modified_at" and .NET's serialiser "ModifiedAt"."""

    def __init__(self, where, values):
        self.where = where
        self.values = {field_key(key): value for key, value in values.items()}

    def fail(self, message):
        raise SourceError(f"{self.where}: {message}")

    def has(self, *names):
        return any(field_key(name) in self.values for name in names)

    def value(self, *names):
        """The first of the fields present, and the name it was asked by."""
        for name in names:
            value = self.values.get(field_key(name))
            if value is not None:
                return name, value
        return names[0], None

    def text(self, *names):
        name, value = self.value(*names)
        if value is None:
            return ""
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            self.fail(f"'{name}' must be a piece of text, not {json_kind(value)}")
        return str(value).strip()

    def flag(self, *names):
        name, value = self.value(*names)
        words = {"true": True, "yes": True, "1": True, "false": False, "no": False, "0": False}
        if value is None or isinstance(value, bool):
            return bool(value)
        if isinstance(value, str | int) and str(value).strip().lower() in words:
            return words[str(value).strip().lower()]
        self.fail(f"'{name}' must be true or false, not {json_kind(value)}")

    def texts(self, name):
        value = self.values.get(field_key(name))
        if value is None:
            return []
        if isinstance(value, str):
            return value.split(",")
        if not isinstance(value, list) or not all(isinstance(text, str) for text in value):
            self.fail(f"'{name}' must be a list of texts")
        return value


def field_key(name):
    return re.sub(r"[_\s-]", "", str(name)).lower()


def json_article(export, member):
    document = export.json_object(member)
    for wrapper in ("data", "article"):
        if isinstance(document.get(wrapper), dict) and "title" not in document:
            document = document[wrapper]
    fields = Fields(f"{export.name}, {member}", document)
    if not fields.has("title", "content", "html_content"):
        return None
    answer, answer_format = json_answer(fields)
    return Article(member, fields.where, fields, fields.text("title"), answer, answer_format)


def json_answer(fields):
    """The Markdown editor's "content", or the HTML of the WYSIWYG editors."""
    content, html_content = fields.text("content"), fields.text("html_content")
    if editor(fields) == "html" or not content and html_content:
        return html_content or content, "html"
    return content, "markdown"


def editor(fields):
    """The article's editor: content_type 0 is Markdown, 1 and 2 the WYSIWYG (HTML) ones."""
    value = fields.text("content_type", "editor_type", "editor").lower()
    if value in {"0", "md"} or "markdown" in value:
        return "markdown"
    if value in {"1", "2"} or any(word in value for word in ("html", "wysiwyg", "block")):
        return "html"
    return ""


def markdown_article(export, member):
    where = f"{export.name}, {member}"
    meta, body = front_matter_split(where, export.text(member))
    fields = Fields(where, meta)
    title = fields.text("title")
    if not title:
        title, body = heading_title(body)
    return Article(member, where, fields, title, body.strip(), "markdown")


def front_matter_split(where, text):
    match = FRONT_MATTER.match(text)
    if match is None:
        return {}, text
    try:
        meta = yaml.safe_load(match[1])
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = f" at line {mark.line + 2}" if mark else ""
        raise SourceError(f"{where}: the front matter is not valid YAML{line}") from error
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise SourceError(f"{where}: the front matter must be 'name: value' lines")
    return meta, text[match.end() :]


def heading_title(body):
    """The first "# " heading outside code, and the body without it."""
    lines = body.splitlines(keepends=True)
    in_code = False
    for number, line in enumerate(lines):
        if FENCE.match(line):
            in_code = not in_code
        match = None if in_code else HEADING.fullmatch(line.rstrip("\r\n"))
        if match:
            return match["title"].strip(), "".join(lines[:number] + lines[number + 1 :])
    return "", body


def html_article(export, member):
    where = f"{export.name}, {member}"
    try:
        soup = BeautifulSoup(export.text(member), "html.parser")
    except ParserRejectedMarkup as error:
        raise SourceError(f"{where}: the HTML cannot be read") from error
    fields = Fields(where, html_fields(soup))
    heading = soup.find("h1")
    title = heading.get_text(" ", strip=True) if heading else ""
    if heading:
        heading.decompose()
    elif soup.title:
        title = soup.title.get_text(" ", strip=True)
    return Article(member, where, fields, title, html_body(soup), "html")


def html_fields(soup):
    fields = {}
    if soup.html and soup.html.get("lang"):
        fields["language"] = soup.html["lang"]
    for meta in soup.find_all("meta", attrs={"name": True, "content": True}):
        fields[meta["name"]] = meta["content"]
    return fields


def html_body(soup):
    if soup.body:
        return soup.body.decode_contents().strip()
    for furniture in soup.find_all(["head", "title", "meta"]):
        furniture.decompose()
    if soup.html:
        soup.html.unwrap()
    return soup.decode_contents().strip()


class Layout:
    """Where the categories begin in an article's folder: after the workspace folder and the
    language folder, when the export has them."""

    def __init__(self, folders):
        depth = 1 if all_named(folders, 0, WORKSPACE) else 0
        self.language_depth = depth if all_named(folders, depth, LANGUAGE_FOLDER) else None
        self.categories_from = depth if self.language_depth is None else depth + 1

    def language(self, folder):
        return "" if self.language_depth is None else folder[self.language_depth]


def all_named(folders, depth, pattern):
    """Whether every article lies in a folder at `depth` named as `pattern` says."""
    return all(len(folder) > depth and pattern.fullmatch(folder[depth]) for folder in folders)


def faq_made(article, layout, categories):
    fields = article.fields
    names, hidden = category_path(article.folder, layout, categories)
    if not names:
        names = [category_name(fields)]
    language = fields.text("language", "lang_code", "language_code", "locale", "lang")
    language = language or layout.language(article.folder)
    if language and not LANGUAGE.fullmatch(language):
        fields.fail(f"the language must be a code such as 'en' or 'en-gb', not '{language}'")
    return SourceFAQ(
        key=key_of(article, language),
        translation_group=article.fields.text("id", "article_id"),
        question=question_checked(
            fields, article.title.strip(), "title", "the article has no title, the FAQ's question"
        ),
        answer=answer_checked(fields, article.answer, "content"),
        where=article.where,
        answer_format=article.answer_format,
        topic=names[0],
        tags=tags_checked(fields, names[1:] + fields.texts("tags"), "tag or category"),
        slug=fields.text("slug"),
        language=language,
        last_edited=modified_at(fields),
        draft=hidden or is_draft(fields),
    )


def key_of(article, language):
    """The id, in the article's language as Document360 keeps one id for all its
    translations; failing an id, the article's path in the ZIP."""
    article_id = article.fields.text("id", "article_id")
    if not article_id:
        return article.name
    return f"{article_id}/{language}" if language else article_id


def category_path(folder, layout, categories):
    """The names of the categories holding the article, outermost first, and whether any of
    them is hidden, which hides the articles inside it too."""
    names, hidden = [], False
    for depth in range(layout.categories_from, len(folder)):
        category = categories.get(folder[: depth + 1])
        names.append(category.name if category and category.name else folder[depth])
        hidden = hidden or bool(category and category.hidden)
    return names, hidden


def category_name(fields):
    """The category an article outside category folders names; the API's nested category
    object is no name and is passed over."""
    _, value = fields.value("category_name", "category")
    return value.strip() if isinstance(value, str) else ""


def is_draft(fields):
    """Hidden, marked a draft, or in any status but published."""
    if fields.flag("is_draft", "draft") or fields.flag("hidden", "is_hidden"):
        return True
    name, status = fields.value("status")
    if status is None:
        return False
    if isinstance(status, int) and not isinstance(status, bool):
        return status != PUBLISHED_STATUS
    if not isinstance(status, str):
        fields.fail(f"'{name}' must be a status such as 3 or 'published', not {json_kind(status)}")
    status = status.strip().lower()
    return int(status) != PUBLISHED_STATUS if status.isdecimal() else status not in PUBLISHED_WORDS


def modified_at(fields):
    names = ("modified_at", "modified_on", "updated_at", "last_modified", "modified", "updated")
    name, value = fields.value(*names, "date")
    if value is None:
        return None
    # YAML front matter gives dates and times already read.
    if isinstance(value, datetime.date):
        return aware(value)
    moment = iso_moment(value.strip()) if isinstance(value, str) else None
    if moment is None:
        fields.fail(f"'{name}' must be a time such as '2026-01-15T10:30:00Z', not '{value}'")
    return moment


def keys_unique(faqs):
    places = {}
    for faq in faqs:
        place = places.setdefault(faq.key, faq.where)
        if place != faq.where:
            raise SourceError(
                f"{faq.where}: the export holds the article '{faq.key}' twice, as {place} and "
                f"as {faq.where}"
            )


def images_loaded(export, articles, faqs):
    """The files the answers show, by the src each answer writes."""
    images, found = {}, {}
    for article, faq in zip(articles, faqs, strict=True):
        for src in image_sources(faq.answer, faq.answer_format):
            member = image_member(export, article.name, src)
            if member is None:
                continue
            first_member, first_where = found.setdefault(src, (member, faq.where))
            if first_member != member:
                raise SourceError(
                    f"{faq.where}: the image '{src}' is {member} here but {first_member} in "
                    f"{first_where}; the import tells images apart by the src the answer "
                    "writes, so give them different names"
                )
            if src not in images:
                images[src] = export.data(member, what=f"image shown in {article.name}")
    return images


def image_sources(answer, answer_format):
    """Each <img src> of the answer, Markdown's ![alt](src) once rendered as the import does."""
    html = markdown.markdown(answer) if answer_format == "markdown" else answer
    soup = BeautifulSoup(html, "html.parser")
    return list(dict.fromkeys(picture["src"] for picture in soup.find_all("img", src=True)))


def image_member(export, article_name, src):
    """The ZIP's file an image's src names; None for one the export does not carry."""
    try:
        parts = urlsplit(src.strip())
    except ValueError:
        return None
    if parts.scheme or parts.netloc:
        host = (parts.hostname or "").lower()
        on_cdn = parts.scheme in ("http", "https") and host.endswith(CDN_HOST)
        return export.media_file(posixpath.basename(unquote(parts.path))) if on_cdn else None
    folder = posixpath.dirname(article_name)
    for path in dict.fromkeys([parts.path, unquote(parts.path)]):
        from_root = path.startswith("/")
        for candidate in [path.lstrip("/")] if from_root else [posixpath.join(folder, path), path]:
            member = export.member(posixpath.normpath(candidate))
            if member:
                return member
    return None


class ArticleLinks:
    """The link_key of a Document360 export: the key of the article a link points at, either
    by its file in the ZIP ("../Exams/resits.md", matched by as much of the path as the link
    gives, since the link's own article is not known here) or by its address on the site
    (/docs/<slug>, /v1/docs/<slug>, /docs/<language>/<slug>, on any host)."""

    def __init__(self, articles, faqs):
        self.by_path = defaultdict(set)
        self.by_slug = defaultdict(list)
        for article, faq in zip(articles, faqs, strict=True):
            parts = article.name.lower().split("/")
            for start in range(len(parts)):
                self.by_path["/".join(parts[start:])].add(faq.key)
            self.by_slug[(faq.slug or slug_of(faq.question)).lower()].append(faq)

    def __call__(self, href):
        try:
            parts = urlsplit(href.strip())
        except ValueError:
            return None
        if parts.scheme not in ("", "http", "https"):
            return None
        path = unquote(parts.path)
        if not parts.netloc and PurePosixPath(path).suffix.lower() in ARTICLE_FORMATS:
            return self.by_file(path)
        match = ARTICLE_URL.search(path)
        return self.by_address(match["slug"], match["language"]) if match else None

    def by_file(self, path):
        steps = posixpath.normpath(path.lstrip("/")).lower().split("/")
        keys = self.by_path.get("/".join(step for step in steps if step not in ("..", ".")))
        return next(iter(keys)) if keys and len(keys) == 1 else None

    def by_address(self, slug, language):
        faqs = self.by_slug.get(slug.lower(), [])
        if language:
            in_language = [faq for faq in faqs if faq.language.lower() == language.lower()]
            faqs = in_language or [faq for faq in faqs if not faq.language]
        return faqs[0].key if len(faqs) == 1 else None


def slug_of(title):
    """Document360's own slug for a title it was not given one for."""
    return re.sub(r"[\W_]+", "-", title.lower()).strip("-")
