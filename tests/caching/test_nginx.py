"""The shipped nginx configuration: pages from their static copies, everything dynamic from the app.

nginx runs for real on a free loopback port; a stand-in app server records what reaches it.
"""

import shutil
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import StringIO

import pytest
from django.core.management import call_command

from faqbase.caching.static_pages import static_page_write
from tests.support.processes import process_group

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(shutil.which("nginx") is None, reason="nginx is not installed"),
]

TOO_OLD = "/project-management/am-i-too-old-to-be-a-project-manager/"
APP_SAYS = b"answered by the app"


class StandInApp(BaseHTTPRequestHandler):
    def answer(self):
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        body = APP_SAYS + f" {self.command} {self.path}".encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = do_HEAD = answer

    def log_message(self, *args):
        pass


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(port, seconds=10):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise RuntimeError(f"nothing is listening on port {port}")


@pytest.fixture
def site_dirs(tmp_path, settings):
    tmp_path.chmod(0o755)  # nginx's workers may run as another user
    static_root = tmp_path / "static"
    (static_root / "css").mkdir(parents=True)
    (static_root / "css" / "site.abc123.css").write_text("body { color: black; }")
    settings.STATIC_ROOT = str(static_root)
    pages = tmp_path / "pages"
    static_page_write(f"http://testserver{TOO_OLD}", pages)
    return tmp_path, pages


@pytest.fixture
def stand_in_app():
    server = ThreadingHTTPServer(("127.0.0.1", 0), StandInApp)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def nginx_conf(site_dirs, stand_in_app):
    root, pages = site_dirs
    port = free_port()
    prefix = root / "nginx"
    prefix.mkdir()
    output = StringIO()
    call_command(
        "nginx_config",
        listen=f"127.0.0.1:{port}",
        app=[stand_in_app],
        pages=str(pages),
        standalone=str(prefix),
        stdout=output,
    )
    conf = prefix / "nginx.conf"
    conf.write_text(output.getvalue())
    return conf, prefix, port


@pytest.fixture
def nginx(nginx_conf):
    conf, prefix, port = nginx_conf
    with process_group(
        ["nginx", "-p", str(prefix), "-c", str(conf)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    ):
        wait_for(port)
        yield f"http://127.0.0.1:{port}"


def fetch(url, data=None, headers=None):
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def test_the_configuration_is_valid(nginx_conf):
    conf, prefix, _port = nginx_conf
    check = subprocess.run(
        ["nginx", "-t", "-p", str(prefix), "-c", str(conf)], capture_output=True, text=True
    )
    assert check.returncode == 0, check.stderr


def test_a_published_page_comes_from_its_file_with_the_apps_headers(nginx, site_dirs, client):
    _root, pages = site_dirs
    status, headers, body = fetch(nginx + TOO_OLD)
    assert status == 200
    assert headers["X-Page-Cache"] == "static"
    assert body == (pages / TOO_OLD.lstrip("/") / "index.html").read_bytes()
    app_headers = client.get(TOO_OLD).headers
    for name in ("Content-Security-Policy", "X-Frame-Options", "Referrer-Policy"):
        assert headers[name] == app_headers[name], name
    assert headers["Content-Type"] == "text/html; charset=utf-8"


@pytest.mark.parametrize(
    "path, data, headers",
    [
        ("/search/?q=salary", None, {}),
        ("/api/ask?q=salary", None, {}),
        (TOO_OLD + "?feedback=thanks", None, {}),
        (TOO_OLD, None, {"Cookie": "theme=dark; sessionid=an-editor"}),
        ("/feedback/1/", b"helpful=yes", {}),
        ("/admin/", None, {}),
        ("/no-such-page/", None, {}),
    ],
)
def test_anything_dynamic_or_personal_goes_to_the_app(nginx, path, data, headers):
    status, _headers, body = fetch(nginx + path, data=data, headers=headers)
    assert status == 200
    assert body.startswith(APP_SAYS), body[:80]


def test_a_cookie_that_is_not_a_session_still_gets_the_static_copy(nginx):
    _status, headers, _body = fetch(nginx + TOO_OLD, headers={"Cookie": "csrftoken=abc"})
    assert headers["X-Page-Cache"] == "static"


def test_static_files_come_from_the_collected_folder(nginx):
    status, headers, body = fetch(nginx + "/static/css/site.abc123.css")
    assert (status, body) == (200, b"body { color: black; }")
    assert "max-age=315360000" in headers["Cache-Control"]


def test_the_operator_is_told_to_trust_nginx_until_the_app_does(site_dirs, settings):
    _root, pages = site_dirs
    settings.FAQBASE_TRUSTED_PROXIES = []
    config, warning = StringIO(), StringIO()
    call_command("nginx_config", pages=str(pages), stdout=config, stderr=warning)
    assert "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;" in config.getvalue()
    assert "FAQBASE_TRUSTED_PROXIES" in config.getvalue()
    assert "Set FAQBASE_TRUSTED_PROXIES" in warning.getvalue()
    settings.FAQBASE_TRUSTED_PROXIES = ["127.0.0.1"]
    warning = StringIO()
    call_command("nginx_config", pages=str(pages), stdout=StringIO(), stderr=warning)
    assert warning.getvalue() == ""
