"""The search page's list of results, old against new, on the demo's questions.

    python benchmarks/search_list.py            # the table benchmarks/README.md reports
    python benchmarks/search_list.py --page-time-only   # only the page's time
    python benchmarks/search_list.py --page-time-only --unprepared   # any checkout

Sets up a site of its own: a temporary SQLite database under var/, migrated, the demo loaded
and its answer index built, as the test suite does; it is removed when the run ends. The
second opinion is on where its packages are installed, as the site ships.

For each question of data/demo_questions.jsonl it lists what the search page would list to an
anonymous visitor: the old list (Wagtail's full-text search over FAQs, articles and topics,
operator "or") and the new one (faqbase/search/services.py). Answerable questions are scored on
the first result (is it an FAQ that answers the question, counting FAQs that ask the same
question, data/demo_duplicates.json) and on nDCG@10 with those FAQs as relevant (gain 1 each,
everything else 0). Off-topic and unanswered questions should list little: their mean list
length and how many list no FAQ are given. The FAQ relevance floor is swept to choose it, and
the articles' floor likewise. Then one question's whole page is timed with Django's test client.
Prints figures; asserts nothing.
"""

import argparse
import math
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

TIMED_QUERY = "is PMP recognised in the UK"
FAQ_FLOORS = (0.4, 0.45, 0.5, 0.55, 0.6)
FAQ_MARGINS = (0.1, 0.15, 0.2, 1.0)
ARTICLE_FLOORS = (0.3, 0.35, 0.4, 0.45, 0.5, 0.55)


def site_set_up(var_dir, prepare_snippets=True):
    """A migrated database holding the demo, its answer index built and, unless
    `prepare_snippets` is false, its search snippets' sentences embedded."""
    os.environ["FAQBASE_VAR_DIR"] = str(var_dir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "faqbase.settings.test")
    # The page is timed many times over from one address.
    os.environ["FAQBASE_SEARCH_RATE"] = "1000000/m"
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.FAQBASE_SECOND_OPINION = True
    settings.FAQBASE_INDEX_DIR = Path(var_dir) / "answer-index"
    settings.ALLOWED_HOSTS = ["testserver"]
    call_command("migrate", verbosity=0)
    from faqbase.answers.services import answer_engine
    from faqbase.demo.services import demo_load

    demo_load()
    answer_engine.ranker()
    if prepare_snippets:  # as `faqbase init` does after loading the demo
        from faqbase.search.services import live_searchable_pages, snippet_vectors_prepare

        snippet_vectors_prepare(live_searchable_pages().specific())


def page_time(rounds=20):
    """Milliseconds of the search page for TIMED_QUERY: the first request (which may embed and
    store its results' sentences, once), then the median and p95 warm."""
    from django.test import Client

    client = Client()
    started = time.perf_counter()
    client.get("/search/", {"q": TIMED_QUERY})
    first = (time.perf_counter() - started) * 1000
    for _ in range(3):
        response = client.get("/search/", {"q": TIMED_QUERY})
        assert response.status_code == 200, response.status_code
    durations = []
    for _ in range(rounds):
        started = time.perf_counter()
        client.get("/search/", {"q": TIMED_QUERY})
        durations.append((time.perf_counter() - started) * 1000)
    durations.sort()
    return first, statistics.median(durations), durations[int(len(durations) * 0.95) - 1]


def ndcg_at_10(ranked, relevant):
    gains = [1.0 if item in relevant else 0.0 for item in ranked[:10]]
    dcg = sum(gain / math.log2(position + 2) for position, gain in enumerate(gains))
    ideal = sum(1 / math.log2(position + 2) for position in range(min(len(relevant), 10)))
    return dcg / ideal if ideal else 0.0


def old_list(query):
    """The page's list before: full text, any word, over every searched page type."""
    from faqbase.search.services import searchable_pages

    return [page.pk for page in searchable_pages(None).search(query, operator="or")]


def new_list(query, faq_floor, article_floor, faq_margin):
    from faqbase.search.services import search_list

    found = search_list(
        query, None, faq_floor=faq_floor, article_floor=article_floor, faq_margin=faq_margin
    )
    return [entry.page_id for entry in found.entries]


class Scores:
    def __init__(self, lists, questions, relevant, faq_ids, article_ids):
        answerable = [i for i, q in enumerate(questions) if q["expected"]]
        others = [i for i, q in enumerate(questions) if not q["expected"]]
        self.first = statistics.mean(
            bool(lists[i]) and lists[i][0] in relevant[i] for i in answerable
        )
        self.ndcg = statistics.mean(ndcg_at_10(lists[i], relevant[i]) for i in answerable)
        self.length = statistics.mean(len(lists[i]) for i in answerable)
        self.others_length = statistics.mean(len(lists[i]) for i in others)
        self.others_no_faq = statistics.mean(
            not any(pk in faq_ids for pk in lists[i]) for i in others
        )
        self.articles = statistics.mean(
            sum(pk in article_ids for pk in lists[i]) for i in answerable
        )
        self.others_articles = statistics.mean(
            sum(pk in article_ids for pk in lists[i]) for i in others
        )

    def row(self, name):
        return (
            f"| {name} | {self.first:.3f} | {self.ndcg:.3f} | {self.length:.1f} | "
            f"{self.others_length:.1f} | {self.others_no_faq:.2f} |"
        )


HEADER = (
    "| list | first result right | nDCG@10 | mean length (answerable) "
    "| mean length (off-topic, unanswered) | off-topic listing no FAQ |\n|---|---|---|---|---|---|"
)


def quality_report():
    from common import demo_accepted, demo_questions

    from faqbase.articles.models import ArticlePage
    from faqbase.knowledge.models import FAQPage
    from faqbase.search import services

    questions = demo_questions()
    pk_by_slug = dict(FAQPage.objects.values_list("slug", "pk"))
    relevant = [
        {pk_by_slug[slug] for slug in demo_accepted(q)} if q["expected"] else set()
        for q in questions
    ]
    faq_ids = set(pk_by_slug.values())
    article_ids = set(ArticlePage.objects.values_list("pk", flat=True))
    answerable = sum(bool(q["expected"]) for q in questions)
    print(
        f"Demo knowledge base: {len(faq_ids)} FAQs, {len(article_ids)} articles and webinars; "
        f"{answerable} answerable questions, {len(questions) - answerable} off-topic or "
        "unanswered\n"
    )

    def scored(lists):
        return Scores(lists, questions, relevant, faq_ids, article_ids)

    shipped = (services.FAQ_FLOOR, services.ARTICLE_FLOOR, services.FAQ_MARGIN)
    print(HEADER)
    print(scored([old_list(q["query"]) for q in questions]).row('old: full text, "or"'))
    lists = [new_list(q["query"], *shipped) for q in questions]
    print(
        scored(lists).row(
            f"new (FAQ floor {shipped[0]}, within {shipped[2]} of the best; "
            f"article floor {shipped[1]})"
        )
    )

    print(
        "\nChoosing the FAQ floor and margin (an FAQ is listed when it scores at least the "
        "floor and within the margin of the best FAQ; margin 1.0 is no margin):\n"
    )
    print(HEADER)
    for floor in FAQ_FLOORS:
        for margin in FAQ_MARGINS:
            lists = [new_list(q["query"], floor, services.ARTICLE_FLOOR, margin) for q in questions]
            print(scored(lists).row(f"FAQ floor {floor}, margin {margin}"))

    print(
        f"\nChoosing the articles' floor (FAQ floor {shipped[0]}, margin {shipped[2]}): "
        "articles listed per question\n"
    )
    print("| article floor | answerable | off-topic, unanswered |\n|---|---|---|")
    for floor in ARTICLE_FLOORS:
        lists = [new_list(q["query"], shipped[0], floor, shipped[2]) for q in questions]
        scores = scored(lists)
        print(f"| {floor} | {scores.articles:.2f} | {scores.others_articles:.2f} |")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--page-time-only",
        action="store_true",
        help="only time the search page (works on a checkout from before the new list, with "
        "--unprepared)",
    )
    parser.add_argument(
        "--unprepared",
        action="store_true",
        help="leave the snippets' sentences to the first search, as before faqbase init "
        "prepared them",
    )
    arguments = parser.parse_args()
    var_root = ROOT / "var"
    var_root.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="search-list-", dir=var_root) as var_dir:
        print(f"Setting up the demo site in {var_dir} ...", flush=True)
        site_set_up(var_dir, prepare_snippets=not arguments.unprepared)
        print(f"{platform.python_version()}, {os.cpu_count()} cores\n")
        if not arguments.page_time_only:
            quality_report()
        first, median, p95 = page_time()
        print(
            f"\nSearch page for {TIMED_QUERY!r}: first request {first:.0f} ms; "
            f"then warm, median {median:.1f} ms, p95 {p95:.1f} ms"
        )


if __name__ == "__main__":
    main()
