"""Uncached FAQ page renders, in process: every FAQ page's cached copy dropped, then fetched.

    python benchmarks/render.py [--rounds 5]

Uses the site the environment names (DJANGO_SETTINGS_MODULE, DATABASE_URL, FAQBASE_VAR_DIR),
as benchmarks/load.sh sets it up. Each request goes through the whole middleware stack as a
cache miss would on a server, including storing the new copy. Prints the median and p95 (wall
clock), the median CPU time and the number of queries of one render as a JSON line for
load.sh; asserts nothing.
"""

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "faqbase.settings.dev")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from faqbase.caching.services import page_cache_forget  # noqa: E402
from faqbase.knowledge.models import FAQPage  # noqa: E402


def timed_render(client, path):
    """Wall-clock and CPU seconds of one render; CPU time is what other work on the machine
    cannot stretch."""
    page_cache_forget([path])
    started, started_cpu = time.perf_counter(), time.process_time()
    response = client.get(path)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - started_cpu
    if response.status_code != 200 or response.get("X-Page-Cache") != "miss":
        raise SystemExit(f"{path} answered {response.status_code}, not an uncached page")
    return elapsed, cpu


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    arguments = parser.parse_args()

    client = Client(HTTP_HOST="127.0.0.1")
    paths = [faq.url for faq in FAQPage.objects.live().public()]
    for path in paths:  # warm up: templates compiled, renditions made, site lookups cached
        timed_render(client, path)
    timings = [timed_render(client, path) for _ in range(arguments.rounds) for path in paths]
    durations = sorted(wall for wall, _cpu in timings)
    page_cache_forget([paths[0]])
    with CaptureQueriesContext(connection) as queries:
        client.get(paths[0])
    print(
        "RENDER_JSON "
        + json.dumps(
            {
                "renders": len(durations),
                "median_ms": round(statistics.median(durations) * 1000, 2),
                "p95_ms": round(durations[int(len(durations) * 0.95)] * 1000, 2),
                "median_cpu_ms": round(statistics.median(cpu for _wall, cpu in timings) * 1000, 2),
                "queries": len(queries),
            }
        )
    )


if __name__ == "__main__":
    main()
