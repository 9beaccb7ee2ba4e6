"""Servers the tests start, each in a process group of its own, so that stopping one stops its
children too (gunicorn's workers, nginx's), and a check that the run left nothing behind."""

import contextlib
import os
import signal
import subprocess
import time
import uuid
from pathlib import Path

# Every process a test run starts inherits this variable, which names the run.
RUN_VARIABLE = "FAQBASE_TEST_RUN"


def run_marker():
    """The marker of this test run, set once in the environment its processes inherit."""
    return os.environ.setdefault(RUN_VARIABLE, uuid.uuid4().hex)


@contextlib.contextmanager
def process_group(command, stop_seconds=15, **popen_arguments):
    """Run `command` in a new process group; on leaving, however the test ended, stop the group:
    SIGTERM, then SIGKILL for whatever is still alive after `stop_seconds`."""
    process = subprocess.Popen(command, start_new_session=True, **popen_arguments)
    try:
        yield process
    finally:
        group_stopped(process, stop_seconds)


def group_stopped(process, stop_seconds):
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=stop_seconds)
    except subprocess.TimeoutExpired:
        pass
    # The leader may be gone while a child it started lingers; the group still names them.
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    # A signal is delivered at once but acted on when the process next runs: on a busy
    # machine a child can still be alive just after the kill.
    deadline = time.monotonic() + stop_seconds
    while group_members(process.pid) and time.monotonic() < deadline:
        time.sleep(0.05)


def group_members(group):
    """Pids of live (not yet exited) processes in process group `group`."""
    members = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = stat_fields(entry)
        except OSError:
            continue  # gone meanwhile
        if fields[0] != "Z" and int(fields[2]) == group:
            members.append(int(entry.name))
    return members


def stat_fields(process_dir):
    """The fields of /proc/PID/stat after the command's name (which may hold spaces): state,
    parent pid, process group …"""
    return (Path(process_dir) / "stat").read_text().split(") ")[-1].split()


def processes_left(marker, own_pid=None):
    """[(pid, command line)] of live processes that carry this run's marker, other than this
    process and its ancestors."""
    own_pid = own_pid or os.getpid()
    keep = ancestors(own_pid) | {own_pid}
    needle = f"{RUN_VARIABLE}={marker}".encode()
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) in keep:
            continue
        try:
            if needle not in (entry / "environ").read_bytes().split(b"\0"):
                continue
            if stat_fields(entry)[0] == "Z":
                continue  # exited, waiting for its parent to read its status
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode().strip()
        except OSError:
            continue  # gone meanwhile, or not ours to read
        found.append((int(entry.name), command))
    return found


def ancestors(pid):
    found = set()
    while pid > 1:
        try:
            pid = int(stat_fields(f"/proc/{pid}")[1])
        except (OSError, IndexError, ValueError):
            break
        found.add(pid)
    return found


def leftovers_stopped(marker, grace_seconds=5):
    """Wait briefly for processes still shutting down, then kill what is left; returns it."""
    deadline = time.monotonic() + grace_seconds
    left = processes_left(marker)
    while left and time.monotonic() < deadline:
        time.sleep(0.2)
        left = processes_left(marker)
    for pid, _command in left:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    return left
