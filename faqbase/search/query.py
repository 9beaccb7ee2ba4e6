"""How the search page reads the `q` parameter, shared with whoever needs the same reading."""

from faqbase.answers.engine.collection import normalise_query

MAX_QUERY_LENGTH = 200


def search_query_from(raw):
    return normalise_query((raw or "")[: MAX_QUERY_LENGTH * 2])[:MAX_QUERY_LENGTH]
