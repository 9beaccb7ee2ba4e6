"""Start a real faqbase (`faqbase init` + `faqbase serve`) on a free loopback port."""

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from tests.support.processes import process_group

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
START_TIMEOUT_SECONDS = 60
ADMIN_USERNAME = "admin"
ADMIN_PASSWORD = "browser-test-passphrase"


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


@contextlib.contextmanager
def running_site(var_dir):
    """The demo site as an operator runs it (DEBUG off), its files in `var_dir`; yields its URL."""
    faqbase = Path(sys.executable).parent / "faqbase"
    environment = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"} | {
        "DJANGO_SETTINGS_MODULE": "faqbase.settings.dev",
        "FAQBASE_VAR_DIR": str(var_dir),
        "FAQBASE_ADMIN_PASSWORD": ADMIN_PASSWORD,
        "DEBUG": "false",
        "HF_HUB_OFFLINE": "1",
    }
    subprocess.run([faqbase, "init"], env=environment, check=True, capture_output=True)
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    with process_group(
        [faqbase, "serve", "--port", str(port)],
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    ) as server:
        wait_until_serving(url + "/", server)
        yield url


def sign_in(page, site_url):
    """Sign a Playwright page in to the admin as the account `faqbase init` made."""
    page.goto(site_url + "/admin/login/")
    page.get_by_label("Username").fill(ADMIN_USERNAME)
    page.get_by_label("Password").fill(ADMIN_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(site_url + "/admin/")
