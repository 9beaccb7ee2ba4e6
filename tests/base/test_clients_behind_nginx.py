"""Behind the shipped nginx, each visitor is told apart by the address nginx saw them come from.

A real `faqbase serve` runs behind the nginx of `faqbase nginx-config` with nginx trusted;
the loopback addresses 127.0.0.2 and 127.0.0.3 act as two visitors' machines.
"""

import http.client
import shutil
import sqlite3
import subprocess
import time
import urllib.parse

import pytest

from tests.support.cluster import (
    app_server,
    faqbase_command,
    free_port,
    site_environment,
    site_init,
)
from tests.support.processes import process_group

pytestmark = pytest.mark.skipif(shutil.which("nginx") is None, reason="nginx is not installed")

VISITOR_A = "127.0.0.2"
VISITOR_B = "127.0.0.3"
FAQ_SLUG = "is-project-manager-a-stressful-job"
# Per day, so that no rate-limit window can close in the middle of a test.
BUDGET = 3


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    var_dir = tmp_path_factory.mktemp("behind-nginx")
    var_dir.chmod(0o755)  # nginx's workers may run as another user
    environment = site_environment(
        database_url=f"sqlite:///{var_dir}/faqbase.sqlite3", var_dir=var_dir
    ) | {
        "FAQBASE_TRUSTED_PROXIES": "127.0.0.1",
        "FAQBASE_API_RATE": f"{BUDGET}/d",
        "FAQBASE_SEARCH_RATE": f"{BUDGET}/d",
    }
    site_init(environment)
    with app_server(environment) as app_url:
        yield var_dir, environment, app_url


@pytest.fixture(scope="module")
def nginx(site):
    var_dir, environment, app_url = site
    prefix = var_dir / "nginx"
    prefix.mkdir()
    (var_dir / "pages").mkdir()
    port = free_port()
    config = subprocess.run(
        [
            faqbase_command(),
            "nginx-config",
            f"--listen=127.0.0.1:{port}",
            f"--app={urllib.parse.urlsplit(app_url).netloc}",
            f"--pages={var_dir / 'pages'}",
            f"--standalone={prefix}",
        ],
        env=environment,
        check=True,
        capture_output=True,
        text=True,
    )
    (prefix / "nginx.conf").write_text(config.stdout)
    with process_group(
        ["nginx", "-p", str(prefix), "-c", str(prefix / "nginx.conf")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    ):
        wait_for_port(port)
        yield port


def wait_for_port(port, seconds=10):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            http.client.HTTPConnection("127.0.0.1", port, timeout=1).connect()
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"nginx is not listening on port {port}")


def request(port, visitor, method, path, body=None, headers=None):
    """(status, body) of one request sent from `visitor`'s address to 127.0.0.1:`port`."""
    connection = http.client.HTTPConnection(
        "127.0.0.1", port, timeout=30, source_address=(visitor, 0)
    )
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.read().decode()
    finally:
        connection.close()


def vote(port, visitor, faq_id, helpful, forged=None):
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Origin": f"http://127.0.0.1:{port}",
    }
    if forged:
        headers["X-Forwarded-For"] = forged
    body = urllib.parse.urlencode({"helpful": helpful})
    return request(port, visitor, "POST", f"/feedback/{faq_id}/", body, headers)[0]


def database_rows(var_dir, query, *parameters):
    with sqlite3.connect(var_dir / "faqbase.sqlite3") as connection:
        return connection.execute(query, parameters).fetchall()


def votes_on(var_dir, faq_id):
    return database_rows(
        var_dir,
        "SELECT helpful FROM editorial_faqfeedback"
        " WHERE faq_id = ? AND visitor_hash NOT LIKE 'synthetic%' ORDER BY id",
        faq_id,
    )


def test_each_visitor_has_its_own_api_budget(nginx):
    path = "/api/suggest?q=project+manager+salary"
    statuses = [request(nginx, VISITOR_A, "GET", path)[0] for _ in range(BUDGET + 1)]
    assert statuses == [200] * BUDGET + [429]
    assert request(nginx, VISITOR_B, "GET", path)[0] == 200


def test_each_visitor_has_its_own_vote(site, nginx):
    var_dir = site[0]
    [(faq_id,)] = database_rows(var_dir, "SELECT id FROM wagtailcore_page WHERE slug = ?", FAQ_SLUG)
    assert votes_on(var_dir, faq_id) == []
    assert vote(nginx, VISITOR_A, faq_id, "no") == 302
    # Another forged address in the header changes nothing: nginx appends the real one.
    assert vote(nginx, VISITOR_A, faq_id, "yes", forged="203.0.113.9") == 302
    assert votes_on(var_dir, faq_id) == [(1,)]
    assert vote(nginx, VISITOR_B, faq_id, "no") == 302
    assert votes_on(var_dir, faq_id) == [(1,), (0,)]


def test_a_visitor_connecting_straight_to_the_app_cannot_forge_a_new_address(site, nginx):
    app_port = urllib.parse.urlsplit(site[2]).port
    statuses = [
        request(app_port, VISITOR_B, "GET", "/search/?q=pm", headers={"X-Forwarded-For": forged})[0]
        for forged in ("198.51.100.1", "198.51.100.2", "198.51.100.3", "198.51.100.4")
    ]
    assert statuses == [200] * BUDGET + [429]
    # Through nginx, the other visitor's search budget is untouched.
    assert request(nginx, VISITOR_A, "GET", "/search/?q=pm")[0] == 200
