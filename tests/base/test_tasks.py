"""Wagtail's index updates run at once, or once per page at the end of a deferred block."""

import pytest
from django_tasks.signals import task_finished

from faqbase.base.tasks import tasks_deferred
from faqbase.knowledge.models import FAQPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def tasks_run():
    names = []

    def record(sender, task_result, **kwargs):
        names.append(task_result.task.name)

    task_finished.connect(record)
    yield names
    task_finished.disconnect(record)


def saved_three_times(faq):
    for wording in ("First?", "Second?", "Third?"):
        faq.title = wording
        faq.save()


def test_each_save_updates_the_indexes_at_once(tasks_run):
    saved_three_times(FAQPage.objects.live().first())
    assert tasks_run.count("insert_or_update_object_task") == 3


def test_deferred_updates_run_once_each_when_the_block_ends(tasks_run):
    faq = FAQPage.objects.live().first()
    with tasks_deferred():
        saved_three_times(faq)
        assert tasks_run == []
    assert sorted(tasks_run) == ["insert_or_update_object_task", "update_reference_index_task"]
    assert faq in list(FAQPage.objects.live().search("Third"))


def test_a_block_that_fails_runs_none_of_its_tasks(tasks_run):
    faq = FAQPage.objects.live().first()
    with pytest.raises(RuntimeError), tasks_deferred():
        saved_three_times(faq)
        raise RuntimeError("the import failed")
    assert tasks_run == []
