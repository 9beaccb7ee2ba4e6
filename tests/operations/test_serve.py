"""`faqbase serve` will not start a site whose every page would fail for want of static files."""

import json
import os
import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command

from faqbase.operations.management.commands.serve import static_manifest_missing

from ..browser.site import free_port

MANIFEST_STORAGE = "whitenoise.storage.CompressedManifestStaticFilesStorage"


@pytest.fixture
def manifest_storage(settings, tmp_path):
    settings.DEBUG = False
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = settings.STORAGES | {"staticfiles": {"BACKEND": MANIFEST_STORAGE}}
    return tmp_path


def test_production_serve_without_collectstatic_stops_with_one_line_saying_so(tmp_path):
    environment = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"} | {
        "DJANGO_SETTINGS_MODULE": "faqbase.settings.production",
        "SECRET_KEY": "x" * 60,
        "FAQBASE_VAR_DIR": str(tmp_path),
    }
    result = subprocess.run(
        [sys.executable, "-m", "faqbase.cli", "serve", "--port", str(free_port())],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert lines == [
        f"CommandError: No static files manifest (staticfiles.json in {tmp_path / 'static'}): "
        "run `faqbase collectstatic` first."
    ]
    assert "serving at" not in result.stdout


def test_a_missing_manifest_is_noticed(manifest_storage):
    assert static_manifest_missing()


def test_a_collected_manifest_lets_serve_start(manifest_storage):
    (manifest_storage / "staticfiles.json").write_text(json.dumps({"paths": {}, "version": "1.1"}))
    assert not static_manifest_missing()


def test_debug_or_a_storage_without_a_manifest_needs_none(manifest_storage, settings):
    settings.DEBUG = True
    assert not static_manifest_missing()
    settings.DEBUG = False
    settings.STORAGES = settings.STORAGES | {
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    }
    assert not static_manifest_missing()


def test_the_command_refuses_before_loading_anything(manifest_storage):
    with pytest.raises(CommandError, match="run `faqbase collectstatic` first"):
        call_command("serve", "--port", str(free_port()))
