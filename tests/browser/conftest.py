"""A real faqbase set up by `faqbase init`, served by `faqbase serve`, and a Chromium."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
START_TIMEOUT_SECONDS = 60


def pytest_collection_modifyitems(items):
    for item in items:
        if Path(item.fspath).is_relative_to(Path(__file__).parent):
            item.add_marker(pytest.mark.browser)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_serving(url, server):
    deadline = time.monotonic() + START_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"faqbase serve exited with {server.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"faqbase did not answer at {url} within {START_TIMEOUT_SECONDS}s")


@pytest.fixture(scope="session")
def site_url(tmp_path_factory):
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed (make browser-deps installs it)")
    faqbase = Path(sys.executable).parent / "faqbase"
    environment = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"} | {
        "DJANGO_SETTINGS_MODULE": "faqbase.settings.dev",
        "FAQBASE_VAR_DIR": str(tmp_path_factory.mktemp("faqbase-site")),
        "FAQBASE_ADMIN_PASSWORD": "browser-test-passphrase",
        "DEBUG": "false",
    }
    subprocess.run([faqbase, "init"], env=environment, check=True, capture_output=True)
    port = free_port()
    server = subprocess.Popen(
        [faqbase, "serve", "--port", str(port)],
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_serving(url + "/", server)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture(scope="session")
def browser(site_url):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()
