"""Fixtures for the webhooks' tests: a loopback receiver, endpoints, a short retry schedule."""

import pytest
from django.contrib.auth import get_user_model

from faqbase.webhooks.models import SUBSCRIBABLE_EVENTS
from faqbase.webhooks.services import endpoint_create

from .receiver import Receiver

DEMO_FAQ = "am-i-too-old-to-be-a-project-manager"


@pytest.fixture(autouse=True)
def quick_retries(settings):
    """Every retry due at once, two of them, then the delivery is given up."""
    settings.FAQBASE_WEBHOOK_RETRY_SECONDS = [0, 0]
    settings.FAQBASE_WEBHOOK_TIMEOUT_SECONDS = 1


@pytest.fixture
def receiver():
    receiver = Receiver().start()
    yield receiver
    receiver.stop()


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser("webmaster", password="a-strong-passphrase")


@pytest.fixture
def make_endpoint(superuser):
    """An endpoint made as an administrator would; returns (endpoint, secret)."""

    def make(url, events=SUBSCRIBABLE_EVENTS, **fields):
        return endpoint_create(
            user=superuser, name=fields.pop("name", "CRM"), url=url, events=events, **fields
        )

    return make
