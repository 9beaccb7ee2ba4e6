"""Settings → Webhooks is for administrators: the editorial roles are refused it, a superuser
manages endpoints, sees a new secret once, reads the deliveries log and sends a test event."""

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError

from faqbase.webhooks.models import Event, WebhookDelivery, WebhookEndpoint
from faqbase.webhooks.services import (
    endpoint_create,
    endpoint_delete,
    endpoint_deliveries,
    endpoint_ping,
    endpoint_update,
)
from faqbase.webhooks.worker import deliveries_send_due

pytestmark = pytest.mark.django_db

ROLES = ["Editors", "Moderators", "Analysts"]


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client


def form_data(url, **changes):
    return {"name": "CRM", "url": url, "events": ["faq.published"], "is_active": "on"} | changes


def refused(response):
    """Wagtail sends a user without the right back to the dashboard; our own pages say 403."""
    return response.status_code == 403 or (
        response.status_code == 302 and "/webhooks/" not in response["Location"]
    )


@pytest.mark.parametrize("role", ROLES)
def test_the_editorial_roles_are_refused_the_webhooks_admin(client, member_of, make_endpoint, role):
    endpoint, secret = make_endpoint("http://127.0.0.1:9/hooks")
    user = member_of(role)
    client.force_login(user)
    for url in [
        "/admin/webhooks/",
        "/admin/webhooks/new/",
        f"/admin/webhooks/edit/{endpoint.pk}/",
        f"/admin/webhooks/delete/{endpoint.pk}/",
        f"/admin/webhooks/deliveries/{endpoint.pk}/",
    ]:
        response = client.get(url)
        assert refused(response), url
        assert secret.encode() not in response.content
    assert refused(client.post("/admin/webhooks/new/", form_data("http://127.0.0.1:9/new")))
    assert refused(client.post(f"/admin/webhooks/ping/{endpoint.pk}/"))
    assert WebhookEndpoint.objects.count() == 1
    assert WebhookDelivery.objects.count() == 0
    menu = client.get("/admin/").content.decode()
    assert "/admin/webhooks/" not in menu


@pytest.mark.parametrize("role", ROLES)
def test_every_service_refuses_the_editorial_roles(member_of, make_endpoint, role):
    endpoint, _secret = make_endpoint("http://127.0.0.1:9/hooks")
    user = member_of(role)
    calls = [
        lambda: endpoint_create(user=user, name="X", url="http://127.0.0.1:9/x", events=[]),
        lambda: endpoint_update(
            user=user, endpoint=endpoint, name="X", url=endpoint.url, events=[], is_active=True
        ),
        lambda: endpoint_delete(user=user, endpoint=endpoint),
        lambda: endpoint_deliveries(user=user, endpoint=endpoint),
        lambda: endpoint_ping(user=user, endpoint=endpoint),
    ]
    for call in calls:
        with pytest.raises(PermissionDenied):
            call()


def test_a_superuser_creates_an_endpoint_and_sees_its_secret_once(admin_client):
    response = admin_client.post("/admin/webhooks/new/", form_data("https://crm.example.org/in"))
    assert response.status_code == 200
    endpoint = WebhookEndpoint.objects.get()
    assert len(endpoint.secret) >= 43
    assert endpoint.secret in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    assert endpoint.events == ["faq.published"] and endpoint.is_active
    for url in [
        "/admin/webhooks/",
        f"/admin/webhooks/edit/{endpoint.pk}/",
        f"/admin/webhooks/deliveries/{endpoint.pk}/",
    ]:
        page = admin_client.get(url).content.decode()
        assert endpoint.secret not in page, url
    listing = admin_client.get("/admin/webhooks/").content.decode()
    assert endpoint.secret_masked() in listing
    assert "https://crm.example.org/in" in listing


def test_editing_an_endpoint_keeps_its_secret(admin_client, make_endpoint):
    endpoint, secret = make_endpoint("http://127.0.0.1:9/hooks")
    response = admin_client.post(
        f"/admin/webhooks/edit/{endpoint.pk}/",
        form_data("http://127.0.0.1:9/moved", events=["faq.deleted", "faq.unpublished"]),
    )
    assert response.status_code == 302
    endpoint.refresh_from_db()
    assert endpoint.url == "http://127.0.0.1:9/moved"
    assert sorted(endpoint.events) == ["faq.deleted", "faq.unpublished"]
    assert endpoint.secret == secret


@pytest.mark.parametrize("url", ["ftp://files.example.org/in", "file:///etc/passwd", "crm"])
def test_only_http_and_https_addresses_are_accepted(admin_client, superuser, url):
    response = admin_client.post("/admin/webhooks/new/", form_data(url))
    assert response.status_code == 200
    assert WebhookEndpoint.objects.count() == 0
    with pytest.raises(ValidationError):
        endpoint_create(user=superuser, name="X", url=url, events=[])


def test_unknown_events_are_refused(superuser):
    with pytest.raises(ValidationError, match="faq.renamed"):
        endpoint_create(
            user=superuser, name="X", url="https://crm.example.org/in", events=["faq.renamed"]
        )


def test_a_test_event_is_sent_and_shown_in_the_deliveries_log(
    admin_client, receiver, make_endpoint
):
    endpoint, secret = make_endpoint(receiver.url, events=[])
    response = admin_client.post(f"/admin/webhooks/ping/{endpoint.pk}/")
    assert response.status_code == 302
    deliveries_send_due()
    [request] = receiver.received
    assert request.event == Event.PING and request.payload["event"] == "ping"
    assert request.signed_with(secret)
    log = admin_client.get(f"/admin/webhooks/deliveries/{endpoint.pk}/").content.decode()
    assert "Delivered" in log
    assert request.payload["id"] in log


def test_a_failed_delivery_shows_its_status_code_and_error(admin_client, receiver, make_endpoint):
    endpoint, _secret = make_endpoint(receiver.url)
    receiver.answer_next(503)
    endpoint_ping(user=get_user_model().objects.get(username="webmaster"), endpoint=endpoint)
    deliveries_send_due()
    log = admin_client.get(f"/admin/webhooks/deliveries/{endpoint.pk}/").content.decode()
    assert "Failed, will retry" in log
    assert "503" in log


def test_an_inactive_endpoint_is_not_sent_a_test(admin_client, make_endpoint):
    endpoint, _secret = make_endpoint("http://127.0.0.1:9/hooks", is_active=False)
    response = admin_client.post(f"/admin/webhooks/ping/{endpoint.pk}/", follow=True)
    assert "turn it on" in response.content.decode()
    assert WebhookDelivery.objects.count() == 0


def test_deleting_an_endpoint_through_the_admin(admin_client, make_endpoint):
    endpoint, _secret = make_endpoint("http://127.0.0.1:9/hooks")
    response = admin_client.post(f"/admin/webhooks/delete/{endpoint.pk}/")
    assert response.status_code == 302
    assert not WebhookEndpoint.objects.exists()
