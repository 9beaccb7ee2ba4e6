"""What the engine's second opinion (engine/second_opinion.py) gains, and costs.

    python benchmarks/second_opinion.py [--model PATH] [--gap 0.04] [--weight 1.0]
        [--same-question 0.7] [--confidence-floor 0.6]

The second model is the one faqbase ships, all-mpnet-base-v2, or else the
sentence-transformers model folder at PATH; the rule's settings default to the engine's
(tuning.DEFAULT_SECOND_OPINION). Prints, for each gap between
the best two FAQs below which the second model is asked, P@1, how often the answers called
confident are right, and the share of questions that asked it, on StackFAQ's two protocols,
the demo knowledge base (also with two typing slips a question) and COVID-QA's English dev
half (the share alone for the questions it does not answer); then the
demo's latency with the rule as given, all of its questions asked, both models embedding
for real. Prints figures; asserts nothing.
"""

import argparse
import time
from dataclasses import replace

import numpy as np
import torch
from common import (
    covidqa,
    demo_abbreviated_questions,
    demo_accepted,
    demo_glossary,
    demo_questions,
    demo_records,
    faq_records,
    live_embedder,
    model_embedder,
    model_folder,
    packaged_second_model,
    ranker_for,
    split_rephrasings,
    stackfaq,
    vectors_saved,
    with_second_opinion,
)
from typos import slipped

from faqbase.answers.engine.second_opinion import SecondOpinionRule
from faqbase.answers.engine.tuning import DEFAULT_SECOND_OPINION

# The seed the typo benchmarks report with.
SLIP_SEED = "0"
# An infinite gap asks on every question the other settings let through: with
# --same-question 2 --confidence-floor 0, on every question.
GAPS = (0.0, 0.01, 0.02, 0.03, 0.04, 0.05, 0.08, float("inf"))


def quality_by_gap(title, ranker, second_model, rule, queries, relevant):
    """`relevant` is None for questions the collection does not answer: only asks are counted."""
    embeddings = ranker.embed_queries(queries)
    print(f"\n{title}: {len(queries)} questions")
    print(f"{'closer than':>12} {'P@1':>6} {'right when confident':>21} {'asked':>6}")
    for gap in GAPS:
        asking = with_second_opinion(ranker, second_model, replace(rule, gap=gap))
        rankings = [
            asking.rank(query, 5, embedding)
            for query, embedding in zip(queries, embeddings, strict=True)
        ]
        precision = confident_precision = "-"
        if relevant is not None:
            right = [
                ranking.answers[0].faq.id in want
                for ranking, want in zip(rankings, relevant, strict=True)
            ]
            confident = [ranking.confident for ranking in rankings]
            precision = f"{np.mean(right):.3f}"
            confident_precision = f"{np.mean(np.array(right)[confident]):.3f}"
        label = {0.0: "never", float("inf"): "any gap"}.get(gap, f"{gap:.2f}")
        asked = asking.second_opinion.asked / len(queries)
        print(f"{label:>12} {precision:>6} {confident_precision:>21} {asked:6.2f}")


def collections():
    """(title, FAQs, glossary, questions, each question's set of right FAQs) to measure on."""
    faqs, queries = stackfaq()
    relevant = [set(q["relevant"]) for q in queries]
    texts = [q["query"] for q in queries]
    yield "StackFAQ, protocol 1 (zero-shot)", faq_records(faqs), None, texts, relevant
    phrasings, held_out = split_rephrasings(queries)
    relevant = [set(q["relevant"]) for q in held_out]
    texts = [q["query"] for q in held_out]
    records = faq_records(faqs, phrasings)
    yield "StackFAQ, protocol 2 (with phrasings)", records, None, texts, relevant
    for title, questions in (
        ("Demo, counting FAQs that ask the same question", demo_questions()),
        ("Demo, held-out abbreviated questions", demo_abbreviated_questions()),
    ):
        answerable = [q for q in questions if q["expected"]]
        relevant = [demo_accepted(q) for q in answerable]
        texts = [q["query"] for q in answerable]
        yield title, demo_records(), demo_glossary(), texts, relevant
    answerable = [q for q in demo_questions() if q["expected"]]
    relevant = [demo_accepted(q) for q in answerable]
    texts = [slipped(q["query"], 2, SLIP_SEED) for q in answerable]
    title = "Demo, two typing slips a question"
    yield title, demo_records(), demo_glossary(), texts, relevant
    unanswered = [q["query"] for q in demo_questions() if not q["expected"]]
    title = "Demo, off-topic and unanswered questions (asks only)"
    yield title, demo_records(), demo_glossary(), unanswered, None
    faqs, queries = covidqa("en")
    relevant = [set(q["relevant"]) for q in queries]
    texts = [q["query"] for q in queries]
    yield "COVID-QA English dev half (zero-shot)", faq_records(faqs), None, texts, relevant


def demo_latency(model_path, rule):
    """Warm, in process, one question at a time, both models embedding for real."""
    ranker = ranker_for(demo_records(), live_embedder(), glossary=demo_glossary())
    live = live_embedder(model_path)
    asking = with_second_opinion(ranker, live, rule)
    questions = [q["query"] for q in demo_questions()]
    for question in questions[:10]:
        asking.rank(question)
    timings = {False: [], True: []}
    for _round in range(3):
        for question in questions:
            asked_before = asking.second_opinion.asked
            started = time.perf_counter()
            asking.rank(question)
            elapsed = time.perf_counter() - started
            timings[asking.second_opinion.asked > asked_before].append(elapsed)
    every = [1000 * t for t in timings[False] + timings[True]]
    asked_share = len(timings[True]) / len(every)
    print(
        f"\nDemo latency with the second opinion: p50 {np.percentile(every, 50):.1f} ms, "
        f"p95 {np.percentile(every, 95):.1f} ms, p99 {np.percentile(every, 99):.1f} ms "
        f"({asked_share:.2f} of {len(questions)} questions asked it, three rounds); "
        f"median {1000 * np.median(timings[False]):.1f} ms without asking it, "
        f"{1000 * np.median(timings[True]):.1f} ms asking it"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=model_folder, help="a sentence-transformers model folder")
    rule = DEFAULT_SECOND_OPINION
    parser.add_argument("--gap", type=float, default=rule.gap, help="for the latency")
    parser.add_argument("--weight", type=float, default=rule.weight)
    parser.add_argument(
        "--same-question",
        type=float,
        default=rule.same_question,
        help="not asked where the best two FAQs' questions meet at this cosine (above 1: never)",
    )
    parser.add_argument(
        "--confidence-floor",
        type=float,
        default=rule.confidence_floor,
        help="not asked below this confidence of the engine's (likely off-topic)",
    )
    arguments = parser.parse_args()
    arguments.model = arguments.model or packaged_second_model()
    rule = SecondOpinionRule(
        arguments.gap, arguments.weight, arguments.same_question, arguments.confidence_floor
    )
    torch.set_num_threads(2)
    embedder = model_embedder()
    second_model = model_embedder("second-opinion", arguments.model)
    print(f"A second opinion from {second_model.name}, {time.strftime('%Y-%m-%d')}, {rule}")
    for title, records, glossary, texts, relevant in collections():
        ranker = ranker_for(records, embedder, glossary=glossary)
        quality_by_gap(title, ranker, second_model, rule, texts, relevant)
    vectors_saved(embedder, second_model)
    demo_latency(arguments.model, rule)


if __name__ == "__main__":
    main()
