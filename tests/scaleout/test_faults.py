"""Faults while serving: Redis gone, PostgreSQL restarted. The site copes and recovers alone."""

import json
import subprocess
import time
import urllib.parse

import pytest

from tests.support.cluster import (
    app_server,
    fetch,
    free_port,
    seconds_until,
    served_ask,
    server_url_with_database,
    site_environment,
)

FAQ_PATH = "/project-management/how-to-become-a-project-manager/"
QUESTION = "how do I become a project manager"
RECOVERY_SECONDS = 30


@pytest.fixture(scope="module")
def database_on_private_postgres(private_postgres, demo_database):
    """The demo database, dumped from the shared server and restored on the private one."""
    database = server_url_with_database(private_postgres.url, "faqbase")
    subprocess.run(
        ["createdb", "--host", "127.0.0.1", "--port", str(private_postgres.port),
         "--username", "postgres", "faqbase"],
        check=True,
    )  # fmt: skip
    dump = subprocess.run(
        ["pg_dump", "--format", "custom", "--dbname", demo_database],
        check=True,
        capture_output=True,
    )
    subprocess.run(
        ["pg_restore", "--no-owner", "--dbname", database], input=dump.stdout, check=True
    )
    return database


@pytest.fixture(scope="module")
def server_without_redis(database_on_private_postgres, tmp_path_factory):
    """Served with REDIS_URL naming a port where nothing listens."""
    environment = site_environment(
        database_url=database_on_private_postgres,
        redis_url=f"redis://127.0.0.1:{free_port()}/0",
        var_dir=tmp_path_factory.mktemp("site"),
    )
    with app_server(environment) as url:
        yield url


def test_with_redis_down_the_site_still_serves_pages_search_and_answers(server_without_redis):
    for _visit in range(2):  # the second visit would be a cache hit, were there a cache
        status, body = fetch(server_without_redis + FAQ_PATH)
        assert status == 200
        assert "How to become a project manager?" in body
    search = f"{server_without_redis}/search/?{urllib.parse.urlencode({'q': QUESTION})}"
    assert fetch(search)[0] == 200
    assert served_ask(server_without_redis, QUESTION)[0] == "How to become a project manager?"


def test_postgres_restart_fails_requests_cleanly_then_recovers_by_itself(
    server_without_redis, private_postgres
):
    assert fetch(server_without_redis + FAQ_PATH)[0] == 200
    private_postgres.stop()
    try:
        health_status, health = fetch(server_without_redis + "/healthz")
        assert health_status == 503
        assert json.loads(health)["database"] == "unavailable"
        page_status, page = fetch(server_without_redis + FAQ_PATH)
        assert page_status == 500
        assert "Traceback" not in page
    finally:
        private_postgres.start()
    recovered = seconds_until(
        lambda: (
            fetch(server_without_redis + FAQ_PATH)[0] == 200
            and fetch(server_without_redis + "/healthz")[0] == 200
            and served_ask(server_without_redis, QUESTION)[:1]
            == ["How to become a project manager?"]
        ),
        since=time.time(),
        timeout=RECOVERY_SECONDS,
    )
    assert recovered is not None, f"still failing {RECOVERY_SECONDS}s after PostgreSQL returned"
