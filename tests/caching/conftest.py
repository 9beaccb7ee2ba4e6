"""Fixtures shared by the page cache, fragment and static-copy tests."""

import pytest

from faqbase.knowledge.models import FAQPage


@pytest.fixture
def commits(django_capture_on_commit_callbacks):
    """Run what waits for the transaction to commit (the purges) when the block ends."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def too_old():
    return FAQPage.objects.get(url_path__endswith="/am-i-too-old-to-be-a-project-manager/")
