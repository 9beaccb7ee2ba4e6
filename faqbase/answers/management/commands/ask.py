"""`faqbase ask`: answer questions from the command line, one or a batch, as text or JSON."""

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from faqbase.answers.engine import FAQRecord
from faqbase.answers.services import (
    QuestionError,
    answer_engine,
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
                    id=str(item["id"]), question=item["question"], answer=item.get("answer", "")
                )
            )
        except (json.JSONDecodeError, KeyError, TypeError) as error:
            raise CommandError(
                f"{path}, line {number}: expected a JSON object with id, question and answer"
            ) from error
    if not records:
        raise CommandError(f"{path} holds no FAQs")
    return records


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

    def handle(self, *args, question, json, jsonl, faqs, limit, **options):
        if not 1 <= limit <= 100:
            raise CommandError("--limit must be between 1 and 100.")
        if jsonl == bool(question):
            raise CommandError("Give a question, or --jsonl to read questions from stdin.")
        ranker = outside_collection_ranker(read_faq_file(faqs)) if faqs else answer_engine.ranker()
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
