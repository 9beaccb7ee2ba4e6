"""Seconds from an editor's publish until every app server, and `faqbase ask`, give the new text.

    python benchmarks/propagation.py [--trials 5] [--postgres URL] [--redis URL]

Fills a fresh PostgreSQL database with `faqbase init`, starts two app servers on it sharing
Redis (`faqbase serve` with two workers, and with one), then publishes an edited FAQ from a
third process, as an editor's request would, several times. For each trial it prints how long
the publish itself took and, counted from the moment it returned, when each server first
served the new page text and the new /api/ask answer; then how long a `faqbase ask` started
after that took to print the new answer. Prints the median and maximum of each; asserts
nothing.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.support.cluster import (  # noqa: E402
    app_server,
    cli_ask,
    faq_publish_edit,
    fetch,
    fresh_postgres_database,
    seconds_until_each,
    served_ask,
    site_environment,
    site_init,
)

EDITED_SLUG = "what-is-the-difference-between-a-pmo-and-a-project-manager"
PAGE_PATH = f"/project-management/{EDITED_SLUG}/"
GOAL_SECONDS = 2.0
PATIENCE_SECONDS = 60.0
SUBJECTS = ["garden shed", "rowing boat", "bird table", "tree house", "bike shelter", "log store"]


def trial_texts(number):
    subject = SUBJECTS[number % len(SUBJECTS)]
    question = f"Which timber should a project manager choose for a {subject} (trial {number})?"
    return question, f"For the {subject}, pressure-treated softwood (trial {number})."


def one_trial(environment, servers, number):
    question, answer = trial_texts(number)
    _path, started_at, published_at = faq_publish_edit(
        environment, slug=EDITED_SLUG, question=question, answer=answer
    )
    conditions = {}
    for name, server in servers.items():
        conditions[f"{name} page"] = lambda server=server: answer in fetch(server + PAGE_PATH)[1]
        conditions[f"{name} ask"] = lambda server=server: (
            served_ask(server, question)[:1] == [question]
        )
    delays = seconds_until_each(conditions, since=published_at, timeout=PATIENCE_SECONDS)
    # Started once the servers are measured: its start-up would slow theirs on a small machine.
    cli_started = time.time()
    cli_answer = cli_ask(environment, question)[:1]
    return {
        "publish itself": published_at - started_at,
        **delays,
        "faqbase ask": time.time() - cli_started if cli_answer == [question] else None,
    }


# Timed for context, not against the goal: a new `faqbase ask` process answers from the
# database as it stands when it starts.
NOT_A_PROPAGATION_DELAY = {"publish itself": "", "faqbase ask": "(its whole run, see below)"}


def trial_line(trial):
    return ", ".join(f"{name} {seconds_text(seconds)}" for name, seconds in trial.items())


def seconds_text(seconds):
    return "late" if seconds is None else f"{seconds:.2f}s"


def report(trials):
    print(f"\n{'':<22}{'median':>8}{'max':>8}   goal <= {GOAL_SECONDS:.0f} s")
    for name in trials[0]:
        figures = [trial[name] for trial in trials]
        if any(seconds is None for seconds in figures):
            print(f"{name:<22}  not served within {PATIENCE_SECONDS:.0f} s in some trials")
            continue
        verdict = "met" if max(figures) <= GOAL_SECONDS else "not met"
        verdict = NOT_A_PROPAGATION_DELAY.get(name, verdict)
        print(f"{name:<22}{statistics.median(figures):>7.2f}s{max(figures):>7.2f}s   {verdict}")
    print(
        "\n`faqbase ask` reads the database when it starts, so it never answers from an old "
        "index; its figure is its whole run: starting Python, loading the model, building the "
        "index and answering."
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--trials", type=int, default=5)
    parser.add_argument(
        "--postgres",
        default=os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres"),
        help="a PostgreSQL server on which a database may be created (and dropped)",
    )
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/13")
    parser.add_argument("--server-logs", type=Path, help="a folder for the app servers' logs")
    arguments = parser.parse_args()
    if not arguments.postgres.startswith(("postgres://", "postgresql://")):
        parser.error("--postgres (or DATABASE_URL) must be a postgres:// address")

    with (
        tempfile.TemporaryDirectory() as var_dir,
        fresh_postgres_database(arguments.postgres) as database,
    ):
        environment = site_environment(
            database_url=database, redis_url=arguments.redis, var_dir=var_dir
        )
        print("faqbase init (the demo knowledge base) ...", flush=True)
        site_init(environment)
        logs = arguments.server_logs
        with (
            app_server(environment, workers=2, log_path=logs and logs / "server-1.log") as first,
            app_server(environment, log_path=logs and logs / "server-2.log") as second,
        ):
            servers = {"server 1 (2 workers)": first, "server 2 (1 worker)": second}
            trials = []
            for number in range(1, arguments.trials + 1):
                trial = one_trial(environment, servers, number)
                print(f"trial {number}: {trial_line(trial)}", flush=True)
                trials.append(trial)
        report(trials)


if __name__ == "__main__":
    main()
