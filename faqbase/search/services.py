"""The search page's list of results, ranked by the answer engine.

FAQs come first, in the engine's own order (the same signals as /api/ask, so the list agrees
with the best answer above it), down to a relevance floor on the engine's score before its
token rerank. Articles and webinars follow, ranked by how close the vector of their title and
teaser is to the question's, down to a floor of their own. Full-text search is a further
signal only: a page matching every word of the question that is not a stop word gains a
small boost, and is listed even where the vectors missed it. A question of stop words alone
lists nothing.

The floors were chosen with `benchmarks/search_list.py`, which scores the list on the demo's
questions (benchmarks/README.md, "The search page's list").
"""

import logging
import re
from dataclasses import dataclass

import numpy as np
from django.utils.translation import get_language
from wagtail.models import Locale, Page

from faqbase.answers.services import answer_engine_for, meaning_vectors
from faqbase.articles.models import ArticlePage
from faqbase.base.privacy import pages_visible_to
from faqbase.knowledge.models import FAQPage, TopicPage, rich_text_to_plain

from .snippets import SNIPPET_LENGTH, highlight_snippet, marked, sentences
from .words import content_stems, content_words

logger = logging.getLogger(__name__)

# The engine's score before its token rerank (question and phrasings, their centroid, BM25):
# an FAQ is listed when it scores at least FAQ_FLOOR and within FAQ_MARGIN of the best FAQ.
FAQ_FLOOR = 0.55
FAQ_MARGIN = 0.15
# The cosine of the question with an article's title and teaser.
ARTICLE_FLOOR = 0.45
# Added to an article's cosine when full-text search finds every content word in it.
FULL_TEXT_BOOST = 0.05
# Sentences of one result considered for its snippet; each is embedded once, ever.
SNIPPET_SENTENCES = 30
SEARCHED_TYPES = (FAQPage, ArticlePage, TopicPage)
_LINK = re.compile(r"<a\b[^>]*>(.*?)</a>", re.S | re.I)
# Put around a link's text, to tell the sentences that hold one (no page holds them); the
# closing one also keeps a linked question's "?" from ending the sentence around it.
_IN_LINK, _LINK_END = "\x00", "\x01"


@dataclass(frozen=True)
class ResultEntry:
    """One listed page, before its page object is fetched (only a page of them are)."""

    page_id: int
    kind: str  # "faq", "article" or "page"
    score: float


@dataclass(frozen=True)
class SearchList:
    entries: list
    # The query's words other than stop words; none means nothing is listed.
    words: tuple
    # The query as the engine embedded it (unit vector), for choosing snippets; or None.
    vector: object = None


def live_searchable_pages():
    """Every live page of the searched types, whoever may see it."""
    return Page.objects.live().type(*SEARCHED_TYPES)


def searchable_pages(request):
    """Live pages of the searched types in the page's language that the visitor may see."""
    return pages_visible_to(live_searchable_pages().filter(locale=Locale.get_active()), request)


def full_text_matches(words, request):
    """Ids of the pages the visitor may see that hold every one of `words`."""
    try:
        found = searchable_pages(request).search(" ".join(words), operator="and")
        return {page.pk for page in found}
    except Exception:
        # The list still stands on the vectors; full text only adds to it.
        logger.exception("Full-text search failed; listing by the answer engine alone")
        return set()


def full_text_entries(whole, request):
    """The pages holding every word, FAQs first, then articles, then topics."""
    order = {FAQPage: ("faq", 0), ArticlePage: ("article", 1), TopicPage: ("page", 2)}
    pages = searchable_pages(request).filter(pk__in=whole).specific()
    entries = []
    for page in pages:
        kind, rank = next(order[cls] for cls in order if isinstance(page, cls))
        entries.append((rank, page.pk, ResultEntry(page.pk, kind, 0.0)))
    return [entry for _rank, _pk, entry in sorted(entries, key=lambda item: item[:2])]


def article_text(article):
    return f"{article.title}. {article.teaser}"


def search_list(
    query,
    request,
    exact=False,
    query_embedding=None,
    faq_floor=FAQ_FLOOR,
    article_floor=ARTICLE_FLOOR,
    faq_margin=FAQ_MARGIN,
):
    """Every page to list for `query`, best first (see the module's docstring); the caller
    may pass the question as the engine embedded it, so that it is embedded only once."""
    words = tuple(content_words(query))
    if not words:
        return SearchList(entries=[], words=())
    whole = full_text_matches(words, request)
    engine = answer_engine_for(get_language())
    try:
        embedding = query_embedding or engine.ranker().embed_queries([query], correct=not exact)[0]
        also = frozenset(str(pk) for pk in whole)
        ranking = engine.ask_every(
            query,
            faq_floor,
            also=also,
            request=request,
            query_embedding=embedding,
            exact=exact,
        )
    except Exception:
        logger.exception("The answer engine failed; listing full-text matches only")
        return SearchList(entries=full_text_entries(whole, request), words=words)
    visible_faqs = set(
        pages_visible_to(FAQPage.objects.live(), request).values_list("pk", flat=True)
    )
    floor = max(ranking.base_scores, default=0.0) - faq_margin
    entries = [
        ResultEntry(int(answer.faq.id), "faq", base)
        for answer, base in zip(ranking.answers, ranking.base_scores, strict=True)
        if int(answer.faq.id) in visible_faqs and (base >= floor or answer.faq.id in also)
    ]
    entries += article_entries(embedding.vector, whole, request, article_floor)
    topics = set(
        pages_visible_to(TopicPage.objects.live().filter(locale=Locale.get_active()), request)
        .filter(pk__in=whole)
        .values_list("pk", flat=True)
    )
    entries += [ResultEntry(pk, "page", 0.0) for pk in sorted(topics)]
    return SearchList(entries=entries, words=words, vector=embedding.vector)


def article_entries(query_vector, whole, request, floor):
    """Articles and webinars over `floor` or matching every word, by cosine plus boost."""
    articles = pages_visible_to(
        ArticlePage.objects.live().filter(locale=Locale.get_active()), request
    )
    articles = list(articles.only("title", "teaser"))
    if not articles:
        return []
    texts = [article_text(article) for article in articles]
    vectors = meaning_vectors(texts)
    scored = []
    for article, text in zip(articles, texts, strict=True):
        score = float(np.dot(vectors[text], query_vector))
        if article.pk in whole:
            score += FULL_TEXT_BOOST
        if score >= floor or article.pk in whole:
            scored.append(ResultEntry(article.pk, "article", score))
    return sorted(scored, key=lambda entry: -entry.score)


def snippet_vectors_prepare(pages):
    """Embed and store, for `pages`, every text the list compares with a question: the
    sentences a snippet is chosen from and an article's title and teaser, so the first search
    that lists them reads them rather than waiting for the model (`faqbase init` runs it).
    Returns how many texts were looked at (those already stored are not embedded again)."""
    texts = [sentence for page in pages for sentence in snippet_candidates(page)]
    texts += [article_text(page) for page in pages if isinstance(page, ArticlePage)]
    texts = list(dict.fromkeys(text for text in texts if text))
    if texts:
        meaning_vectors(texts)
    return len(texts)


def snippet_candidates(page):
    """The sentences a result's snippet is chosen from: the first few of its passages."""
    return result_passages(page)[:SNIPPET_SENTENCES]


def result_passages(page):
    """A result's sentences, in order: an FAQ's answer, an article's teaser and body, a
    topic's description. Sentences holding a link are left out where others are
    left: they point elsewhere ("See also Are project managers well paid?") rather than
    answer, and the linked question's words would win them the snippet."""
    if isinstance(page, FAQPage):
        return sentences_without_links(page.answer)
    if isinstance(page, ArticlePage):
        return sentences(page.teaser) + sentences_without_links(page.body)
    return sentences(page.search_description or "")


def sentences_without_links(html):
    """The sentences of rich text `html`, those holding a link left out unless all do."""
    flagged = _LINK.sub(lambda match: f"{_IN_LINK}{match.group(1)}{_LINK_END}", html or "")
    found = [sentence.replace(_LINK_END, "") for sentence in sentences(rich_text_to_plain(flagged))]
    plain = [sentence for sentence in found if _IN_LINK not in sentence]
    return plain or [sentence.replace(_IN_LINK, "") for sentence in found]


def best_sentences(candidates, query_vector):
    """Per list of sentences, the one whose vector is closest to the query's; the sentences
    of every result are embedded together, and each only once, ever."""
    every = list(dict.fromkeys(sentence for found in candidates for sentence in found))
    if not every or query_vector is None:
        return [" ".join(found[:2]) for found in candidates]
    vectors = meaning_vectors(every)
    return [
        max(found, key=lambda sentence: float(np.dot(vectors[sentence], query_vector)))
        if found
        else ""
        for found in candidates
    ]


def with_snippets(pages, found):
    """`pages`, each given `snippet`: its most relevant sentence, the question's words and
    their inflections marked."""
    query = " ".join(found.words)
    stems = content_stems(query)
    chosen = best_sentences([snippet_candidates(page) for page in pages], found.vector)
    for page, text in zip(pages, chosen, strict=True):
        if len(text) <= SNIPPET_LENGTH:
            page.snippet = marked(text, stems)
        else:
            page.snippet = highlight_snippet(text, query)
    return pages


def pages_for(entries):
    """The specific pages of `entries`, in their order (one query per page type)."""
    pages = Page.objects.filter(pk__in=[entry.page_id for entry in entries]).specific()
    by_id = {page.pk: page for page in pages}
    return [by_id[entry.page_id] for entry in entries if entry.page_id in by_id]
