"""Search-result snippets: the passage around the first matching word, with matches marked."""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

SNIPPET_LENGTH = 220
MIN_TERM_LENGTH = 2


def query_terms(query):
    words = re.findall(r"\w+", query.casefold())
    return sorted({word for word in words if len(word) >= MIN_TERM_LENGTH}, key=len, reverse=True)


def highlight_snippet(text, query, length=SNIPPET_LENGTH):
    """An escaped excerpt of `text` around the first query term, each term wrapped in <mark>."""
    text = " ".join(text.split())
    terms = query_terms(query)
    if not terms:
        return escape(text[:length])
    pattern = re.compile(r"\b(" + "|".join(re.escape(term) for term in terms) + r")", re.I)
    first = pattern.search(text)
    start = 0
    if first and first.start() > length // 3:
        start = text.rfind(" ", 0, first.start() - length // 3) + 1
    excerpt = text[start : start + length]
    if start + length < len(text):
        excerpt = excerpt[: excerpt.rfind(" ")] + " …"
    if start:
        excerpt = "… " + excerpt
    parts = pattern.split(excerpt)
    # split() with one group alternates plain text and matches: odd positions are matches.
    marked = (
        f"<mark>{escape(part)}</mark>" if position % 2 else escape(part)
        for position, part in enumerate(parts)
    )
    return mark_safe("".join(marked))
