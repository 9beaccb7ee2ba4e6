"""Shared fixtures: a test database holding the demo knowledge base, and small page trees."""

import os

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.test import override_settings

from faqbase.answers.services import (
    answer_engines_reset,
    answer_index_build,
    configured_embedder,
    second_opinion_embedder,
)
from faqbase.articles.models import ArticleIndexPage, ArticlePage
from faqbase.base.models import HomePage
from faqbase.demo.services import demo_load
from faqbase.editorial.roles import editor_roles_ensure
from faqbase.knowledge.models import FAQPage, TopicPage
from tests.support.processes import leftovers_stopped, run_marker

# Set before any test starts a process, so that every process the run starts carries it.
RUN_MARKER = run_marker()


# The PostgreSQL pass in CI: a test that never touches the test database (the engine's own,
# the settings checks that start a server on SQLite) would only repeat its SQLite result.
DATABASE_FIXTURES = {"db", "transactional_db"}


def pytest_addoption(parser):
    parser.addoption(
        "--database-only",
        action="store_true",
        help="run only the tests that use the test database, and the scale-out tests",
    )


def pytest_collection_modifyitems(config, items):
    if not config.getoption("--database-only"):
        return
    kept = [item for item in items if uses_database(item)]
    config.hook.pytest_deselected(items=[item for item in items if item not in kept])
    items[:] = kept


def uses_database(item):
    if item.get_closest_marker("django_db") or item.get_closest_marker("scaleout"):
        return True
    return bool(DATABASE_FIXTURES & set(getattr(item, "fixturenames", ())))


def pytest_sessionfinish(session, exitstatus):
    """A server, nginx or database a test started and failed to stop fails the run, and is
    stopped here rather than left running."""
    left = leftovers_stopped(RUN_MARKER)
    if left:
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        reporter.write_line(
            "Processes the tests started were still running; stopped now:", red=True
        )
        for pid, command in left:
            reporter.write_line(f"  {pid}: {command}")
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


@pytest.fixture(scope="session", autouse=True)
def prepared_models():
    """The models unpacked and exported once, where every site a test starts finds them.

    A site started by a test (`faqbase serve` in a process of its own) would otherwise spend
    a minute unpacking and exporting the second model before it answers.
    """
    os.environ["FAQBASE_MODELS_DIR"] = str(settings.FAQBASE_MODELS_DIR)
    with override_settings(FAQBASE_SECOND_OPINION=True):
        second_model = second_opinion_embedder()
    for embedder in (configured_embedder(), second_model):
        if embedder is not None:
            embedder.runs_onnx  # noqa: B018 - loading it unpacks and exports it


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the demo once per run; each test then works inside a rolled-back transaction."""
    with django_db_blocker.unblock():
        demo_load()
        answer_index_build()  # stores the demo's vectors once for every test


@pytest.fixture(autouse=True)
def fresh_process_state(settings, tmp_path):
    """Caches outlive a test's rolled-back transaction; drop them so none leaks into the next.

    The answer index's token files too: each test reads its tokens from its own database.
    """
    settings.FAQBASE_INDEX_DIR = tmp_path / "answer-index"
    yield
    cache.clear()  # Wagtail's site root paths
    answer_engines_reset()


@pytest.fixture
def editor_client(client, db):
    """A client signed in as an editor with every permission."""
    editor = get_user_model().objects.create_superuser("editor", password="a-strong-passphrase")
    client.force_login(editor)
    return client


@pytest.fixture
def member_of(db):
    """A user in one of the editors' groups (Editors, Moderators, Analysts), named after it."""
    editor_roles_ensure()

    def make(role):
        user = get_user_model().objects.create_user(role.lower(), password="x" * 16)
        user.groups.add(Group.objects.get(name=role))
        return user

    return make


@pytest.fixture
def home(db):
    return HomePage.in_default_locale()


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def make_topic(home):
    def make(title="Testing topic", slug="testing-topic"):
        topic = TopicPage(title=title, slug=slug, intro="<p>About testing.</p>")
        home.add_child(instance=topic)
        return publish(topic)

    return make


@pytest.fixture
def make_faq():
    def make(topic, question, answer="<p>An answer.</p>", live=True, **fields):
        faq = FAQPage(title=question, answer=answer, live=False, **fields)
        topic.add_child(instance=faq)
        return publish(faq) if live else faq

    return make


@pytest.fixture
def make_article():
    def make(title, topics=(), date=None, **fields):
        index = ArticleIndexPage.objects.get()
        article = ArticlePage(
            title=title, teaser=f"About {title}.", body="<p>Body.</p>", live=False, **fields
        )
        if date:
            article.date = date
        index.add_child(instance=article)
        article.topics.set(topics)
        return publish(article)

    return make


@pytest.fixture
def pmo_faq(db):
    return FAQPage.objects.get(slug="what-is-the-difference-between-a-pmo-and-a-project-manager")
