"""A knowledge base of generated FAQs built by the CSV importer, on a fresh site of its own.

    python benchmarks/scale.py [--faqs 10000] [--topics 100] [--profile 25]

Writes a seeded CSV of generated questions and answers, imports it into a new SQLite site in a
temporary folder (dev settings), then embeds every FAQ for the answer engine, and prints the
time of each step and FAQs a second; with --profile, the functions the import spent most time
in. Asserts nothing.
"""

import argparse
import cProfile
import csv
import os
import pstats
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "faqbase.settings.dev")
os.environ.setdefault("FAQBASE_VAR_DIR", tempfile.mkdtemp(prefix="faqbase-scale-"))

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

from faqbase.answers.services import answer_index_build  # noqa: E402
from faqbase.base.services import home_page_ensure  # noqa: E402
from faqbase.importexport.planning import import_plan  # noqa: E402
from faqbase.importexport.writing import import_apply  # noqa: E402

SUBJECTS = [
    "a risk register",
    "a stakeholder map",
    "the project board",
    "a lessons log",
    "a Gantt chart",
    "the business case",
    "a RACI matrix",
    "the critical path",
    "a change request",
    "earned value",
    "a sprint review",
    "a product backlog",
    "the project brief",
    "a benefits review",
    "an issue log",
    "a work breakdown structure",
    "a quality plan",
    "the exception report",
]
ACTIONS = [
    "keep up to date",
    "present to a sponsor",
    "set up on a small project",
    "review each week",
    "hand over at closure",
    "explain to a new team member",
    "use in a public sector project",
    "adapt for an agile team",
    "check before a stage boundary",
    "store for an audit",
]
SECTORS = [
    "construction",
    "IT",
    "the NHS",
    "local government",
    "charities",
    "engineering",
    "retail",
    "finance",
    "education",
    "defence",
]


def generated_rows(count, topics, seed=7):
    """Distinct questions: subject × action × sector × a number, which the answer repeats."""
    chooser = random.Random(seed)
    for n in range(count):
        subject, action, sector = (chooser.choice(words) for words in (SUBJECTS, ACTIONS, SECTORS))
        question = f"How do I {action} {subject} in {sector} (case {n})?"
        answer = (
            f"For {subject} in {sector}, agree who owns it, {action} on a fixed rhythm and "
            f"record each decision. Case {n} shows the usual pattern."
        )
        yield [question, answer, f"Topic {n % topics + 1}", sector, ""]


def sheet_written(path, count, topics):
    with path.open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(["question", "answer", "topic", "tags", "phrasings"])
        writer.writerows(generated_rows(count, topics))
    return path


def timed(label, step, timings):
    started = time.perf_counter()
    result = step()
    timings[label] = time.perf_counter() - started
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--faqs", type=int, default=10_000)
    parser.add_argument("--topics", type=int, default=100)
    parser.add_argument("--profile", type=int, default=0, help="show this many functions")
    arguments = parser.parse_args()

    call_command("migrate", verbosity=0)
    home_page_ensure(title="Scale test", intro="")
    source = sheet_written(
        Path(os.environ["FAQBASE_VAR_DIR"]) / "faqs.csv", arguments.faqs, arguments.topics
    )
    timings = {}
    profiler = cProfile.Profile() if arguments.profile else None
    if profiler:
        profiler.enable()
    plan = timed("check and preview", lambda: import_plan(path=source, user=None), timings)
    timed("write pages", lambda: import_apply(plan=plan), timings)
    if profiler:
        profiler.disable()
    timed("embed for the answer engine", answer_index_build, timings)

    total = sum(timings.values())
    print(f"{arguments.faqs} FAQs in {arguments.topics} topics ({plan.summary()})")
    for label, seconds in timings.items():
        print(f"  {label:<30} {seconds:8.1f} s   {arguments.faqs / seconds:8.1f} FAQs/s")
    print(f"  {'all':<30} {total:8.1f} s   {arguments.faqs / total:8.1f} FAQs/s (goal >= 50)")
    if profiler:
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(arguments.profile)


if __name__ == "__main__":
    main()
