"""The FAQ as the engine sees it, query clean-up and the glossary of abbreviations."""

import re
import unicodedata
from dataclasses import dataclass, field, replace

MAX_QUERY_LENGTH = 500
SHORT_FORM_MAX_LENGTH = 30
FULL_FORM_MAX_LENGTH = 100
# Control and format characters (Cc, Cf) other than ordinary whitespace carry no meaning.
_INVISIBLE = {"Cc", "Cf", "Co", "Cs"}


@dataclass(frozen=True)
class FAQRecord:
    id: str
    question: str
    answer: str = ""
    phrasings: tuple[str, ...] = field(default_factory=tuple)
    url: str = ""
    # The view restrictions (their keys) a visitor must pass to be shown this FAQ; none for a
    # public one. The index keeps every FAQ and each question is filtered for its visitor.
    restrictions: tuple[str, ...] = field(default_factory=tuple)
    # The language the FAQ is written in, as a content language code; "" when not known.
    language: str = ""


def base_language(code):
    """The language without its region, "en" for "en-gb" (English when none is given)."""
    return (code or "en").split("-")[0].lower()


def normalise_query(text):
    """The query as the engine reads it: visible characters only, whitespace collapsed."""
    text = unicodedata.normalize("NFC", text)
    visible = "".join(
        " " if char.isspace() else char
        for char in text
        if char.isspace() or unicodedata.category(char) not in _INVISIBLE
    )
    return re.sub(r"\s+", " ", visible).strip()


@dataclass(frozen=True)
class Abbreviation:
    short: str
    full: str
    # For short forms that are also ordinary words ("IT", "US"), matched only as written.
    match_case: bool = False


def short_form_matchable(short):
    """Whether a short form can be matched as a word: it needs a letter or a digit."""
    return any(char.isalnum() for char in short)


class Glossary:
    """Abbreviations the engine reads as their full forms, in FAQs and questions alike.

    The model knows "project manager" far better than "PM" ("change mgr vs pm" found nothing
    about change managers); spelling both sides out lets them meet. Only whole words are
    replaced, so "PM" leaves "PMO" alone.
    """

    def __init__(self, abbreviations=()):
        self.abbreviations = tuple(abbreviations)
        self._any_case = {a.short.lower(): a.full for a in self.abbreviations if not a.match_case}
        self._exact = {a.short: a.full for a in self.abbreviations if a.match_case}
        self._pattern = self._compiled(list(self._any_case), list(self._exact))

    @staticmethod
    def _compiled(any_case, exact):
        # Longest first, so "PMs" is not read as "PM" followed by an "s".
        def alternatives(shorts):
            return "|".join(re.escape(short) for short in sorted(shorts, key=len, reverse=True))

        parts = []
        if any_case:
            parts.append(f"(?i:{alternatives(any_case)})")
        if exact:
            parts.append(alternatives(exact))
        if not parts:
            return None
        return re.compile(rf"(?<!\w)(?:{'|'.join(parts)})(?!\w)")

    def __bool__(self):
        return bool(self.abbreviations)

    def spelled_out(self, text):
        if self._pattern is None or not text:
            return text
        return self._pattern.sub(self._full_form, text)

    def _full_form(self, match):
        found = match.group(0)
        return self._exact.get(found) or self._any_case.get(found.lower(), found)

    def faqs_spelled_out(self, faqs):
        """The FAQs as the engine matches them; ids and links unchanged."""
        if not self:
            return list(faqs)
        return [
            replace(
                faq,
                question=self.spelled_out(faq.question),
                answer=self.spelled_out(faq.answer),
                phrasings=tuple(self.spelled_out(p) for p in faq.phrasings),
            )
            for faq in faqs
        ]
