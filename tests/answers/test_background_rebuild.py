"""A changed index is rebuilt beside the running one: questions never wait for a rebuild."""

import threading

import pytest

from faqbase.answers.services import AnswerEngine

WAIT_SECONDS = 10


class SlowBuilds:
    """Stands in for building rankers: each build returns a label; a build can be held."""

    def __init__(self):
        self.version = 1
        self.built = []
        self.release = threading.Event()
        self.release.set()
        self.started = threading.Event()
        self.broken = False

    def current_version(self):
        return self.version

    def build(self):
        self.started.set()
        assert self.release.wait(WAIT_SECONDS), "the test never released the build"
        if self.broken:
            raise RuntimeError("the database went away")
        label = f"ranker for version {self.version}"
        self.built.append(label)
        return label


@pytest.fixture
def builds(settings):
    settings.FAQBASE_INDEX_BACKGROUND_REBUILD = True
    settings.FAQBASE_INDEX_CHECK_SECONDS = 0
    return SlowBuilds()


@pytest.fixture
def engine(builds):
    engine = AnswerEngine(build=builds.build, current_version=builds.current_version)
    yield engine
    builds.release.set()
    engine.wait_for_rebuild(WAIT_SECONDS)


def start_a_held_rebuild(builds, engine):
    builds.version = 2
    builds.release.clear()
    builds.started.clear()
    first_answer = engine.ranker()
    assert builds.started.wait(WAIT_SECONDS)
    return first_answer


def test_questions_during_a_rebuild_get_the_old_index(builds, engine):
    assert engine.ranker() == "ranker for version 1"
    assert start_a_held_rebuild(builds, engine) == "ranker for version 1"
    assert engine.ranker() == "ranker for version 1"


def test_the_new_index_is_swapped_in_once_built(builds, engine):
    engine.ranker()
    start_a_held_rebuild(builds, engine)
    builds.release.set()
    engine.wait_for_rebuild(WAIT_SECONDS)
    assert engine.ranker() == "ranker for version 2"


def test_one_rebuild_at_a_time(builds, engine):
    engine.ranker()
    start_a_held_rebuild(builds, engine)
    for _ in range(5):
        engine.ranker()
    builds.release.set()
    engine.wait_for_rebuild(WAIT_SECONDS)
    assert builds.built == ["ranker for version 1", "ranker for version 2"]


def test_a_failed_rebuild_keeps_the_old_index_and_is_retried(builds, engine):
    engine.ranker()
    builds.version = 2
    builds.broken = True
    engine.ranker()
    engine.wait_for_rebuild(WAIT_SECONDS)
    assert engine.ranker() == "ranker for version 1"
    engine.wait_for_rebuild(WAIT_SECONDS)
    builds.broken = False
    engine.ranker()
    engine.wait_for_rebuild(WAIT_SECONDS)
    assert engine.ranker() == "ranker for version 2"
