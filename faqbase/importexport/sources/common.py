"""What the readers share: reading a file within the size limit and loading its JSON, the checks
a record's texts pass before they become a SourceFAQ, dates in London time, and finding the key
"<id>/<language>" a link names.

Each reader words its own messages ("the title", "the body", "the export"): the helpers here
take those words and keep the sentence around them the same everywhere."""

import datetime
import json
import re
from collections import defaultdict
from dataclasses import dataclass
from typing import ClassVar
from zoneinfo import ZoneInfo

from faqbase.importexport.sources import (
    MAX_ANSWER_LENGTH,
    MAX_QUESTION_LENGTH,
    MAX_SOURCE_BYTES,
    MAX_TAG_LENGTH,
    SourceError,
)

LONDON = ZoneInfo("Europe/London")
DATE_ONLY = re.compile(r"\d{4}-\d{2}-\d{2}")

# Files


def unreadable(path, error):
    return SourceError(f"{path.name}: the file cannot be read ({error.strerror})")


def file_size(path):
    try:
        return path.stat().st_size
    except OSError as error:
        raise unreadable(path, error) from error


def file_data(path):
    try:
        return path.read_bytes()
    except OSError as error:
        raise unreadable(path, error) from error


def check_size(name, size, what="the export"):
    """Refuses a source larger than an import reads, before it is parsed: `what` is "the file",
    "the export" or "uncompressed, the export"."""
    if size > MAX_SOURCE_BYTES:
        raise SourceError(
            f"{name}: {what} is larger than {MAX_SOURCE_BYTES // 2**20} MB, "
            "the most an import reads"
        )


def utf8_text(where, data):
    # "utf-8-sig": Windows tools start their UTF-8 files with a byte-order mark.
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise SourceError(f"{where}: the file is not UTF-8 text") from error


def json_parsed(where, text, too_deep="the JSON is nested too deeply to be an export"):
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise SourceError(
            f"{where}: not valid JSON at line {error.lineno}, column {error.colno} ({error.msg})"
        ) from error
    except RecursionError as error:
        raise SourceError(f"{where}: {too_deep}") from error


def json_document(path, what="the file"):
    """The JSON a file holds; `what` names the file in the message when it is too large."""
    check_size(path.name, file_size(path), what)
    return json_parsed(path.name, utf8_text(path.name, file_data(path)))


def json_kind(value):
    """What a value is, in words for an editor: "a number", "a list"."""
    kinds = {bool: "true or false", int: "a number", float: "a number", str: "a piece of text"}
    kinds |= {list: "a list", dict: "an object", type(None): "null"}
    # YAML front matter also gives dates, which JSON never does.
    return kinds.get(type(value), type(value).__name__)


# Records


@dataclass
class JsonRecord:
    """An object of a JSON export, and where it is, for messages."""

    where: str
    fields: dict
    number_example: ClassVar[str]  # an id as the system writes them, for messages

    def fail(self, message):
        raise SourceError(f"{self.where}: {message}")

    def text(self, name):
        """The field as text; a missing or null field is ""."""
        value = self.fields.get(name)
        if value is None:
            return ""
        if not isinstance(value, str):
            self.fail(f"'{name}' must be a piece of text, not {json_kind(value)}")
        return self.cleaned(value)

    def cleaned(self, text):
        return text.strip()

    def text_matching(self, name, pattern, what):
        """The field as text, refused unless it is `what` the pattern describes."""
        value = self.text(name)
        if not pattern.fullmatch(value):
            self.fail(f"'{name}' must be {what}, not '{value}'")
        return value

    def whole_number(self, name):
        value = self.number_read(self.fields.get(name))
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            self.fail(
                f"'{name}' must be a whole number such as {self.number_example}, "
                f"not {json_kind(value)}"
            )
        return value

    def number_read(self, value):
        return value


def length_checked(record, what, text, limit):
    """The text, once it fits where the page stores it; else the record is refused."""
    if len(text) > limit:
        record.fail(f"the {what} has {len(text):,} characters; the most is {limit:,}")
    return text


def question_checked(record, question, what="question", if_empty="the question is empty"):
    if not question:
        record.fail(if_empty)
    return length_checked(record, what, question, MAX_QUESTION_LENGTH)


def answer_checked(record, answer, what="answer"):
    return length_checked(record, what, answer, MAX_ANSWER_LENGTH)


def unique_texts(texts):
    """The texts stripped, without empty ones or repeats, in their order."""
    return list(dict.fromkeys(text.strip() for text in texts if text.strip()))


def tags_checked(record, tags, what="tag"):
    tags = unique_texts(tags)
    for tag in tags:
        length_checked(record, f"{what} '{tag[:40]}…'", tag, MAX_TAG_LENGTH)
    return tags


# Dates


def noon_in_london(day):
    """A day without a time: midday, so that no time zone moves it to the day before or after."""
    return datetime.datetime.combine(day, datetime.time(12), LONDON)


def in_london(moment):
    """The moment as given, or in London's time when it names no offset."""
    return moment if moment.tzinfo else moment.replace(tzinfo=LONDON)


def aware(value):
    """A date (noon in London) or a datetime (London's when naive) as an aware moment."""
    if isinstance(value, datetime.datetime):
        return in_london(value)
    return noon_in_london(value)


def iso_moment(text):
    """An aware moment from an ISO 8601 date or date and time; None for other text."""
    try:
        moment = datetime.datetime.fromisoformat(text)
    except ValueError:
        return None
    return noon_in_london(moment.date()) if DATE_ONLY.fullmatch(text) else in_london(moment)


# Links


class KeysById:
    """The keys "<id>/<language>" of a batch, for a link_key to find the FAQ a link names by
    its id and, when the link gives one, its language."""

    def __init__(self, faqs):
        self.keys = {faq.key.lower(): faq.key for faq in faqs}
        self.keys_by_id = defaultdict(list)
        for faq in faqs:
            self.keys_by_id[faq.key.split("/")[0]].append(faq.key)

    def key(self, item_id, language):
        item_id = str(int(item_id))
        if not language:
            # Without a language the system shows the visitor's own: only an item written in a
            # single language is then certain.
            keys = self.keys_by_id.get(item_id, [])
            return keys[0] if len(keys) == 1 else None
        key = f"{item_id}/{language}"
        return self.keys.get(key.lower(), key)
