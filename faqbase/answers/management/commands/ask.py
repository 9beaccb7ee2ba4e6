"""`faqbase ask`: answer questions from the command line, one or a batch, as text or JSON."""

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from faqbase.answers.engine import FAQRecord
from faqbase.answers.engine.collection import base_language
from faqbase.answers.services import (
    QuestionError,
    answer_engine,
    answer_engine_for,
    content_language,
    default_language,
    first_confident,
    outside_collection_ranker,
    question_clean,
    ranking_as_json,
)


def read_faq_file(path):
    records = []
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise CommandError(f"Cannot read {path}: {error.strerror}") from error
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            records.append(
                FAQRecord(
                    id=str(item["id"]),
                    question=item["question"],
                    answer=item.get("answer", ""),
                    language=str(item.get("lang") or ""),
                )
            )
        except (json.JSONDecodeError, KeyError, TypeError) as error:
            raise CommandError(
                f"{path}, line {number}: expected a JSON object with id, question and answer"
            ) from error
    if not records:
        raise CommandError(f"{path} holds no FAQs")
    return records


def records_in(records, language):
    """The records in `language` ("de" also takes "de-at"), and those that do not say."""
    if not language:
        return records
    base = base_language(language)
    chosen = [r for r in records if not r.language or base_language(r.language) == base]
    if not chosen:
        raise CommandError(f"No FAQ in the file is in '{language}' (their \"lang\").")
    return chosen


class LanguageFirstRanker:
    """Ranks as the API does for a language other than the site's own: that language's FAQs
    first, the site's own when they give no confident answer (services.first_confident)."""

    def __init__(self, language):
        self.own = answer_engine_for(language).ranker()
        self.fallback = answer_engine.ranker()

    def embed_queries(self, texts):
        return [None] * len(texts)

    def rank(self, question, limit=5, query_embedding=None):
        own = self.own.rank(question, limit=limit)
        return first_confident(own, self.fallback, lambda: self.fallback.rank(question, limit))


class Command(BaseCommand):
    help = "Ask the answer engine a question (or one per line of stdin with --jsonl)."

    def add_arguments(self, parser):
        parser.add_argument("question", nargs="?", help="The question, in your own words.")
        parser.add_argument("--json", action="store_true", help="Print one JSON object.")
        parser.add_argument(
            "--jsonl", action="store_true", help="Read one question a line from stdin."
        )
        parser.add_argument("--faqs", help="Rank against this JSONL file's {id, question, answer}.")
        parser.add_argument("--limit", type=int, default=5)
        parser.add_argument(
            "--lang",
            default="",
            help="The language asked in (e.g. cy). On the site, its FAQs are searched first, "
            'then the site\'s own language; with --faqs, only the records whose "lang" is it.',
        )

    def handle(self, *args, question, json, jsonl, faqs, limit, lang, **options):
        if not 1 <= limit <= 100:
            raise CommandError("--limit must be between 1 and 100.")
        if jsonl == bool(question):
            raise CommandError("Give a question, or --jsonl to read questions from stdin.")
        if faqs:
            records = records_in(read_faq_file(faqs), lang)
            ranker = outside_collection_ranker(records, language=lang or "en")
        else:
            ranker = self.site_ranker(lang)
        if jsonl:
            self.answer_lines(ranker, limit, with_ids=bool(faqs))
            return
        try:
            ranking = ranker.rank(question_clean(question), limit=limit)
        except QuestionError as error:
            raise CommandError(str(error)) from error
        if json:
            self.write_json(ranking_as_json(ranking, with_ids=bool(faqs)))
        else:
            self.write_text(ranking)

    def site_ranker(self, lang):
        try:
            language = content_language(lang)
        except QuestionError as error:
            raise CommandError(str(error)) from error
        if language == default_language():
            return answer_engine.ranker()
        return LanguageFirstRanker(language)

    def answer_lines(self, ranker, limit, with_ids):
        questions = [line.rstrip("\n") for line in sys.stdin]
        cleaned = []
        for question in questions:
            try:
                cleaned.append(question_clean(question))
            except QuestionError as error:
                cleaned.append(error)
        texts = [item for item in cleaned if isinstance(item, str)]
        embeddings = iter(ranker.embed_queries(texts)) if texts else iter(())
        for item in cleaned:
            if isinstance(item, QuestionError):
                self.write_json(
                    {
                        "query": "",
                        "confident": False,
                        "corrected_query": None,
                        "results": [],
                        "error": str(item),
                    }
                )
                continue
            ranking = ranker.rank(item, limit=limit, query_embedding=next(embeddings))
            self.write_json(ranking_as_json(ranking, with_ids=with_ids))

    def write_json(self, data):
        self.stdout.write(json.dumps(data, ensure_ascii=False))

    def write_text(self, ranking):
        if ranking.corrected_query:
            self.stdout.write(f"Showing results for: {ranking.corrected_query}")
        verdict = "Confident answer" if ranking.confident else "No confident answer; close matches"
        self.stdout.write(f"{verdict} (confidence {ranking.confidence:.2f}):")
        for answer in ranking.answers:
            self.stdout.write(f"  {answer.score:.3f}  {answer.faq.question}  {answer.faq.url}")
