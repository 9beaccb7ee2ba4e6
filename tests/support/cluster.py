"""Several faqbase app servers on this machine sharing one database and Redis.

The scale-out and fault tests and `benchmarks/propagation.py` use these helpers: a fresh
PostgreSQL database, `faqbase init` into it, `faqbase serve` processes on free ports, and an
edit published from another process, as an editor's request on any app server would.
"""

import contextlib
import json
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from .processes import process_group

START_TIMEOUT_SECONDS = 120
STOP_TIMEOUT_SECONDS = 15
REQUEST_TIMEOUT_SECONDS = 10


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def is_listening(url):
    """True when something accepts connections at the host and port of `url`."""
    parts = urllib.parse.urlsplit(url)
    try:
        with socket.create_connection((parts.hostname, parts.port), timeout=1):
            return True
    except OSError:
        return False


def faqbase_command():
    return str(Path(sys.executable).parent / "faqbase")


@contextlib.contextmanager
def fresh_postgres_database(server_url, template_url=None):
    """A new database on the server of `server_url`, dropped afterwards.

    Empty, or a copy of the database at `template_url` (on the same server, with nobody
    connected to it): PostgreSQL copies a database far faster than `faqbase init` fills one.
    """
    import psycopg

    name = f"faqbase_{secrets.token_hex(6)}"
    maintenance = server_url_with_database(server_url, "postgres")
    template = f' TEMPLATE "{database_name(template_url)}"' if template_url else ""
    with psycopg.connect(maintenance, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"{template}')
    try:
        yield server_url_with_database(server_url, name)
    finally:
        with psycopg.connect(maintenance, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def server_url_with_database(url, database):
    return urllib.parse.urlsplit(url)._replace(path=f"/{database}").geturl()


def database_name(url):
    return urllib.parse.urlsplit(url).path.lstrip("/")


def site_environment(*, database_url, var_dir, redis_url=""):
    """The environment of an app server: dev settings without DEBUG, like a small production.

    Every server given the same `var_dir` shares its secret key, as app servers must.
    """
    inherited = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE"}
    }
    return inherited | {
        "DJANGO_SETTINGS_MODULE": "faqbase.settings.dev",
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "FAQBASE_CACHE_KEY_PREFIX": f"faqbase-{secrets.token_hex(4)}",
        "FAQBASE_VAR_DIR": str(var_dir),
        "FAQBASE_ADMIN_PASSWORD": secrets.token_urlsafe(16),
        "DEBUG": "false",
        "HF_HUB_OFFLINE": "1",
        # Tests and benchmarks ask from one address far faster than any visitor may.
        "FAQBASE_API_RATE": "100000/m",
        "FAQBASE_SEARCH_RATE": "100000/m",
    }


def site_init(environment):
    subprocess.run(
        [faqbase_command(), "init"], env=environment, check=True, capture_output=True, text=True
    )


@contextlib.contextmanager
def app_server(environment, workers=1, log_path=None, webhook_worker=True):
    """`faqbase serve` on a free port; yields its address once /healthz answers 200."""
    port = free_port()
    log = open(log_path, "ab") if log_path else subprocess.DEVNULL  # noqa: SIM115
    command = [faqbase_command(), "serve", "--port", str(port), "--workers", str(workers)]
    if not webhook_worker:
        command.append("--no-webhook-worker")
    url = f"http://127.0.0.1:{port}"
    try:
        # Stopped as a group: gunicorn's workers go with their master, even one killed.
        with process_group(
            command, STOP_TIMEOUT_SECONDS, env=environment, stdout=log, stderr=log
        ) as server:
            wait_until_healthy(url, server)
            yield url
    finally:
        if log_path:
            log.close()


def wait_until_healthy(url, server):
    deadline = time.monotonic() + START_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"faqbase serve exited with {server.returncode}")
        if fetch(url + "/healthz")[0] == 200:
            return
        time.sleep(0.3)
    raise RuntimeError(f"faqbase did not become healthy at {url} within {START_TIMEOUT_SECONDS}s")


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


_opener = urllib.request.build_opener(_NoRedirects)


def fetch(url, timeout=REQUEST_TIMEOUT_SECONDS, session=None):
    """(status, body text), redirects not followed; 0 and the error when nothing answered.

    With `session`, as the signed-in user of that session key (`signed_in_session`).
    """
    request = urllib.request.Request(url)
    if session:
        request.add_header("Cookie", f"sessionid={session}")
    try:
        with _opener.open(request, timeout=timeout) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(errors="replace")
    except OSError as error:
        return 0, str(error)


def served_ask(url, question, session=None):
    """The questions /api/ask returns, best first."""
    query = urllib.parse.urlencode({"q": question})
    status, body = fetch(f"{url}/api/ask?{query}", session=session)
    if status != 200:
        return []
    return [result["question"] for result in json.loads(body)["results"]]


def cli_ask(environment, question):
    """The questions `faqbase ask --json` returns, best first."""
    result = subprocess.run(
        [faqbase_command(), "ask", question, "--json"],
        env=environment,
        check=True,
        capture_output=True,
        text=True,
    )
    return [item["question"] for item in json.loads(result.stdout)["results"]]


PUBLISH_SCRIPT = """
import sys, time, django
django.setup()
from faqbase.knowledge.models import FAQPage
faq = FAQPage.objects.get(slug=sys.argv[1])
draft = faq.get_latest_revision_as_object()
draft.title = sys.argv[2]
draft.answer = "<p>" + sys.argv[3] + "</p>"
started = time.time()
draft.save_revision().publish()
print(faq.url, started, time.time())
"""


def faq_publish_edit(environment, *, slug, question, answer):
    """Publish a new question and answer for an FAQ from another process, as an editor would.

    Returns the page's path and the wall-clock times at which publishing began and ended.
    """
    result = subprocess.run(
        [sys.executable, "-c", PUBLISH_SCRIPT, slug, question, answer],
        env=environment,
        check=True,
        capture_output=True,
        text=True,
    )
    path, started, finished = result.stdout.split()
    return path, float(started), float(finished)


PRIVACY_SCRIPT = """
import sys, time, django
django.setup()
from wagtail.models import Page, PageViewRestriction
page = Page.objects.get(slug=sys.argv[1])
if sys.argv[2] == "private":
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
else:
    PageViewRestriction.objects.filter(page=page).delete()
print(time.time())
"""


def page_privacy_set(environment, *, slug, private):
    """Make a page private to signed-in users, or public again, from another process, as the
    admin's Privacy dialog on any app server would; returns the wall-clock time it was done."""
    result = subprocess.run(
        [sys.executable, "-c", PRIVACY_SCRIPT, slug, "private" if private else "public"],
        env=environment,
        check=True,
        capture_output=True,
        text=True,
    )
    return float(result.stdout)


SESSION_SCRIPT = """
import sys, django
django.setup()
from django.contrib.auth import get_user_model
from django.test import Client
user, _created = get_user_model().objects.get_or_create(username=sys.argv[1])
client = Client()
client.force_login(user)
print(client.cookies["sessionid"].value)
"""


def signed_in_session(environment, username):
    """The session key of `username` signed in, valid on every app server of the site."""
    result = subprocess.run(
        [sys.executable, "-c", SESSION_SCRIPT, username],
        env=environment,
        check=True,
        capture_output=True,
        text=True,
    )
    return result.stdout.strip()


def seconds_until(condition, *, since, timeout, interval=0.1):
    """Wall-clock seconds from `since` until `condition()` holds; None if it did not in time."""
    deadline = since + timeout
    while True:
        if condition():
            return time.time() - since
        if time.time() > deadline:
            return None
        time.sleep(interval)


def seconds_until_each(conditions, *, since, timeout):
    """{name: seconds_until(condition)} for every named condition, all watched at once."""
    with ThreadPoolExecutor(max_workers=len(conditions)) as pool:
        waits = {
            name: pool.submit(seconds_until, condition, since=since, timeout=timeout)
            for name, condition in conditions.items()
        }
        return {name: wait.result() for name, wait in waits.items()}
