"""App servers sharing PostgreSQL and Redis, as in a scaled-out deployment.

These tests run when the suite runs on PostgreSQL (`DATABASE_URL`, as in CI's second run) and
Redis answers at FAQBASE_TEST_REDIS_URL (default redis://127.0.0.1:6379); each site gets a
database of its own on that server, and its own key prefix in Redis database 13.
"""

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from tests.support.cluster import (
    free_port,
    fresh_postgres_database,
    is_listening,
    site_environment,
    site_init,
)

POSTGRES_URL = os.environ.get("DATABASE_URL", "")
REDIS_SERVER_URL = os.environ.get("FAQBASE_TEST_REDIS_URL", "redis://127.0.0.1:6379")
REDIS_DATABASE = 13
POSTGRES_BIN = Path("/usr/lib/postgresql/15/bin")


def pytest_collection_modifyitems(items):
    for item in items:
        if Path(item.fspath).is_relative_to(Path(__file__).parent):
            item.add_marker(pytest.mark.scaleout)


@pytest.fixture(scope="session")
def postgres_server_url():
    if not POSTGRES_URL.startswith(("postgres://", "postgresql://")):
        pytest.skip("runs when the suite runs on PostgreSQL (DATABASE_URL=postgres://...)")
    if not is_listening(POSTGRES_URL):
        pytest.skip(f"PostgreSQL does not answer at {POSTGRES_URL}")
    return POSTGRES_URL


@pytest.fixture(scope="session")
def redis_url():
    if not is_listening(REDIS_SERVER_URL):
        pytest.skip(f"Redis does not answer at {REDIS_SERVER_URL}")
    return f"{REDIS_SERVER_URL}/{REDIS_DATABASE}"


@pytest.fixture(scope="session")
def demo_database(postgres_server_url, tmp_path_factory):
    """A database after `faqbase init` (the demo, its vectors, an admin), copied for each site."""
    with fresh_postgres_database(postgres_server_url) as url:
        site_init(site_environment(database_url=url, var_dir=tmp_path_factory.mktemp("init")))
        yield url


class PrivatePostgres:
    """A PostgreSQL server of the test's own, which it may stop and start at will."""

    def __init__(self):
        self.directory = Path(tempfile.mkdtemp(prefix="faqbase-postgres-"))
        self.port = free_port()
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/postgres"

    def run(self, *command):
        # initdb refuses to run as root: the server runs as the postgres account.
        prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        subprocess.run([*prefix, *command], check=True, capture_output=True)

    def initialise(self):
        if os.geteuid() == 0:
            shutil.chown(self.directory, "postgres", "postgres")
        self.run(
            POSTGRES_BIN / "initdb",
            "--pgdata", self.directory / "data", "--username", "postgres",
            "--auth", "trust", "--no-sync",
        )  # fmt: skip

    def start(self):
        options = f"-p {self.port} -k {self.directory} -c listen_addresses=127.0.0.1"
        self.run(
            POSTGRES_BIN / "pg_ctl", "--pgdata", self.directory / "data",
            "--log", self.directory / "server.log", "--options", options, "--wait", "start",
        )  # fmt: skip

    def stop(self):
        self.run(
            POSTGRES_BIN / "pg_ctl", "--pgdata", self.directory / "data",
            "--mode", "fast", "--wait", "stop",
        )  # fmt: skip

    def remove(self):
        shutil.rmtree(self.directory, ignore_errors=True)


@pytest.fixture(scope="module")
def private_postgres():
    if not (POSTGRES_BIN / "initdb").exists():
        pytest.skip(f"PostgreSQL's server programs are not in {POSTGRES_BIN}")
    server = PrivatePostgres()
    server.initialise()
    server.start()
    try:
        yield server
    finally:
        if is_listening(server.url):
            server.stop()
        server.remove()
