"""Which words of a query count, and when a word of a page is the same word.

No stemming library is installed, so words are compared by a small suffix rule (`stem`):
"manager", "managers", "manage", "managing" and "management" all read as "manag";
"recognised" and "recognized" as "recognis". It only ever strips a suffix that leaves three
letters or more, so short words are compared whole. Words are always compared whole: "the"
never matches inside "there".
"""

import re

WORD = re.compile(r"\w+")

# Words that carry no subject of their own: a query made of them alone lists nothing, and
# they are never marked in a snippet. Contractions split at the apostrophe ("don't" gives
# "don" and "t").
STOP_WORDS = frozenset(
    """
    a about above after again against all also am an and any anyone anything are aren as at
    be because been before being below between both but by can cannot could couldn d did didn
    do does doesn doing don down during each else even ever few for from further get gets got
    had has hasn have haven having he her here hers herself him himself his how i if im in into
    is isn it its itself just ll let like m may me might more most must my myself no nor not
    now of off on once one only or other our ours ourselves out over own please re really s
    same shall she should shouldn so some someone something such t than that the their theirs
    them themselves then there these they this those through to too under until up us ve very
    want was wasn we were weren what when where whether which while who whom whose why will
    with won would wouldn you your yours yourself yourselves
    """.split()
)

# Longest first, so "managers" loses "ers" rather than "s".
_SUFFIXES = ("ations", "ation", "ments", "ment", "ings", "ing", "ers", "ies", "ied", "er", "ed")
_UNDOUBLED = re.compile(r"([^aeiouflsz])\1$")
_MIN_STEM = 3


def words(text):
    return WORD.findall(text)


def is_stop_word(word):
    return word.casefold() in STOP_WORDS


def stem(word):
    """`word` without its inflection, by a simple rule (see the module's docstring)."""
    word = word.casefold()
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= _MIN_STEM:
            word = word[: -len(suffix)] + ("y" if suffix in ("ies", "ied") else "")
            word = _UNDOUBLED.sub(r"\1", word) if suffix in ("ing", "ings", "ed", "er") else word
            break
    else:
        if word.endswith("es") and re.search(r"(ss|x|ch|sh|z)es$", word):
            word = word[:-2]
        elif word.endswith("s") and not word.endswith("ss") and len(word) - 1 >= _MIN_STEM:
            word = word[:-1]
    if word.endswith("e") and len(word) > _MIN_STEM + 1:
        word = word[:-1]
    return word.replace("iz", "is")


def content_words(query):
    """The query's words that are not stop words, in order, each once."""
    return list(dict.fromkeys(word for word in words(query) if not is_stop_word(word)))


def content_stems(query):
    return frozenset(stem(word) for word in content_words(query))
