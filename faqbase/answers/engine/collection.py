"""The FAQ as the engine sees it, and query clean-up."""

import re
import unicodedata
from dataclasses import dataclass, field

MAX_QUERY_LENGTH = 500
# Control and format characters (Cc, Cf) other than ordinary whitespace carry no meaning.
_INVISIBLE = {"Cc", "Cf", "Co", "Cs"}


@dataclass(frozen=True)
class FAQRecord:
    id: str
    question: str
    answer: str = ""
    phrasings: tuple[str, ...] = field(default_factory=tuple)
    url: str = ""


def normalise_query(text):
    """The query as the engine reads it: visible characters only, whitespace collapsed."""
    text = unicodedata.normalize("NFC", text)
    visible = "".join(
        " " if char.isspace() else char
        for char in text
        if char.isspace() or unicodedata.category(char) not in _INVISIBLE
    )
    return re.sub(r"\s+", " ", visible).strip()
