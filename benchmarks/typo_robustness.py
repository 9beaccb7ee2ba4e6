"""How the answer engine holds up when questions carry typing slips, with and without its speller.

    python benchmarks/typo_robustness.py [--seed 0] [--slips 2] [--sweep]
        [--without-second-opinion] [--only demo|stackfaq]

Asks the demo's questions of the demo knowledge base (with its glossary) and StackFAQ's dev
queries of its 125 FAQs (zero-shot), each as written and with `--slips` typing slips made by
`typos.py` (seeded per question). For the engine without its speller and with it (as shipped),
it prints P@1 and the precision of confident answers (the share of answers called confident
that are right; on the demo its off-topic and unanswered questions are asked too, and an
answer called confident on them counts as wrong), then the issue's goals and whether they
are met. `--sweep` adds the other ways of joining the speller's reading to the typed question.
Prints figures; asserts nothing.
"""

import argparse
import platform
import time
from dataclasses import dataclass

import numpy as np
from common import (
    benchmark_models,
    demo_accepted,
    demo_glossary,
    demo_questions,
    demo_records,
    faq_records,
    rank_all,
    ranker_for,
    stackfaq,
    vectors_saved,
    with_second_opinion,
)
from typos import slipped

from faqbase.answers.engine.ranker import NO_SPELLING, SpellingRule
from faqbase.answers.engine.tuning import DEFAULT_SPELLING

RULES = {
    "without the speller": NO_SPELLING,
    f"with the speller (shipped: {DEFAULT_SPELLING.combine}, confidence "
    f"{DEFAULT_SPELLING.confidence})": DEFAULT_SPELLING,
}
SWEEP = {
    f"speller: {combine}, confidence from {confidence}": SpellingRule(combine, confidence)
    for combine in ("max", "mean", "corrected")
    for confidence in ("combined", "raw")
}
GOALS = {"demo": 0.95, "stackfaq": 0.94}
PRECISION_GOAL = 0.97


@dataclass(frozen=True)
class Figures:
    precision_at_1: float
    precision_when_confident: float
    confident: float
    corrected: float

    def cells(self):
        return f"{self.precision_at_1:6.3f} {self.precision_when_confident:8.3f}"


def figures(ranker, queries, relevant, unanswerable):
    """P@1 over the answerable `queries`; precision of confident answers over them and the
    `unanswerable` ones (confident there is wrong)."""
    rankings = rank_all(ranker, queries + unanswerable)
    answered = rankings[: len(queries)]
    right = [
        bool(r.answers) and r.answers[0].faq.id in wanted
        for r, wanted in zip(answered, relevant, strict=True)
    ]
    confident_right = sum(r.confident and ok for r, ok in zip(answered, right, strict=True))
    confident = sum(r.confident for r in rankings)
    return Figures(
        precision_at_1=float(np.mean(right)),
        precision_when_confident=confident_right / confident if confident else float("nan"),
        confident=sum(r.confident for r in answered) / len(answered),
        corrected=float(np.mean([r.corrected_query is not None for r in rankings])),
    )


def report(name, ranker, queries, relevant, unanswerable, rules, slips, seed):
    typed = [slipped(q, slips, seed) for q in queries]
    typed_unanswerable = [slipped(q, slips, seed) for q in unanswerable]
    print(f"\n{name}: {len(queries)} questions, {len(unanswerable)} unanswerable")
    ranker.spelling = NO_SPELLING
    plain = figures(
        ranker,
        [slipped(q, 0) for q in queries],
        relevant,
        [slipped(q, 0) for q in unanswerable],
    )
    print(
        f"typed plainly (lower case, no punctuation, no slips), without the speller: "
        f"P@1 {plain.precision_at_1:.3f}, precision when confident "
        f"{plain.precision_when_confident:.3f}"
    )
    print(
        f"{'engine':<52} {'clean P@1':>9} {'prec.conf':>9} | {'slipped P@1':>11} "
        f"{'prec.conf':>9} | confident clean/slipped | corrected clean/slipped"
    )
    results = {}
    for rule_name, rule in rules.items():
        ranker.spelling = rule
        asked_before = getattr(ranker.second_opinion, "asked", 0)
        clean = figures(ranker, queries, relevant, unanswerable)
        slip = figures(ranker, typed, relevant, typed_unanswerable)
        asked = getattr(ranker.second_opinion, "asked", 0) - asked_before
        results[rule_name] = (clean, slip)
        print(
            f"{rule_name:<52} {clean.precision_at_1:>9.3f} {clean.precision_when_confident:>9.3f}"
            f" | {slip.precision_at_1:>11.3f} {slip.precision_when_confident:>9.3f} |"
            f" {clean.confident:.3f} / {slip.confident:.3f}"
            f" | {clean.corrected:.3f} / {slip.corrected:.3f}"
            f"  (second opinion asked {asked})"
        )
    ranker.spelling = DEFAULT_SPELLING
    return results


def goals_report(key, results):
    base_clean, _ = results[next(iter(RULES))]
    clean, slip = results[list(RULES)[1]]
    checks = [
        (f"P@1 with slips >= {GOALS[key]}", slip.precision_at_1 >= GOALS[key]),
        (
            f"precision when confident with slips >= {PRECISION_GOAL}",
            slip.precision_when_confident >= PRECISION_GOAL,
        ),
        (
            "clean figures do not fall (P@1 and precision when confident, against no speller)",
            clean.precision_at_1 >= base_clean.precision_at_1
            and clean.precision_when_confident >= base_clean.precision_when_confident,
        ),
    ]
    for goal, met in checks:
        print(f"  goal: {goal}: {'met' if met else 'NOT met'}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", default="0", help="the slips' seed (default 0)")
    parser.add_argument("--slips", type=int, default=2, help="slips per question (default 2)")
    parser.add_argument("--sweep", action="store_true", help="compare every way of joining")
    parser.add_argument("--without-second-opinion", action="store_true")
    parser.add_argument("--only", choices=("demo", "stackfaq"), help="one collection only")
    arguments = parser.parse_args()
    started = time.perf_counter()
    rules = RULES | (SWEEP if arguments.sweep else {})
    embedder, second_model = benchmark_models(second_opinion=not arguments.without_second_opinion)
    print(
        f"Typo robustness, {time.strftime('%Y-%m-%d')}, Python {platform.python_version()}, "
        f"{arguments.slips} slips per question, seed {arguments.seed}, "
        f"{'with' if second_model else 'without'} the second opinion"
    )

    def shipped(records, glossary=None):
        ranker = ranker_for(records, embedder, glossary=glossary)
        return with_second_opinion(ranker, second_model) if second_model else ranker

    if arguments.only in (None, "demo"):
        questions = demo_questions()
        answerable = [q for q in questions if q["expected"]]
        results = report(
            "Demo knowledge base (64 FAQs, its glossary), same-question FAQs counted right",
            shipped(demo_records(), demo_glossary()),
            [q["query"] for q in answerable],
            [demo_accepted(q) for q in answerable],
            [q["query"] for q in questions if not q["expected"]],
            rules,
            arguments.slips,
            arguments.seed,
        )
        goals_report("demo", results)
    if arguments.only in (None, "stackfaq"):
        faqs, queries = stackfaq()
        results = report(
            f"StackFAQ dev split, zero-shot ({len(faqs)} FAQs)",
            shipped(faq_records(faqs)),
            [q["query"] for q in queries],
            [set(q["relevant"]) for q in queries],
            [],
            rules,
            arguments.slips,
            arguments.seed,
        )
        goals_report("stackfaq", results)
    vectors_saved(embedder, second_model)
    print(f"\n({time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    main()
