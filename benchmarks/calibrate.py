"""Fit the confidence model and choose its threshold from data; prints the values for tuning.py.

Labelled examples: every StackFAQ dev query (protocols 1 and 2, and protocol 1 again with two
typing slips in each query, seeded apart from the slips the benchmarks report), labelled by
whether the engine's top FAQ is right, plus the off-topic questions of
data/off_topic_calibration.txt asked of both StackFAQ and the demo knowledge base, labelled
wrong (nothing can answer them). Fitted on clean questions alone, the confidence trusted a
slipped question's near miss as much as a clean match (benchmarks/README.md, "Calibration").
Features: the top FAQ's fused score before the token rerank, and its lead over the best other
FAQ's (negative when the rerank promoted it); see Ranker._confidence_features.
The threshold is the lowest probability at which at least TARGET_PRECISION of the confident
answers are right: a wrong "best answer" misleads a visitor more than a list of close matches does.
The demo's own question set is not used here, so it stays a fair test.

    python benchmarks/calibrate.py                    # fit; prints the values for tuning.py
    python benchmarks/calibrate.py --leave-one-out    # a threshold per collection, measured

--leave-one-out measures an alternative that was not adopted (docs/answer-engine.md,
"Confidence"): a threshold each collection computes for itself at index time, asking each
FAQ's own question with that FAQ hidden and raising the threshold until at most 5 % of those
questions, whose answer is missing, would be answered confidently (the off-topic goal).
"""

import argparse

import numpy as np
from common import (
    covidqa,
    demo_accepted,
    demo_glossary,
    demo_questions,
    demo_records,
    faq_records,
    model_embedder,
    off_topic_calibration,
    rank_all,
    ranker_for,
    split_rephrasings,
    stackfaq,
)
from sklearn.linear_model import LogisticRegression
from typos import slipped

from faqbase.answers.engine.tuning import DEFAULT_CALIBRATION

TARGET_PRECISION = 0.97
# Not the seed the benchmarks report slips with (0), so that they do not score the fit's own
# examples.
SLIP_SEED = "calibration"


def features(rankings):
    return np.array([r.confidence_features for r in rankings])


def labelled_examples(embedder):
    faqs, queries = stackfaq()
    phrasings, held_out = split_rephrasings(queries)
    rows, labels = [], []
    slipped_queries = [
        {**q, "query": slipped(q["query"], slips=2, seed=SLIP_SEED)} for q in queries
    ]
    for records, asked in (
        (faq_records(faqs), queries),
        (faq_records(faqs, phrasings), held_out),
        (faq_records(faqs), slipped_queries),
    ):
        rankings = rank_all(ranker_for(records, embedder), [q["query"] for q in asked])
        rows.append(features(rankings))
        labels += [
            r.answers[0].faq.id in q["relevant"] for r, q in zip(rankings, asked, strict=True)
        ]
    off_topic = off_topic_calibration()
    for records, glossary in ((faq_records(faqs), None), (demo_records(), demo_glossary())):
        ranker = ranker_for(records, embedder, glossary=glossary)
        rows.append(features(rank_all(ranker, off_topic)))
        labels += [False] * len(off_topic)
    return np.vstack(rows), np.array(labels)


def fit(embedder):
    x, y = labelled_examples(embedder)
    model = LogisticRegression(C=10.0).fit(x, y)
    probability = model.predict_proba(x)[:, 1]
    threshold = 0.5
    for candidate in np.arange(0.05, 1.0, 0.01):
        confident = probability >= candidate
        if confident.any() and y[confident].mean() >= TARGET_PRECISION:
            threshold = float(candidate)
            break
    confident = probability >= threshold
    (top_weight, margin_weight), bias = model.coef_[0], model.intercept_[0]
    print(f"{len(y)} labelled examples, {y.mean():.3f} of them right")
    print(
        f"Calibration(top_weight={top_weight:.2f}, margin_weight={margin_weight:.2f}, "
        f"bias={bias:.2f}, threshold={threshold:.2f})"
    )
    print(
        f"at that threshold: {confident.mean():.3f} confident, "
        f"precision {y[confident].mean():.3f}, recall of right answers {confident[y].mean():.3f}"
    )


# Questions whose FAQ is missing that may still be answered confidently.
MISSING_ANSWERED = 0.05


def leave_one_out_threshold(ranker, calibration=DEFAULT_CALIBRATION):
    """The shipped threshold, or higher where the collection's own questions, each asked with
    its FAQ hidden, would be answered confidently more than MISSING_ANSWERED of the time."""
    faqs = ranker.index.faqs
    questions = [faq.question for faq in faqs]
    probabilities = []
    for faq, question, embedding in zip(
        faqs, questions, ranker.embed_queries(questions), strict=True
    ):
        ranking = ranker.rank_every(question, query_embedding=embedding)
        rest = sorted(
            (
                score
                for answer, score in zip(ranking.answers, ranking.base_scores, strict=True)
                if answer.faq.id != faq.id
            ),
            reverse=True,
        )
        if len(rest) >= 2:
            probabilities.append(calibration.probability(rest[0], rest[0] - rest[1]))
    missing = float(np.quantile(probabilities, 1 - MISSING_ANSWERED))
    return max(calibration.threshold, missing)


def leave_one_out_report(embedder):
    answerable = [q for q in demo_questions() if q["expected"]]
    faqs, queries = stackfaq()
    covid_faqs, covid_queries = covidqa("en")
    collections = (
        ("StackFAQ dev", ranker_for(faq_records(faqs), embedder), queries),
        ("demo", ranker_for(demo_records(), embedder, glossary=demo_glossary()), answerable),
        ("COVID-QA English dev", ranker_for(faq_records(covid_faqs), embedder), covid_queries),
    )
    print("collection: threshold; precision when confident / confident on answerable questions")
    for name, ranker, asked in collections:
        relevant = [set(q.get("relevant") or demo_accepted(q)) for q in asked]
        rankings = rank_all(ranker, [q["query"] for q in asked], limit=5)
        right = np.array(
            [r.answers[0].faq.id in want for r, want in zip(rankings, relevant, strict=True)]
        )
        probability = np.array([r.confidence for r in rankings])
        cells = []
        for label, threshold in (
            ("shipped", DEFAULT_CALIBRATION.threshold),
            ("leave-one-out", leave_one_out_threshold(ranker)),
        ):
            confident = probability >= threshold
            cells.append(
                f"{label} {threshold:.3f}: {right[confident].mean():.3f} / {confident.mean():.3f}"
            )
        print(f"{name}: " + "; ".join(cells))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--leave-one-out", action="store_true", help="see the docstring")
    arguments = parser.parse_args()
    embedder = model_embedder()
    if arguments.leave_one_out:
        leave_one_out_report(embedder)
    else:
        fit(embedder)
    embedder.save()


if __name__ == "__main__":
    main()
