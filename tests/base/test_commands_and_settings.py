"""`faqbase init`, the admin account it makes, and the settings' refusal of unsafe production."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from modelsearch.backends.database.sqlite import utils as sqlite_search_utils

from faqbase.base.checks import sqlite_full_text_search_check
from faqbase.base.services import admin_account_ensure

pytestmark = pytest.mark.django_db


def test_init_keeps_existing_content_and_creates_the_admin_from_the_environment(
    capsys, monkeypatch
):
    monkeypatch.setenv("FAQBASE_ADMIN_PASSWORD", "a long passphrase for tests")
    call_command("init")
    output = capsys.readouterr().out
    assert "Content already present" in output
    admin = get_user_model().objects.get(username="admin")
    assert admin.check_password("a long passphrase for tests")
    assert "a long passphrase for tests" not in output


def test_without_a_password_one_is_generated_and_shown_once(capsys, monkeypatch):
    monkeypatch.delenv("FAQBASE_ADMIN_PASSWORD", raising=False)
    call_command("init")
    first = capsys.readouterr().out
    password = first.split("with the password ")[1].split()[0]
    assert get_user_model().objects.get(username="admin").check_password(password)
    call_command("init")
    assert password not in capsys.readouterr().out


def test_generated_passwords_differ():
    first = admin_account_ensure()
    get_user_model().objects.all().delete()
    assert admin_account_ensure() != first


def run_python(code, **env):
    return subprocess.run(
        [sys.executable, "-c", code],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_settings_refuse_to_start_without_a_secret_key():
    environment = {"DJANGO_SETTINGS_MODULE": "faqbase.settings.production", "SECRET_KEY": ""}
    result = run_python("import django; django.setup()", **environment)
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_production_settings_read_hosts_and_database_from_the_environment():
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.ALLOWED_HOSTS, s.DEBUG, s.DATABASES['default']['ENGINE'])"
    )
    result = run_python(
        code,
        DJANGO_SETTINGS_MODULE="faqbase.settings.production",
        SECRET_KEY="x" * 50,
        ALLOWED_HOSTS="faq.example.org",
        DATABASE_URL="postgres://user@db.internal:5432/faqbase",
    )
    assert result.stdout.split() == [
        "['faq.example.org']",
        "False",
        "django.db.backends.postgresql",
    ]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the check concerns SQLite only")
def test_start_up_check_warns_when_sqlite_has_no_full_text_search(monkeypatch):
    monkeypatch.setattr(sqlite_search_utils, "fts5_available", lambda: False)
    warnings = sqlite_full_text_search_check(None)
    assert [warning.id for warning in warnings] == ["faqbase.W001"]
    monkeypatch.undo()
    assert sqlite_full_text_search_check(None) == []


@pytest.mark.parametrize(
    ("variable", "value", "expectation"),
    [
        ("FAQBASE_API_RATE", "abc", "a rate such as 120/m"),
        ("FAQBASE_STALE_MONTHS", "x", "Not a valid integer"),
        ("FAQBASE_SECOND_OPINION", "maybe", "Not a valid boolean"),
        ("FAQBASE_DUPLICATE_SIMILARITY", "2", "a similarity between 0 and 1"),
        ("DATABASE_URL", "postgress://db.example.org/faqbase", "Not a valid database URL"),
        ("REDIS_URL", "127.0.0.1:6379", "an address such as redis://127.0.0.1:6379/0"),
    ],
)
def test_a_bad_setting_stops_start_up_naming_the_variable_and_what_it_expects(
    variable, value, expectation
):
    faqbase = Path(sys.executable).parent / "faqbase"
    result = subprocess.run(
        [faqbase, "check"],
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "faqbase.settings.dev", variable: value},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    assert variable in lines[0] and expectation in lines[0]
    assert not lines[0].endswith("]")  # a sentence, not a Python list of messages
