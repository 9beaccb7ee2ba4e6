"""Would fine-tuning MiniLM on a knowledge base's own phrasings help? Measures it, nothing more.

    python benchmarks/adaptation.py [--seeds 3] [--epochs 3]

For each collection, a fresh copy of the model is trained with in-batch negatives on the
(alternative phrasing, question) pairs the editors wrote, then the held-out questions are
ranked with the engine's weights and calibration. Collections: StackFAQ protocol 2 (half of
each FAQ's dev rephrasings as phrasings) and the demo knowledge base. The engine does not
adapt its model; this benchmark records why (see docs/answer-engine.md, "Tried and dropped").
Prints figures; asserts nothing.
"""

import argparse
import random
import time

import numpy as np
import torch
from common import (
    demo_accepted,
    demo_questions,
    demo_records,
    faq_records,
    model_embedder,
    rank_all,
    ranker_for,
    split_rephrasings,
    stackfaq,
)

from faqbase.answers.engine.embedder import SentenceTransformerEmbedder

BATCH_SIZE = 32
LEARNING_RATE = 3e-5


def phrasing_pairs(records):
    return [(phrasing, record.question) for record in records for phrasing in record.phrasings]


def adapted_embedder(records, epochs, seed):
    """A new copy of the model, fine-tuned on the collection's phrasings."""
    from sentence_transformers.losses import MultipleNegativesRankingLoss

    random.seed(seed)
    torch.manual_seed(seed)
    embedder = SentenceTransformerEmbedder()
    model = embedder.model
    loss = MultipleNegativesRankingLoss(model)
    optimiser = torch.optim.AdamW(model.parameters(), lr=LEARNING_RATE)
    pairs = phrasing_pairs(records)
    model.train()
    for _epoch in range(epochs):
        random.shuffle(pairs)
        for start in range(0, len(pairs), BATCH_SIZE):
            batch = pairs[start : start + BATCH_SIZE]
            anchors = model.preprocess([phrasing for phrasing, _question in batch])
            positives = model.preprocess([question for _phrasing, question in batch])
            optimiser.zero_grad()
            loss([anchors, positives], None).backward()
            optimiser.step()
    model.eval()
    return embedder


def figures(records, questions, embedder):
    """P@1 (each question's set of right FAQs), confident share and right-when-confident."""
    rankings = rank_all(ranker_for(records, embedder, with_answers=False), list(questions))
    right = [
        ranking.answers[0].faq.id in relevant
        for ranking, relevant in zip(rankings, questions.values(), strict=True)
    ]
    confident = [ranking.confident for ranking in rankings]
    right_when_confident = [r for r, c in zip(right, confident, strict=True) if c]
    return np.mean(right), np.mean(confident), np.mean(right_when_confident or [0.0])


def abstention(records, questions, embedder):
    rankings = rank_all(ranker_for(records, embedder, with_answers=False), questions)
    return np.mean([not ranking.confident for ranking in rankings])


def collections():
    faqs, queries = stackfaq()
    phrasings, held_out = split_rephrasings(queries)
    yield (
        "StackFAQ, protocol 2",
        faq_records(faqs, phrasings),
        {query["query"]: set(query["relevant"]) for query in held_out},
        [],
    )
    demo = demo_questions()
    yield (
        "demo, counting FAQs that ask the same question",
        demo_records(),
        {q["query"]: demo_accepted(q) for q in demo if q["expected"]},
        [q["query"] for q in demo if q["kind"] == "off_topic"],
    )


def row(name, p_at_1, confident, right_when_confident, abstains):
    abstains = f"{abstains:9.3f}" if abstains is not None else "        -"
    print(f"{name:<28} {p_at_1:6.3f} {confident:10.3f} {right_when_confident:10.3f} {abstains}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=3)
    parser.add_argument("--epochs", type=int, default=3)
    arguments = parser.parse_args()
    torch.set_num_threads(2)
    base = model_embedder()
    print(f"Adapting the model to a collection's phrasings, {time.strftime('%Y-%m-%d')}")
    for title, records, questions, off_topic in collections():
        print(f"\n{title}: {len(phrasing_pairs(records))} training pairs, {len(questions)} queries")
        print(f"{'model':<28} {'P@1':>6} {'confident':>10} {'right|conf':>10} {'abstains':>9}")
        abstains = abstention(records, off_topic, base) if off_topic else None
        row("as shipped", *figures(records, questions, base), abstains)
        for seed in range(arguments.seeds):
            started = time.perf_counter()
            adapted = adapted_embedder(records, arguments.epochs, seed)
            abstains = abstention(records, off_topic, adapted) if off_topic else None
            row(
                f"adapted, seed {seed} ({time.perf_counter() - started:.0f} s)",
                *figures(records, questions, adapted),
                abstains,
            )
    base.save()


if __name__ == "__main__":
    main()
