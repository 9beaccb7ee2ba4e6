"""The harness stops what the tests start, and finds what they leave running."""

import os
import subprocess
import time
import uuid

from .processes import RUN_VARIABLE, leftovers_stopped, process_group, processes_left


def marked_environment():
    """A marker of the test's own, so that the run's other servers are neither seen nor
    stopped."""
    marker = f"test-{uuid.uuid4().hex}"
    return marker, {**os.environ, RUN_VARIABLE: marker}


def test_a_process_group_is_stopped_with_every_child_it_started():
    marker, environment = marked_environment()
    with process_group(["sh", "-c", "sleep 60 & sleep 60 & wait"], env=environment):
        time.sleep(0.3)
        assert len(processes_left(marker)) == 3  # the shell and its two children
    assert processes_left(marker) == []


def test_a_process_left_running_is_found_and_stopped():
    marker, environment = marked_environment()
    orphan = subprocess.Popen(["sleep", "60"], env=environment)
    try:
        assert [pid for pid, _ in processes_left(marker)] == [orphan.pid]
        stopped = leftovers_stopped(marker, grace_seconds=0)
        assert [pid for pid, _ in stopped] == [orphan.pid]
        orphan.wait(timeout=5)
        assert processes_left(marker) == []
    finally:
        orphan.kill()
        orphan.wait()
