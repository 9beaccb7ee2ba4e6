"""Warm, in-process latency of one question, at the demo's size and with 100,000 FAQs.

    python benchmarks/ask_latency.py [--faqs 100000] [--demo-only] [--slips 2]
        [--second-opinion PATH | --without-second-opinion]

The large collection is generated from word lists (seeded, so the same every run); its
vectors and its token file are kept in var/benchmarks/ after the first run, which embeds them
(slow). As the site does, the engine asks all-mpnet-base-v2 on close calls; with
--second-opinion it asks that sentence-transformers model folder instead (as with
FAQBASE_SECOND_OPINION_MODEL_PATH), with --without-second-opinion nothing (as with
FAQBASE_SECOND_OPINION=off).
With --slips N the demo's questions are asked with N typing slips each (benchmarks/typos.py),
and the demo is also timed without the speller, and the speller alone, to show what the
correction costs. --demo-only leaves out the large collection.
Prints p50/p95 and the process's peak memory; asserts nothing.
"""

import argparse
import gc
import itertools
import platform
import random
import resource
import statistics
import time
from pathlib import Path

import torch
from common import (
    CACHE_DIR,
    demo_glossary,
    demo_questions,
    demo_records,
    live_embedder,
    model_embedder,
    model_folder,
    packaged_second_model,
    ranker_for,
    with_second_opinion,
)
from typos import slipped

from faqbase.answers.engine import FAQRecord
from faqbase.answers.engine.memory import freed_memory_released
from faqbase.answers.engine.ranker import NO_SPELLING
from faqbase.answers.engine.tokens import (
    PassageTokens,
    passage_text,
    passage_tokens_build,
    tokens_file_key,
)
from faqbase.answers.engine.tuning import DEFAULT_WEIGHTS

WARM_UP = 20
SUBJECTS = [
    "my account",
    "a shared calendar",
    "the mobile app",
    "two-factor login",
    "an invoice",
    "a team workspace",
    "the export file",
    "a saved search",
    "email alerts",
    "the API key",
    "a project board",
    "my subscription",
    "the audit log",
    "a guest user",
    "the data backup",
    "a custom field",
    "the dark theme",
    "an archived report",
    "the billing address",
    "a webhook",
    "a recurring task",
    "the team chat",
    "a signed document",
]
ACTIONS = [
    "reset",
    "delete",
    "share",
    "rename",
    "restore",
    "export",
    "import",
    "merge",
    "lock",
    "move",
    "copy",
    "hide",
    "pin",
    "sync",
    "schedule",
    "approve",
    "translate",
    "print",
    "duplicate",
    "verify",
    "unsubscribe from",
    "transfer",
    "limit",
    "audit",
    "recover",
]
CONTEXTS = [
    "on a phone",
    "for a whole team",
    "without losing data",
    "after a password change",
    "in the web version",
    "from the command line",
    "for a former employee",
    "in bulk",
    "on a shared device",
    "before the trial ends",
    "with read-only access",
    "offline",
    "across two accounts",
    "for an external client",
    "during a migration",
    "automatically",
    "on a Chromebook",
    "in the admin panel",
    "with a screen reader",
    "every Monday",
    "from a spreadsheet",
    "for a single project",
    "without admin rights",
    "after an outage",
    "in another language",
    "on a tablet",
    "for audit purposes",
    "at the end of the year",
    "using an integration",
    "with a personal email",
    "for a charity account",
    "in the EU region",
    "behind a proxy",
    "for a suspended user",
    "from a backup",
    "in a sandbox",
    "on Linux",
    "for more than one site",
    "after a merger",
    "with a trial licence",
    "for a new starter",
    "from the old version",
    "when the sync fails",
    "via the help desk",
    "for a partner",
    "in a private channel",
    "for compliance",
    "in the new editor",
    "for a read-only board",
    "after deleting it by mistake",
    "for an archived project",
    "on a kiosk",
    "overnight",
    "in a regulated industry",
    "for students",
    "with a hardware key",
    "for a sub-account",
    "when the app crashes",
    "for a large file",
    "for visitors",
    "with single sign-on",
    "across time zones",
    "for contractors",
    "on the free plan",
    "without a receipt",
    "in dark mode",
    "with low bandwidth",
    "when travelling",
    "for my manager",
    "as an admin",
    "for the finance team",
    "in the shared drive",
    "for the marketing team",
    "today",
    "for the last quarter",
    "with keyboard shortcuts",
    "on Windows",
    "on macOS",
    "via email",
    "through the browser extension",
    "for a nonprofit",
    "for a school",
    "for a hospital",
    "with a VPN",
    "from a template",
    "by date",
    "by owner",
    "by label",
    "securely",
    "quickly",
    "step by step",
    "for the first time",
    "again",
    "for everyone",
    "for nobody else",
    "for a test",
    "in production",
    "for a demo",
    "for a client review",
    "for legal hold",
    "for a retention policy",
    "for GDPR requests",
    "for accessibility",
    "for a workshop",
    "for a volunteer",
    "for a freelancer",
    "for a supplier",
    "for a customer",
    "for an auditor",
    "for a board meeting",
    "for a holiday cover",
    "for a long absence",
    "for a new office",
    "for a pop-up shop",
    "for a remote team",
    "for a hybrid team",
    "for the night shift",
    "for the weekend rota",
    "for a seasonal worker",
    "for an intern",
    "for an apprentice",
    "for a trainee",
    "for the helpdesk",
    "for IT support",
    "for HR",
    "for payroll",
    "for procurement",
    "for facilities",
    "for the warehouse",
    "for the shop floor",
    "for the call centre",
    "for field engineers",
    "for drivers",
    "for sales",
    "for legal",
    "for research",
    "for a lab",
    "for a studio",
    "for a newsroom",
    "for a council",
    "for a club",
    "for a church",
    "for a family",
    "for a flat share",
    "for a landlord",
    "for a tenant",
    "for a parent",
    "for a carer",
    "for a coach",
    "for a tutor",
    "for an examiner",
    "for a moderator",
    "for a translator",
    "for a designer",
    "for a developer",
    "for a tester",
    "for an analyst",
    "for a manager",
    "for a director",
    "for a trustee",
    "for a governor",
    "for a steward",
    "for a referee",
    "for a judge",
    "for a clerk",
    "for a cashier",
    "for a chef",
    "for a waiter",
    "for a porter",
    "for a cleaner",
    "for a gardener",
    "for a builder",
    "for a plumber",
    "for an electrician",
    "for a mechanic",
    "for a pilot",
    "for a sailor",
    "for a nurse",
    "for a doctor",
    "for a vet",
    "for a pharmacist",
    "for a dentist",
    "for a midwife",
    "for a paramedic",
    "for a firefighter",
    "for a police officer",
    "for a soldier",
    "for a diplomat",
]


def synthetic_faqs(count):
    """`count` distinct, plausible help-centre questions with short answers."""
    combinations = itertools.product(ACTIONS, SUBJECTS, CONTEXTS)
    faqs = []
    for number, (action, subject, context) in enumerate(itertools.islice(combinations, count)):
        question = f"How do I {action} {subject} {context}?"
        answer = (
            f"To {action} {subject} {context}, open the settings for {subject} and choose {action}."
        )
        faqs.append(FAQRecord(id=f"s{number}", question=question, answer=answer))
    if len(faqs) < count:
        raise SystemExit(f"the word lists make only {len(faqs)} questions")
    return faqs


def token_file(faqs, embedder):
    """As the site does: the passages' token vectors in a memory-mapped file, kept between runs."""
    key = tokens_file_key(embedder.name, [passage_text(faq) for faq in faqs])
    tokens = PassageTokens.opened(CACHE_DIR, key)
    if tokens is None:
        tokens, _computed = passage_tokens_build(faqs, embedder, show_progress=True)
        tokens = tokens.memory_mapped(CACHE_DIR, key)
    return tokens


def asking_second_opinion(ranker, model_path):
    """`ranker` asking the model at `model_path` on close calls; itself without one."""
    if model_path is None:
        return ranker
    cache = model_embedder("latency-second-opinion", model_path)
    ranker = with_second_opinion(ranker, cache)
    cache.save()
    # Questions are embedded live, never from the cache.
    ranker.second_opinion.ranker.embedder = live_embedder(model_path)
    return ranker


def latency_summary(ranker, questions, rounds):
    for question in questions[:WARM_UP]:
        ranker.rank(question)
    asked_before = ranker.second_opinion.asked if ranker.second_opinion else 0
    timings = []
    for question in itertools.islice(itertools.cycle(questions), rounds):
        started = time.perf_counter()
        ranker.rank(question)
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    p50, p95 = statistics.median(timings), timings[int(len(timings) * 0.95) - 1]
    summary = f"p50 {p50:6.1f} ms   p95 {p95:6.1f} ms"
    if ranker.second_opinion:
        asked = ranker.second_opinion.asked - asked_before
        summary += f"   (the second model asked on {asked} of {rounds})"
    return summary


def speller_report(ranker, questions, rounds):
    """The demo with and without the speller, each question asked both ways in turn so that
    other work on the machine weighs on both alike; then the speller's own time."""
    corrected = sum(ranker.corrected_query(q) is not None for q in questions) / len(questions)
    spelling = ranker.spelling
    timings = {spelling: [], NO_SPELLING: []}
    for question in itertools.islice(itertools.cycle(questions), rounds):
        for rule in timings:
            ranker.spelling = rule
            started = time.perf_counter()
            ranker.rank(question)
            timings[rule].append((time.perf_counter() - started) * 1000)
    ranker.spelling = spelling
    for rule, name in ((spelling, "with the speller"), (NO_SPELLING, "without it")):
        found = sorted(timings[rule])
        p50, p95 = statistics.median(found), found[int(len(found) * 0.95) - 1]
        print(f"  interleaved, {name:<17} p50 {p50:6.1f} ms   p95 {p95:6.1f} ms")
    started = time.perf_counter()
    for question in questions:
        ranker.corrected_query(question)
    each = (time.perf_counter() - started) / len(questions) * 1e6
    print(f"  the speller alone: {each:.0f} µs a question ({corrected:.0%} of them corrected)")


def peak_memory_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def resident_memory_mb(field="VmRSS"):
    status = Path("/proc/self/status").read_text()
    return int(status.split(f"{field}:")[1].split()[0]) / 1024


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--faqs", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=500)
    second_opinion = parser.add_mutually_exclusive_group()
    second_opinion.add_argument(
        "--second-opinion", type=model_folder, help="a sentence-transformers model folder"
    )
    second_opinion.add_argument("--without-second-opinion", action="store_true")
    parser.add_argument("--demo-only", action="store_true", help="leave out the large collection")
    parser.add_argument("--slips", type=int, default=0, help="typing slips per demo question")
    arguments = parser.parse_args()
    if not (arguments.second_opinion or arguments.without_second_opinion):
        arguments.second_opinion = packaged_second_model()
    questions = [slipped(q["query"], arguments.slips) for q in demo_questions()]
    if not arguments.slips:
        questions = [q["query"] for q in demo_questions()]
    random.Random(0).shuffle(questions)
    print(
        f"Ask latency, {time.strftime('%Y-%m-%d')}, Python {platform.python_version()}, "
        f"torch {torch.__version__} with {torch.get_num_threads()} threads, "
        f"second opinion: {arguments.second_opinion or 'none'}"
    )
    cache = model_embedder("latency")
    demo = ranker_for(demo_records(), cache, glossary=demo_glossary())
    demo.embedder = live_embedder()  # questions are embedded live, never from the cache
    demo = asking_second_opinion(demo, arguments.second_opinion)
    summary = latency_summary(demo, questions, arguments.rounds)
    print(f"demo knowledge base ({len(demo.index)} FAQs):  {summary}")
    if arguments.slips:
        speller_report(demo, questions, arguments.rounds)
    if arguments.demo_only:
        return

    started = time.perf_counter()
    large_faqs = synthetic_faqs(arguments.faqs)
    large = ranker_for(
        large_faqs, cache, with_answers=DEFAULT_WEIGHTS.answer > 0, with_tokens=False
    )
    large.index.passage_tokens = token_file(large_faqs, cache)
    cache.save()
    large.embedder = live_embedder()
    large = asking_second_opinion(large, arguments.second_opinion)
    del cache, large_faqs  # what a serving process would not hold
    gc.collect()
    freed_memory_released()  # as the site does after each build of its index
    print(f"built the {arguments.faqs:,}-FAQ index in {time.perf_counter() - started:.0f} s")
    summary = latency_summary(large, questions, arguments.rounds)
    print(f"synthetic ({len(large.index):,} FAQs):     {summary}")
    print(
        f"process memory with the model and both indexes: {resident_memory_mb():,.0f} MB "
        f"resident, {peak_memory_mb():,.0f} MB at the peak"
    )
    # Pages of the memory-mapped token file count as resident once read, but they are the
    # kernel's page cache: shared by every process mapping the file, and dropped under pressure.
    print(
        f"  of which the process's own memory {resident_memory_mb('RssAnon'):,.0f} MB, "
        f"pages of mapped files {resident_memory_mb('RssFile'):,.0f} MB"
    )


if __name__ == "__main__":
    main()
