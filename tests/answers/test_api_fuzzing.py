"""The JSON API fuzzed from its own OpenAPI schema, with and without a content API token:
whatever arrives, never a server error."""

import pytest
import schemathesis
from django.contrib.auth import get_user_model
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from faqbase.contentapi.services import token_create

# Enough to reach the API's edges (empty, long, odd characters, bad limits) in seconds.
EXAMPLES_PER_OPERATION = 60

schema = schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())


@pytest.fixture
def unlimited_rate(settings):
    settings.FAQBASE_API_RATE = "100000/m"  # the fuzzer is one address asking very fast


@pytest.fixture
def connection_kept_open():
    """As in Django's test client: the end of a request must not close the test's transaction."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@pytest.mark.django_db
@pytest.mark.usefixtures("unlimited_rate", "connection_kept_open")
@schema.parametrize()
@settings(
    max_examples=EXAMPLES_PER_OPERATION,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_no_request_makes_the_api_fail(case):
    # A real server always says who is asking; the rate limit keys on it.
    case.call_and_validate(checks=[not_a_server_error], environ_base={"REMOTE_ADDR": "192.0.2.1"})


@pytest.fixture
def superuser_token(db, settings):
    settings.FAQBASE_CONTENT_API_WRITE_RATE = "100000/m"
    user = get_user_model().objects.create_superuser("fuzzer", password="x" * 16)
    _token, plain = token_create(user=user, name="fuzzing", acting_user=user)
    return plain


@pytest.mark.django_db
@pytest.mark.usefixtures("unlimited_rate", "connection_kept_open")
@schema.parametrize()
@settings(
    max_examples=EXAMPLES_PER_OPERATION // 2,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_no_request_with_a_token_makes_the_api_fail(case, superuser_token):
    # With a token the writes get past authentication into the services themselves.
    case.call_and_validate(
        checks=[not_a_server_error],
        headers={"Authorization": f"Bearer {superuser_token}"},
        environ_base={"REMOTE_ADDR": "192.0.2.1"},
    )
