"""Search-result snippets: the passage most about the query, its words marked.

Only whole words are marked, and only words that share a stem with one of the query's words
other than stop words (words.py): "manager" marks "managers" and "manage", and "the" marks
neither "There" nor anything else. Everything is escaped; only the <mark> tags are markup.
"""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

from .words import WORD, content_stems, is_stop_word, stem

SNIPPET_LENGTH = 220
# Sentences end at a full stop, question or exclamation mark followed by a space, or a line.
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")


def sentences(text):
    """The sentences of `text`, whitespace collapsed, empty ones left out."""
    found = (" ".join(part.split()) for part in _SENTENCE_END.split(text or ""))
    return [sentence for sentence in found if sentence]


def _is_match(word, stems):
    return not is_stop_word(word) and stem(word) in stems


def _excerpt(text, stems, length):
    """At most `length` characters of `text`, around its first marked word if it is late."""
    if len(text) <= length:
        return text
    first = next((m for m in WORD.finditer(text) if _is_match(m.group(0), stems)), None)
    start = 0
    if first and first.start() > length // 3:
        start = text.rfind(" ", 0, first.start() - length // 3) + 1
    excerpt = text[start : start + length]
    if start + length < len(text):
        excerpt = excerpt[: excerpt.rfind(" ")] + " …"
    return ("… " if start else "") + excerpt


def marked(text, stems):
    """`text` escaped, each whole word sharing a stem in `stems` wrapped in <mark>."""
    parts, position = [], 0
    for match in WORD.finditer(text):
        if _is_match(match.group(0), stems):
            parts.append(escape(text[position : match.start()]))
            parts.append(f"<mark>{escape(match.group(0))}</mark>")
            position = match.end()
    parts.append(escape(text[position:]))
    return mark_safe("".join(parts))


def highlight_snippet(text, query, length=SNIPPET_LENGTH):
    """An escaped excerpt of `text` around the first word of the query, the query's words
    (and their inflections) marked."""
    stems = content_stems(query)
    return marked(_excerpt(" ".join(text.split()), stems, length), stems)
