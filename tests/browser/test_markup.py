"""The Nu HTML Checker (vnu-jar) finds no error in any kind of public page."""

import shutil
import subprocess
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from .test_accessibility import PAGES

pytestmark = pytest.mark.audit

VNU = (
    Path(__file__).resolve().parents[2] / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
)


def test_every_kind_of_public_page_is_valid_html(site_url, tmp_path):
    if not VNU.exists() or not shutil.which("java"):
        pytest.skip("the Nu HTML Checker needs vnu-jar (npm) and Java")
    for number, url in enumerate(PAGES.values()):
        try:
            with urllib.request.urlopen(site_url + url) as response:
                html = response.read()
        except urllib.error.HTTPError as error:  # the not-found page is checked too
            html = error.read()
        (tmp_path / f"page-{number}.html").write_bytes(html)
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", *sorted(map(str, tmp_path.glob("*.html")))],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
