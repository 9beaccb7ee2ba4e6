"""Security headers on public pages, and Django's deployment checklist on production settings."""

import json
import os
import subprocess
import sys

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", ["/", "/project-management/", "/search/?q=pm", "/ask/"])
def test_public_pages_carry_a_strict_content_security_policy(client, url):
    response = client.get(url)
    policy = response["Content-Security-Policy"]
    directives = dict(
        (part.split()[0], part.split()[1:]) for part in policy.split(";") if part.strip()
    )
    assert directives["script-src"] == ["'self'"]
    assert "'unsafe-inline'" not in policy
    assert directives["frame-ancestors"] == ["'none'"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_production_settings_pass_the_deployment_checklist(tmp_path):
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "faqbase.settings.production",
        "SECRET_KEY": "k" + "3x9-Qz7!Lp2@Wm8#Rt5$Yv1%Bn4^Hc6&" * 2,
        "ALLOWED_HOSTS": "faq.example.org",
        "FAQBASE_VAR_DIR": str(tmp_path),
    }
    environment.pop("DATABASE_URL", None)
    result = subprocess.run(
        [sys.executable, "-m", "faqbase.cli", "check", "--deploy", "--fail-level", "WARNING"],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


SIGN_IN_OVER_HTTPS_AND_HTTP = """
import json
import django

django.setup()
from django.contrib.auth import get_user_model
from django.test import Client

get_user_model().objects.create_superuser("editor", password="a-long-and-strong-passphrase")
signed_in = Client(SERVER_NAME="faq.example.org").post(
    "/admin/login/",
    {"username": "editor", "password": "a-long-and-strong-passphrase"},
    secure=True,
)
plain = Client(SERVER_NAME="faq.example.org").get("/admin/login/")
print(json.dumps({
    "status": signed_in.status_code,
    "hsts": signed_in.get("Strict-Transport-Security", ""),
    "cookies": {
        name: {"secure": bool(morsel["secure"]), "httponly": bool(morsel["httponly"])}
        for name, morsel in signed_in.cookies.items()
    },
    "plain_status": plain.status_code,
    "plain_location": plain.get("Location"),
}))
"""


def test_in_production_an_editor_s_sign_in_cookies_never_travel_over_plain_http(tmp_path):
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "faqbase.settings.production",
        "SECRET_KEY": "x" * 60,
        "ALLOWED_HOSTS": "faq.example.org",
        "FAQBASE_VAR_DIR": str(tmp_path),
    }
    environment.pop("DATABASE_URL", None)

    def run(*arguments):
        result = subprocess.run(
            [sys.executable, *arguments], env=environment, capture_output=True, text=True
        )
        assert result.returncode == 0, result.stderr
        return result.stdout

    run("-m", "faqbase.cli", "migrate", "--verbosity", "0")
    outcome = json.loads(run("-c", SIGN_IN_OVER_HTTPS_AND_HTTP))
    assert outcome["status"] == 302  # signed in
    # The session cookie is the editor's identity: sent only over https, unreadable by scripts.
    assert outcome["cookies"]["sessionid"] == {"secure": True, "httponly": True}
    assert outcome["cookies"]["csrftoken"]["secure"]
    assert outcome["hsts"].startswith("max-age=") and "max-age=0" not in outcome["hsts"]
    assert outcome["plain_status"] == 301
    assert outcome["plain_location"] == "https://faq.example.org/admin/login/"


# Which view a request for an uploaded image reaches, if any.
MEDIA_VIEW = """
import django
django.setup()
from django.urls import Resolver404, resolve
try:
    print(resolve("/media/original_images/photo.png").func.__module__)
except Resolver404:
    print("no route")
"""


@pytest.mark.parametrize(
    ("serve_media", "view_module"),
    [(None, "no route"), ("false", "no route"), ("true", "django.views.static")],
)
def test_production_serves_media_through_django_only_when_asked(serve_media, view_module):
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "faqbase.settings.production",
        "SECRET_KEY": "x" * 60,
    }
    environment.pop("FAQBASE_SERVE_MEDIA", None)
    if serve_media is not None:
        environment["FAQBASE_SERVE_MEDIA"] = serve_media
    result = subprocess.run(
        [sys.executable, "-c", MEDIA_VIEW], env=environment, capture_output=True, text=True
    )
    assert result.stdout.strip() == view_module, result.stderr
