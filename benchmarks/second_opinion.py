"""Would a second, larger model, asked only on close calls, lift P@1? Measures it, nothing more.

    python benchmarks/second_opinion.py --model PATH [--weight 1.0]

PATH is a sentence-transformers model folder (we measured all-mpnet-base-v2). For each
question the engine ranks as configured; where its best two FAQs are closer than a gap, the
five best are reranked on their engine score plus `weight` times the second model's match
(best of question and phrasings, averaged with their centroid, as the engine's own semantic
score). Prints, for each gap, P@1 and the share of questions that consulted the second model,
on StackFAQ's two protocols and the demo knowledge base, and the demo's latency with it.
The engine has no second opinion; the README's "Performance" section says why.
Prints figures; asserts nothing.
"""

import argparse
import time
from pathlib import Path

import numpy as np
import torch
from common import (
    demo_abbreviated_questions,
    demo_duplicate_groups,
    demo_glossary,
    demo_questions,
    demo_records,
    model_embedder,
    model_folder,
    rank_all,
    ranker_for,
    split_rephrasings,
    stackfaq,
    stackfaq_records,
)

from faqbase.answers.engine import FAQIndex, Ranker, RankingWeights, shared_embedder
from faqbase.answers.engine.tuning import DEFAULT_CALIBRATION

GAPS = (0.0, 0.01, 0.02, 0.03, 0.05, 0.08)
SEMANTIC_ONLY = RankingWeights(centroid=1.0, answer=0.0, lexical=0.0)


class SecondOpinion:
    """The engine's semantic score (the best of question and phrasings, averaged with their
    centroid), from a second model's vectors of the same FAQs, glossary and all."""

    def __init__(self, ranker, embedder, weight, same_question=None):
        self.weight = weight
        # Two FAQs whose questions are this similar ask the same thing: either answers it.
        self.same_question = same_question
        self.index = ranker.index
        self.position = {faq.id: position for position, faq in enumerate(self.index.faqs)}
        index, _computed = FAQIndex.build(
            self.index.faqs,
            embedder,
            with_answers=False,
            with_tokens=False,
            glossary=self.index.glossary,
        )
        self.ranker = Ranker(index, embedder, SEMANTIC_ONLY, DEFAULT_CALIBRATION)

    def query_vectors(self, queries):
        return [embedding.vector for embedding in self.ranker.embed_queries(queries)]

    def best(self, ranking, gap, query_vector=None, query=None):
        """The FAQ this ranking ends on, and whether the second model was asked."""
        answers = ranking.answers
        if len(answers) < 2 or answers[0].score - answers[1].score >= gap:
            return answers[0].faq.id, False
        if self.asks_the_same(answers[0].faq.id, answers[1].faq.id):
            return answers[0].faq.id, False
        if query_vector is None:
            query_vector = self.query_vectors([query])[0]
        semantic = self.ranker.scores(query, query_vector)

        def score(answer):
            return answer.score + self.weight * semantic[self.position[answer.faq.id]]

        return max(answers, key=score).faq.id, True

    def asks_the_same(self, first, second):
        if self.same_question is None:
            return False
        first, second = (self.question_vector(self.position[faq_id]) for faq_id in (first, second))
        return first @ second >= self.same_question

    def question_vector(self, position):
        return self.index.question_matrix[self.index.question_starts[position]]


def quality_by_gap(title, ranker, second, queries, relevant):
    rankings = rank_all(ranker, queries, limit=5)
    vectors = second.query_vectors(queries)
    print(f"\n{title}: {len(queries)} questions")
    print(f"{'closer than':>12} {'P@1':>6} {'asked the second model':>23}")
    for gap in GAPS:
        outcomes = [
            second.best(ranking, gap, vector)
            for ranking, vector in zip(rankings, vectors, strict=True)
        ]
        right = [faq_id in want for (faq_id, _), want in zip(outcomes, relevant, strict=True)]
        asked = [was_asked for _, was_asked in outcomes]
        label = "never" if gap == 0 else f"{gap:.2f}"
        print(f"{label:>12} {np.mean(right):6.3f} {np.mean(asked):23.2f}")


def collections():
    """(title, FAQs, glossary, questions, each question's set of right FAQs) to measure on."""
    faqs, queries = stackfaq()
    relevant = [set(q["relevant"]) for q in queries]
    texts = [q["query"] for q in queries]
    yield "StackFAQ, protocol 1 (zero-shot)", stackfaq_records(faqs), None, texts, relevant
    phrasings, held_out = split_rephrasings(queries)
    relevant = [set(q["relevant"]) for q in held_out]
    texts = [q["query"] for q in held_out]
    records = stackfaq_records(faqs, phrasings)
    yield "StackFAQ, protocol 2 (with phrasings)", records, None, texts, relevant
    same_question = demo_duplicate_groups()
    for title, questions in (
        ("Demo, counting FAQs that ask the same question", demo_questions()),
        ("Demo, held-out abbreviated questions", demo_abbreviated_questions()),
    ):
        answerable = [q for q in questions if q["expected"]]
        relevant = [same_question.get(q["expected"], {q["expected"]}) for q in answerable]
        texts = [q["query"] for q in answerable]
        yield title, demo_records(), demo_glossary(), texts, relevant


def demo_latency(second_model_path, weight, gap, same_question):
    """Warm, in process, one question at a time, both models embedding for real."""
    ranker = ranker_for(demo_records(), shared_embedder(), glossary=demo_glossary())
    live = shared_embedder(Path(second_model_path).name, second_model_path)
    second = SecondOpinion(ranker, live, weight, same_question)
    questions = [q["query"] for q in demo_questions()]
    for question in questions[:10]:
        second.best(ranker.rank(question), gap, query=question)
    timings = {False: [], True: []}
    for _round in range(3):
        for question in questions:
            started = time.perf_counter()
            _faq_id, asked = second.best(ranker.rank(question), gap, query=question)
            timings[asked].append(time.perf_counter() - started)
    every = [1000 * t for t in timings[False] + timings[True]]
    asked_share = len(timings[True]) / len(every)
    print(
        f"\nDemo latency with the second opinion on calls closer than {gap}: "
        f"p50 {np.percentile(every, 50):.1f} ms, p95 {np.percentile(every, 95):.1f} ms "
        f"({asked_share:.2f} of {len(questions)} questions asked it, three rounds); "
        f"median {1000 * np.median(timings[False]):.1f} ms without asking it, "
        f"{1000 * np.median(timings[True]):.1f} ms asking it"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--model", type=model_folder, required=True, help="a sentence-transformers model folder"
    )
    parser.add_argument("--weight", type=float, default=1.0)
    parser.add_argument("--latency-gap", type=float, default=0.05)
    parser.add_argument(
        "--same-question",
        type=float,
        help="do not ask when the best two FAQs' questions are at least this similar (cosine)",
    )
    arguments = parser.parse_args()
    torch.set_num_threads(2)
    embedder = model_embedder()
    second_model = model_embedder("second-opinion", arguments.model)
    skipped = (
        "asked even where the best two ask the same question"
        if arguments.same_question is None
        else f"not asked where the best two FAQs' questions meet at {arguments.same_question}"
    )
    print(
        f"A second opinion from {second_model.name} on close calls, {time.strftime('%Y-%m-%d')}, "
        f"weight {arguments.weight}, {skipped}"
    )
    for title, records, glossary, texts, relevant in collections():
        ranker = ranker_for(records, embedder, glossary=glossary)
        second = SecondOpinion(ranker, second_model, arguments.weight, arguments.same_question)
        quality_by_gap(title, ranker, second, texts, relevant)
    embedder.save()
    second_model.save()
    demo_latency(arguments.model, arguments.weight, arguments.latency_gap, arguments.same_question)


if __name__ == "__main__":
    main()
