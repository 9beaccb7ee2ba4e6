"""Spelling correction against the knowledge base's own words.

Visitors type on phones: "is it to late to becme a projet manager". MiniLM's word pieces
blur a slipped word and BM25 misses it entirely. The speller reads the question against the
vocabulary of the FAQs themselves (questions, phrasings, answers, the glossary's short and
full forms), so it corrects towards words the knowledge base can answer with, and never
towards words it does not hold. The ranker uses its reading as a further signal beside the
question as typed, not in its place (ranker.py).

It corrects only words the vocabulary does not know; known words, numbers, short words and
the glossary's short forms are left as typed. Candidates come from symspellpy (a SymSpell
port: precomputed deletes, so a lookup costs microseconds, not a scan of the vocabulary).
"""

import functools
import re
from collections import Counter
from pathlib import Path

import symspellpy
from symspellpy import SymSpell, Verbosity

from .collection import base_language

# Words of this many letters or fewer are left alone: too many known words lie one slip away.
SHORT_WORD = 3
# The most edits a correction may make: one for shorter words, two from LONG_WORD letters.
MAX_EDITS = 2
LONG_WORD = 8
# Words at least this frequent in symspellpy's English word counts are known words too, though
# no FAQ uses them: "till" and "shop" are not slips for "will" and "show".
COMMON_ENGLISH_COUNT = 100_000
# A missing space is split only where each half is a known word of at least this many letters
# ("a" and "i" would split far too many words).
MIN_SPLIT_PART = 2
_WORD = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)*|\w+")


@functools.cache
def common_english_words():
    """The common English words of the frequency list symspellpy ships (82,765 words)."""
    path = Path(symspellpy.__file__).parent / "frequency_dictionary_en_82_765.txt"
    words = set()
    try:
        with open(path, encoding="utf-8") as lines:
            for line in lines:
                word, _space, count = line.partition(" ")
                if count.strip().isdigit() and int(count) >= COMMON_ENGLISH_COUNT:
                    words.add(word)
    except OSError:
        # Without the list the speller only knows the knowledge base's words.
        return frozenset()
    return frozenset(words)


def vocabulary_words(text):
    """The words of `text` as the speller counts them: lower case, letters only, apostrophes
    dropped as quick typing drops them ("don't" is counted as "dont")."""
    text = re.sub(r"['\u2019]", "", text.lower())
    return [word for word in _WORD.findall(text) if word.isalpha()]


class Speller:
    """Corrections for words the knowledge base does not know; built with the index."""

    def __init__(self, counts, protected=(), language="en"):
        self.counts = Counter(counts)
        # Words never corrected though unknown: the glossary's short forms ("mgr").
        self.protected = frozenset(word.lower() for word in protected)
        # Common words of the language, also left alone: shipped for English only.
        english = base_language(language) == "en"
        self.common_words = common_english_words() if english else frozenset()
        self._symspell = SymSpell(max_dictionary_edit_distance=MAX_EDITS, prefix_length=7)
        for word, count in self.counts.items():
            if len(word) > SHORT_WORD:
                self._symspell.create_dictionary_entry(word, count)

    @classmethod
    def from_texts(cls, texts, protected=(), language="en"):
        counts = Counter()
        for text in texts:
            counts.update(vocabulary_words(text))
        for short in protected:
            counts.update(vocabulary_words(short))
        return cls(counts, protected, language)

    @classmethod
    def for_faqs(cls, faqs, glossary=None, language="en"):
        """From each FAQ's question, phrasings and answer, and the glossary's forms."""
        texts = [text for faq in faqs for text in (faq.question, *faq.phrasings, faq.answer)]
        shorts = []
        if glossary:
            texts += [abbreviation.full for abbreviation in glossary.abbreviations]
            shorts = [abbreviation.short for abbreviation in glossary.abbreviations]
        return cls.from_texts(texts, protected=shorts, language=language)

    def __len__(self):
        return len(self.counts)

    def known_share(self, text):
        """The share of `text`'s words this speller knows, once it has corrected what it can:
        how far the text reads as written in the language of the speller's FAQs."""
        words = vocabulary_words(self.corrected(text) or text)
        return sum(self.knows(word) for word in words) / len(words) if words else 0.0

    def knows(self, word):
        word = word.lower()
        return word in self.counts or word in self.protected or word in self.common_words

    def corrected(self, text):
        """`text` with its unknown words corrected, or None when nothing needed correcting."""
        changed = False

        def replacement(match):
            nonlocal changed
            word = match.group(0)
            better = self.word_corrected(word)
            if better is None:
                return word
            changed = True
            return better

        corrected = _WORD.sub(replacement, text)
        return corrected if changed else None

    def word_corrected(self, word):
        """The correction of one word (perhaps two words, a missing space put back), or None
        to keep it."""
        lower = word.lower()
        if len(lower) <= SHORT_WORD or not lower.isalpha() or self.knows(lower):
            return None
        # One slip in a word is likelier than a missing space ("untill" is "until", not
        # "un till"), and a missing space likelier than two slips in one word.
        found = self._symspell.lookup(lower, Verbosity.TOP, max_edit_distance=1)
        if found:
            return found[0].term
        split = self._split(lower)
        if split is not None:
            return split
        if len(lower) < LONG_WORD:
            return None
        found = self._symspell.lookup(lower, Verbosity.TOP, max_edit_distance=MAX_EDITS)
        return found[0].term if found else None

    def _split(self, word):
        """Two of the knowledge base's words run together ("projectmanager"), the likeliest
        split (the one whose rarer half is most frequent); or None."""
        best, best_count = None, 0
        for cut in range(MIN_SPLIT_PART, len(word) - MIN_SPLIT_PART + 1):
            left, right = word[:cut], word[cut:]
            count = min(self.counts.get(left, 0), self.counts.get(right, 0))
            if count > best_count:
                best, best_count = f"{left} {right}", count
        return best
