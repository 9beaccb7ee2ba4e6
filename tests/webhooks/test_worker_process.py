"""The worker as a process of its own: `faqbase serve` starts one beside gunicorn and stops it
when it stops, and SIGTERM lets it finish and exit cleanly."""

import signal
import subprocess
import sys
import time

import pytest

from faqbase.operations.management.commands.serve import webhook_worker_running
from tests.support.processes import process_group

START_SECONDS = 60


@pytest.fixture
def empty_site(tmp_path, monkeypatch):
    """The worker's processes get a database of their own: an empty one, with no tables yet,
    which the worker must outlast (as it would a database restart)."""
    monkeypatch.setenv("FAQBASE_VAR_DIR", str(tmp_path))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    # Each line the worker prints reaches the test at once, not when a buffer fills.
    monkeypatch.setenv("PYTHONUNBUFFERED", "1")
    return tmp_path


def test_sigterm_stops_the_worker_cleanly(empty_site):
    command = [sys.executable, "-m", "faqbase.cli", "deliver_webhooks", "--interval", "0.2"]
    with process_group(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as worker:
        assert worker.stdout.readline().startswith(b"Sending webhook deliveries")
        time.sleep(0.5)  # a few looks at a database without the table: logged, not fatal
        assert worker.poll() is None
        worker.send_signal(signal.SIGTERM)
        assert worker.wait(timeout=10) == 0
        assert b"no such table" in worker.stderr.read()


def test_serve_runs_the_worker_only_while_it_runs(empty_site):
    with webhook_worker_running(False) as worker:
        assert worker is None
    with webhook_worker_running(True) as worker:
        deadline = time.monotonic() + START_SECONDS
        while not (empty_site / "faqbase.sqlite3").exists() and time.monotonic() < deadline:
            assert worker.poll() is None
            time.sleep(0.1)
        assert worker.args[-1] == "deliver_webhooks"
        assert worker.poll() is None
    assert worker.returncode is not None
