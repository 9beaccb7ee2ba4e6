"""Wagtail's background tasks (its search index and reference index updates after each save)
run at once, as django-tasks' immediate backend runs them, except inside `tasks_deferred()`.

An import saves each page three times (created, its revision, its publication), and each save
queues both index updates for that page: deferred, each distinct task runs once, when the
block ends (benchmarks/README.md, "scale.py")."""

import contextlib
import contextvars
import json

from django_tasks import task_backends
from django_tasks.backends.immediate import ImmediateBackend

_deferred = contextvars.ContextVar("faqbase_deferred_tasks", default=None)


class DeferrableImmediateBackend(ImmediateBackend):
    def _execute_task(self, task_result):
        pending = _deferred.get()
        if pending is None:
            return super()._execute_task(task_result)
        pending.setdefault(task_identity(task_result), task_result)

    def execute_deferred(self, task_result):
        super()._execute_task(task_result)


def task_identity(task_result):
    """The same function with the same arguments is the same work, however often it is queued."""
    arguments = json.dumps([task_result.args, task_result.kwargs], sort_keys=True, default=str)
    return task_result.backend, task_result.task.module_path, arguments


@contextlib.contextmanager
def tasks_deferred():
    """Tasks queued inside run once each when the block ends without an error; a block that
    fails runs none of them (its transaction rolled back what they would have indexed)."""
    if _deferred.get() is not None:
        yield
        return
    pending = {}
    token = _deferred.set(pending)
    try:
        yield
    finally:
        _deferred.reset(token)
    for task_result in pending.values():
        task_backends[task_result.backend].execute_deferred(task_result)
