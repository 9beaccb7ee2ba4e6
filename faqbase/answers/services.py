"""The answer engine inside the site: builds the index from published FAQs and answers questions.

Each process holds its own index in memory. A shared counter in the database moves whenever a
FAQ is published, unpublished, moved or deleted, or the glossary of abbreviations changes; a
process that sees it move rebuilds, reusing the vectors stored in the database so only new or
changed texts are embedded. On a server the rebuild runs in a background thread while questions
keep using the previous index.
"""

import functools
import logging
import threading
import time

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale

from faqbase.base.privacy import restrictions_by_page_path, restrictions_passed
from faqbase.knowledge.models import FAQPage

from .engine import FAQIndex, FAQRecord, Ranker
from .engine.collection import MAX_QUERY_LENGTH, base_language, normalise_query
from .engine.index import texts_to_embed
from .engine.memory import freed_memory_released
from .engine.second_opinion import SecondOpinion
from .engine.tokens import PassageTokens, passage_text, passage_tokens_build, tokens_file_key
from .engine.tuning import (
    DEFAULT_CALIBRATION,
    DEFAULT_SECOND_OPINION,
    DEFAULT_SPELLING,
    DEFAULT_WEIGHTS,
)
from .model_folders import configured_embedder, second_opinion_embedder
from .models import Abbreviation, AnswerIndexVersion, TextEmbedding, text_hash

VERSION_ROW = 1

logger = logging.getLogger(__name__)


class QuestionError(ValueError):
    """A question the engine cannot take; the message is meant for the person who asked."""


def question_clean(raw):
    question = normalise_query(raw or "")
    if not question:
        raise QuestionError("Please type a question: the text is empty.")
    if len(question) > MAX_QUERY_LENGTH:
        raise QuestionError(
            f"Questions are limited to {MAX_QUERY_LENGTH} characters; this one has {len(question)}."
        )
    return question


def default_language():
    return Locale.get_default().language_code


def content_language(code):
    """The site's content language `code` names ("en" → "en-gb"); QuestionError if none."""
    if not code:
        return default_language()
    try:
        return get_supported_content_language_variant(code.strip().lower())
    except LookupError:
        known = ", ".join(language for language, _name in settings.WAGTAIL_CONTENT_LANGUAGES)
        raise QuestionError(
            f"'{code}' is not a language of this knowledge base; it answers in {known}."
        ) from None


def faq_records(language=None):
    """Every live FAQ in `language` (the site's own by default), private ones too, each with
    the view restrictions it is behind: one index serves every visitor of the language,
    filtered for each question (`AnswerEngine.ask`)."""
    language = language or default_language()
    faqs = FAQPage.objects.live().filter(locale__language_code=language)
    faqs = faqs.prefetch_related("alternative_phrasings")
    restrictions = restrictions_by_page_path()
    return [
        FAQRecord(
            id=str(faq.pk),
            question=faq.title,
            answer=faq.answer_text,
            phrasings=tuple(phrasing.text for phrasing in faq.alternative_phrasings.all()),
            url=faq.url,
            restrictions=tuple(key for key, path in restrictions if faq.path.startswith(path)),
            language=language,
        )
        for faq in faqs.order_by("path")
    ]


def vectors_for(records, embedder, show_progress=False):
    """Vectors for every text of `records`: stored ones reused, the rest embedded and stored."""
    texts = texts_to_embed(records, with_answers=uses_answer_vectors())
    return text_vectors(texts, embedder, show_progress)


def text_vectors(texts, embedder=None, show_progress=False):
    """{text: vector}; each text is embedded once under a model, then read from the database."""
    embedder = embedder or configured_embedder()
    vectors = TextEmbedding.objects.for_texts(embedder.name, texts)
    missing = list(dict.fromkeys(text for text in texts if text not in vectors))
    if missing:
        computed = embedder.embed(missing, show_progress_bar=show_progress)
        TextEmbedding.objects.bulk_create(
            [
                TextEmbedding(
                    model_name=embedder.name, text_hash=text_hash(text), vector=vector.tobytes()
                )
                for text, vector in zip(missing, computed, strict=True)
            ],
            ignore_conflicts=True,
            batch_size=500,
        )
        vectors.update(zip(missing, computed, strict=True))
    return vectors


def meaning_vectors(texts, embedder=None):
    """{text: vector} of each text as the engine reads it, the glossary's short forms spelled
    out, so the editors' reports group "pm salary" with "project manager salary" as answers do.
    """
    glossary = Abbreviation.objects.glossary()
    spelled_out = {text: glossary.spelled_out(text) for text in texts}
    vectors = text_vectors(list(dict.fromkeys(spelled_out.values())), embedder)
    return {text: vectors[spelled] for text, spelled in spelled_out.items()}


def passage_tokens_for(records, embedder, dimension, show_progress=False):
    """Token vectors of every FAQ's passage: stored ones reused, the rest embedded and stored.

    The index reads them from a memory-mapped file, so a server's processes share one copy;
    a process finding the file already written for these passages reads nothing else.
    """
    passages = [passage_text(record) for record in records]
    key = tokens_file_key(embedder.name, passages)
    opened = PassageTokens.opened(settings.FAQBASE_INDEX_DIR, key)
    if opened is not None:
        return opened
    known = TextEmbedding.objects.tokens_for(embedder.name, passages, dimension)
    tokens, computed = passage_tokens_build(records, embedder, known, show_progress)
    TextEmbedding.objects.bulk_create(
        [
            TextEmbedding(
                model_name=embedder.name,
                text_hash=text_hash(passage),
                vector=vector.tobytes(),
                tokens=matrix.tobytes(),
            )
            for passage, (vector, matrix) in computed.items()
        ],
        # A passage equal to a question (an FAQ without an answer) has a row already.
        update_conflicts=True,
        unique_fields=["model_name", "text_hash"],
        update_fields=["tokens"],
        batch_size=500,
    )
    try:
        return tokens.memory_mapped(settings.FAQBASE_INDEX_DIR, key)
    except OSError as error:
        # Answers matter more than sharing memory: keep this process's copy and say why.
        logger.warning("Token vectors kept in memory: cannot write %s (%s)", key, error)
        return tokens


def answer_index_build(embedder=None, show_progress=False, language=None):
    embedder = embedder or configured_embedder()
    language = language or default_language()
    records = faq_records(language)
    glossary = Abbreviation.objects.glossary(language)
    # The texts are embedded as the index matches them: with abbreviations spelled out.
    matched = glossary.faqs_spelled_out(records)
    vectors = vectors_for(matched, embedder, show_progress=show_progress)
    dimension = len(next(iter(vectors.values()))) if vectors else 0
    tokens = None
    if records and DEFAULT_WEIGHTS.token:
        tokens = passage_tokens_for(matched, embedder, dimension, show_progress)
    return FAQIndex(
        records,
        vectors,
        dimension,
        uses_answer_vectors(),
        passage_tokens=tokens,
        glossary=glossary,
        spelled_out_faqs=matched,
        language=language,
    )


def uses_answer_vectors():
    return DEFAULT_WEIGHTS.answer > 0


def second_opinion_build(index, stored=True, show_progress=False):
    """The configured second opinion over `index`'s FAQs, or None.

    With `stored`, its vectors are read from the database and new ones stored there, as the
    engine's own are; an outside collection (`faqbase ask --faqs`) embeds them afresh.
    """
    embedder = second_opinion_embedder()
    if embedder is None or not len(index):
        return None
    known = None
    if stored:
        texts = texts_to_embed(index.spelled_out_faqs, with_answers=False)
        known = text_vectors(texts, embedder, show_progress)
    second_opinion, _computed = SecondOpinion.build(index, embedder, DEFAULT_SECOND_OPINION, known)
    return second_opinion


def index_version():
    return (
        AnswerIndexVersion.objects.filter(pk=VERSION_ROW).values_list("number", flat=True).first()
    )


def index_version_bump():
    """Tell every process its index is out of date (they rebuild on their next question)."""
    updated = AnswerIndexVersion.objects.filter(pk=VERSION_ROW).update(number=F("number") + 1)
    if not updated:
        AnswerIndexVersion.objects.get_or_create(pk=VERSION_ROW, defaults={"number": 1})
    answer_engines_recheck()


def index_inputs_changed():
    """Called when published FAQs or the glossary change; acts once the change is committed."""
    transaction.on_commit(index_version_bump)


def answer_ranker_build(language=None):
    language = language or default_language()
    index = answer_index_build(language=language)
    return Ranker(
        index,
        configured_embedder(),
        DEFAULT_WEIGHTS,
        DEFAULT_CALIBRATION,
        second_opinion=second_opinion_build(index) if second_opinion_reads(language) else None,
        spelling=DEFAULT_SPELLING,
        reads_language=model_reads(language),
    )


def second_opinion_reads(language):
    """all-mpnet-base-v2, the second opinion, reads English only."""
    return base_language(language) == "en"


def model_reads(language):
    """Whether the answer model reads `language` (FAQBASE_ANSWER_MODEL_LANGUAGES); the engine
    calls no answer confident in a language it does not (benchmarks/README.md, "Languages")."""
    read = {code.lower() for code in settings.FAQBASE_ANSWER_MODEL_LANGUAGES}
    return base_language(language) in read


class AnswerEngine:
    """This process's ranker, rebuilt when the shared version number moves.

    The first build blocks: there is nothing to answer with before it. Later rebuilds run in
    a background thread (when FAQBASE_INDEX_BACKGROUND_REBUILD is on) and swap the new ranker
    in when it is ready, so no question waits the seconds a large index takes to build.
    """

    def __init__(self, build=answer_ranker_build, current_version=index_version):
        self._build_ranker = build
        self._current_version = current_version
        self._ranker = None
        self._version = None
        self._checked_at = 0.0
        self._lock = threading.Lock()
        self._rebuild_thread = None

    def recheck(self):
        self._checked_at = 0.0

    def reset(self):
        """Forget the index, so the next question rebuilds it (tests roll the database back)."""
        self.wait_for_rebuild()
        with self._lock:
            self._ranker = None
            self._version = None

    def ranker(self):
        if self._ranker is None:
            with self._lock:
                if self._ranker is None:
                    self._build_and_swap()
        elif time.monotonic() - self._checked_at >= settings.FAQBASE_INDEX_CHECK_SECONDS:
            self._refresh_if_changed()
        return self._ranker

    def ask(self, question, limit=5, request=None, exact=False, query_embedding=None):
        """The best FAQs for `question` among those `request`'s visitor may see; without a
        request (the command line, warm-up), public FAQs only. With `exact`, the question is
        read as typed, without spelling correction; `query_embedding`, when the caller has
        embedded it already (Ranker.embed_queries), saves embedding it again."""
        ranker = self.ranker()
        return ranker.rank(
            question_clean(question),
            limit=limit,
            query_embedding=query_embedding,
            passed=self._restrictions_passed(ranker, request),
            correct=not exact,
        )

    def ask_every(
        self, question, floor, also=frozenset(), request=None, query_embedding=None, exact=False
    ):
        """Every FAQ the visitor may see scoring at least `floor` before the token rerank, or
        whose id is in `also`, best first, the best few in the order `ask` gives them
        (Ranker.rank_every); with `exact`, without spelling correction."""
        ranker = self.ranker()
        return ranker.rank_every(
            question_clean(question),
            floor=floor,
            also=also,
            query_embedding=query_embedding,
            passed=self._restrictions_passed(ranker, request),
            correct=not exact,
        )

    @staticmethod
    def _restrictions_passed(ranker, request):
        """The view restrictions `request`'s visitor passed, judged only where the index holds
        an FAQ behind one: a public site pays no session or group lookups."""
        return restrictions_passed(request) if ranker.index.restriction_keys else frozenset()

    def wait_for_rebuild(self, timeout=None):
        thread = self._rebuild_thread
        if thread is not None:
            thread.join(timeout)

    def _refresh_if_changed(self):
        self._checked_at = time.monotonic()
        if self._current_version() == self._version:
            return
        if not settings.FAQBASE_INDEX_BACKGROUND_REBUILD:
            with self._lock:
                self._build_and_swap()
            return
        with self._lock:
            if self._rebuild_thread is None or not self._rebuild_thread.is_alive():
                self._rebuild_thread = threading.Thread(
                    target=self._rebuild_in_background, name="answer-index-rebuild", daemon=True
                )
                self._rebuild_thread.start()

    def _build_and_swap(self):
        self._checked_at = time.monotonic()
        self._ranker, self._version = self._build()
        # The build's batches and the previous index are garbage now.
        freed_memory_released()

    def _rebuild_in_background(self):
        try:
            started = time.monotonic()
            ranker, version = self._build()
            with self._lock:
                self._ranker, self._version = ranker, version
            freed_memory_released()
            logger.info(
                "Answer index rebuilt for version %s in %.2f s", version, time.monotonic() - started
            )
        except Exception:
            # The previous index keeps answering; the next check tries again.
            logger.exception("Rebuilding the answer index failed")
        finally:
            connection.close()  # this thread's own connection, not a request's

    def _build(self):
        # The version is read first, so a change landing during the build is seen next time.
        version = self._current_version()
        return self._build_ranker(), version


# The engine of the site's own language; each other content language has one of its own.
answer_engine = AnswerEngine()
_language_engines = {}
_language_engines_lock = threading.Lock()


def answer_engine_for(language=None):
    """The engine answering from the FAQs in `language`, a content language code (the site's
    own by default); QuestionError for a language the knowledge base is not written in."""
    language = content_language(language)
    if language == default_language():
        return answer_engine
    with _language_engines_lock:
        if language not in _language_engines:
            _language_engines[language] = AnswerEngine(
                build=functools.partial(answer_ranker_build, language)
            )
        return _language_engines[language]


def answer_engines_reset():
    """Every language's engine forgets its index (tests roll the database back)."""
    answer_engine.reset()
    for engine in list(_language_engines.values()):
        engine.reset()


def answer_engines_recheck():
    answer_engine.recheck()
    for engine in list(_language_engines.values()):
        engine.recheck()


def similar_questions(text, limit=5, exclude_id=None):
    """Published FAQs whose question (or a phrasing) is closest to `text`, with the cosine."""
    ranker = answer_engine.ranker()
    index = ranker.index
    if not len(index):
        return []
    text = index.glossary.spelled_out(question_clean(text))
    similarity = index.question_similarity(ranker.embedder.embed([text])[0])
    order = similarity.argsort()[::-1]
    matches = [
        (index.faqs[position], float(similarity[position]))
        for position in order[: limit + 1]
        if index.faqs[position].id != str(exclude_id)
    ]
    return matches[:limit]


def ask_in_language(
    question, language=None, limit=5, request=None, exact=False, query_embedding=None
):
    """The FAQs in the visitor's language first; when none of them is a confident answer, the
    site's own language is asked too (each result says which language it is in). A
    `query_embedding` is the language's own engine's (its speller read the question)."""
    language = content_language(language)
    own = answer_engine_for(language).ask(
        question, limit=limit, request=request, exact=exact, query_embedding=query_embedding
    )
    if language == default_language():
        return own
    return first_confident(
        own,
        answer_engine.ranker(),
        lambda: answer_engine.ask(question, limit=limit, request=request, exact=exact),
    )


def first_confident(own, fallback_ranker, fallback_ranking):
    """`own` if it is confident; else the fallback language's ranking when that is confident
    and the question reads as written in that language; else `own`, its close matches.

    A model reads a question in a language it does not know as confidently as nonsense: an
    English model called 12 % of German questions confident against English FAQs and was
    wrong on every one (benchmarks/README.md, "Languages").
    """
    if own.confident:
        return own
    fallback = fallback_ranking()
    if fallback.confident and fallback_ranker.reads_as_its_language(own.query):
        return fallback
    return own


def ranking_as_json(ranking, with_ids=False, language=None):
    results = []
    for answer in ranking.answers:
        result = {"question": answer.faq.question, "url": answer.faq.url, "score": answer.score}
        if with_ids:
            result = {"id": answer.faq.id, **result}
        if answer.faq.language:
            result["lang"] = answer.faq.language
        results.append(result)
    answered = {"lang": language} if language else {}
    return answered | {
        "query": ranking.query,
        "confident": ranking.confident,
        "confidence": ranking.confidence,
        # The question as the speller read it, when it corrected a word; None otherwise.
        "corrected_query": ranking.corrected_query,
        "results": results,
    }


def outside_collection_ranker(records, embedder=None, language="en"):
    """A ranker over FAQs from a file rather than the site (`faqbase ask --faqs`)."""
    embedder = embedder or configured_embedder()
    index, _computed = FAQIndex.build(
        records, embedder, with_answers=uses_answer_vectors(), language=language
    )
    reads = second_opinion_reads(language)
    second_opinion = second_opinion_build(index, stored=False) if reads else None
    return Ranker(
        index,
        embedder,
        DEFAULT_WEIGHTS,
        DEFAULT_CALIBRATION,
        second_opinion,
        DEFAULT_SPELLING,
        reads_language=model_reads(language),
    )
