"""The editors' login resists guessing: repeated failures lock the account for that address."""

import pytest
from django.contrib.auth import get_user_model

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-and-strong-passphrase"


@pytest.fixture
def editor():
    return get_user_model().objects.create_superuser("editor", password=PASSWORD)


def sign_in(client, password, address="198.51.100.7", **headers):
    return client.post(
        "/admin/login/",
        {"username": "editor", "password": password},
        REMOTE_ADDR=address,
        **headers,
    )


def test_an_editor_signs_in_with_the_right_password(client, editor):
    response = sign_in(client, PASSWORD)
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_five_wrong_passwords_lock_the_account_even_against_the_right_one(client, editor):
    for _attempt in range(5):
        assert sign_in(client, "wrong guess").status_code in (200, 429)
    locked = sign_in(client, PASSWORD)
    assert locked.status_code == 429
    assert client.get("/admin/").status_code == 302


def test_a_lockout_is_per_address(client, editor):
    for _attempt in range(5):
        sign_in(client, "wrong guess")
    assert sign_in(client, PASSWORD, address="198.51.100.8").status_code == 302


ACCOUNT_FIELDS = {
    "name_email-first_name": "Eddie",
    "name_email-last_name": "Editor",
    "name_email-email": "editor@example.org",
    "locale-preferred_language": "en",
    "locale-current_time_zone": "Europe/London",
    "theme-theme": "system",
    "theme-density": "default",
    "theme-contrast": "system",
}


def change_password(client, new_password):
    return client.post(
        "/admin/account/",
        {
            **ACCOUNT_FIELDS,
            "password-old_password": PASSWORD,
            "password-new_password1": new_password,
            "password-new_password2": new_password,
        },
    )


@pytest.mark.parametrize(
    ("weak", "reason"),
    [
        ("password123", "This password is too common."),
        ("12345678901234", "This password is entirely numeric."),
        ("short", "This password is too short. It must contain at least 12 characters."),
    ],
)
def test_an_editor_cannot_change_to_a_weak_password_and_keeps_the_old_one(
    client, editor, weak, reason
):
    client.force_login(editor)
    response = change_password(client, weak)
    assert response.status_code == 200
    assert reason in response.content.decode()
    client.logout()
    assert sign_in(client, weak).status_code != 302
    assert sign_in(client, PASSWORD).status_code == 302


def test_an_editor_changes_to_a_strong_password_in_the_admin(client, editor):
    client.force_login(editor)
    assert change_password(client, "another-long-strong-passphrase").status_code == 302
    client.logout()
    assert sign_in(client, PASSWORD).status_code != 302
    assert sign_in(client, "another-long-strong-passphrase").status_code == 302


def test_behind_a_trusted_proxy_the_lockout_is_per_forwarded_visitor(client, editor, settings):
    settings.FAQBASE_TRUSTED_PROXIES = ["10.0.0.1"]
    for _attempt in range(5):
        sign_in(client, "wrong guess", address="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.1")
    assert (
        sign_in(client, PASSWORD, "10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.1").status_code == 429
    )
    assert (
        sign_in(client, PASSWORD, "10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.2").status_code == 302
    )


def test_a_forged_forwarded_address_does_not_escape_the_lockout(client, editor, settings):
    settings.FAQBASE_TRUSTED_PROXIES = ["10.0.0.1"]
    for attempt in range(5):
        sign_in(client, "wrong guess", HTTP_X_FORWARDED_FOR=f"203.0.113.{attempt}")
    assert sign_in(client, PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.99").status_code == 429
