"""Each editors' report costs as many queries with ten extra FAQs as with two hundred."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from faqbase.editorial import reports
from faqbase.editorial.models import ContentGap, FAQFeedback, QueryLogEntry
from faqbase.knowledge.models import FAQPage
from tests.answers.fakes import WordHashEmbedder

pytestmark = pytest.mark.django_db

SMALL, LARGE = 10, 200
PUBLISHED_DAYS_AGO = 5


@pytest.fixture
def word_hash_embedder(monkeypatch):
    """Embedding two hundred new questions with the real model would take most of the test."""
    embedder = WordHashEmbedder()
    monkeypatch.setattr("faqbase.answers.services.configured_embedder", lambda: embedder)
    return embedder


@pytest.fixture
def scale_topic(make_topic):
    return make_topic(title="Scaling", slug="scaling")


def faqs_added(topic, embedder, start, stop):
    """FAQs numbered start..stop-1, each with votes, a closed gap and questions asked before
    and after it was published."""
    published = timezone.now() - datetime.timedelta(days=PUBLISHED_DAYS_AGO)
    faqs = []
    for number in range(start, stop):
        faq = FAQPage(
            # Words of their own, so that no two extra FAQs mean the same to the test embedder.
            title=f"What is widget{number} gadget{number} gizmo{number} doohickey{number}?",
            slug=f"scale-{number}",
            answer="<p>Carefully.</p>",
            live=True,
            first_published_at=published,
        )
        topic.add_child(instance=faq)
        faqs.append(faq)
    FAQFeedback.objects.bulk_create(
        FAQFeedback(
            faq=faq,
            helpful=helpful,
            reason="" if helpful else "unclear",
            comment="" if helpful else f"Which project, {faq.pk}?",
            visitor_hash=visitor,
            day=timezone.localdate(),
        )
        for faq in faqs
        for helpful, visitor in ((False, "a"), (True, "b"))
    )
    ContentGap.objects.bulk_create(
        ContentGap(
            phrasings=[faq.title], centroid=embedder.embed([faq.title])[0].tobytes(), faq=faq
        )
        for faq in faqs
    )
    for moment, confident in ((published - datetime.timedelta(days=1), False), (None, True)):
        entries = QueryLogEntry.objects.bulk_create(
            QueryLogEntry(
                text=faq.title.lower(),
                source="search",
                confident=confident,
                confidence=0.9 if confident else 0.1,
                visitor_hash="v",
            )
            for faq in faqs
        )
        if moment:  # created_at is stamped on creation; move these back to before publishing
            QueryLogEntry.objects.filter(pk__in=[entry.pk for entry in entries]).update(
                created_at=moment
            )
    return faqs


def queries_of(report):
    # The first run fills the process's caches (site root paths, vectors of new texts), which
    # every later run reuses whatever the size; the second run is the one counted.
    report()
    with CaptureQueriesContext(connection) as captured:
        result = report()
    return len(captured), result


REPORTS = {
    "stale": reports.stale_report,
    "feedback": reports.feedback_report,
    "duplicates": reports.duplicates_report,
    "gaps": reports.gaps_report,
    "closed gaps": reports.closed_gaps_report,
    "activity": reports.activity_report,
    "top questions": reports.top_questions,
    "helpfulness": reports.helpfulness,
}


@pytest.mark.parametrize("name", REPORTS)
def test_report_queries_do_not_grow_with_the_number_of_faqs(name, scale_topic, word_hash_embedder):
    report = REPORTS[name]
    faqs_added(scale_topic, word_hash_embedder, 0, SMALL)
    small, _ = queries_of(report)
    faqs_added(scale_topic, word_hash_embedder, SMALL, LARGE)
    large, _ = queries_of(report)
    print(f"{name}: {small} queries with {SMALL} extra FAQs, {large} with {LARGE}")
    assert large == small


def extra_rows(rows, faqs):
    by_id = {faq.pk: faq for faq in faqs}
    return [row for row in rows if row["faq_id"] in by_id]


def test_feedback_report_gives_every_faq_its_own_reasons_and_comments(
    scale_topic, word_hash_embedder
):
    faqs = faqs_added(scale_topic, word_hash_embedder, 0, LARGE)
    rows = extra_rows(reports.feedback_report(), faqs)
    assert len(rows) == LARGE
    for row in rows:
        assert (row["votes"], row["not_helpful"], row["not_helpful_rate"]) == (2, 1, 0.5)
        assert row["reasons"] == {"unclear": 1}
        assert row["recent_comments"] == [f"Which project, {row['faq_id']}?"]


def test_feedback_report_keeps_only_the_five_latest_comments_newest_first(pmo_faq):
    FAQFeedback.objects.bulk_create(
        FAQFeedback(
            faq=pmo_faq,
            helpful=False,
            comment=f"comment {number}",
            visitor_hash=str(number),
            day=timezone.localdate() - datetime.timedelta(days=number),
        )
        for number in range(7)
    )
    for number in range(7):  # comment 6 the newest
        FAQFeedback.objects.filter(comment=f"comment {number}").update(
            created_at=timezone.now() - datetime.timedelta(hours=10 - number)
        )
    (row,) = reports.feedback_report()
    assert row["recent_comments"] == [f"comment {number}" for number in (6, 5, 4, 3, 2)]
    assert row["reasons"] == {}


def test_closed_gaps_report_counts_each_gap_s_own_questions_before_and_after(
    scale_topic, word_hash_embedder
):
    faqs = faqs_added(scale_topic, word_hash_embedder, 0, LARGE)
    rows = extra_rows(reports.closed_gaps_report(days=30, similarity=0.95), faqs)
    assert [row["faq_id"] for row in rows] == [faq.pk for faq in faqs]
    for row in rows:
        assert row["before"] == {"questions": 1, "no_answer_rate": 1.0}
        assert row["after"] == {"questions": 1, "no_answer_rate": 0.0}


def test_closed_gaps_report_leaves_out_questions_outside_each_gap_s_window(
    scale_topic, word_hash_embedder
):
    faqs = faqs_added(scale_topic, word_hash_embedder, 0, 2)
    FAQPage.objects.filter(pk=faqs[1].pk).update(
        first_published_at=timezone.now() - datetime.timedelta(days=60)
    )
    rows = {row["faq_id"]: row for row in reports.closed_gaps_report(days=3)}
    assert rows[faqs[0].pk]["before"]["questions"] == 1
    assert rows[faqs[1].pk]["before"] == {"questions": 0, "no_answer_rate": None}
    assert rows[faqs[1].pk]["after"] == {"questions": 0, "no_answer_rate": None}


def test_helpfulness_counts_the_period_s_votes_and_the_share_found_helpful(pmo_faq):
    today = timezone.localdate()
    FAQFeedback.objects.bulk_create(
        FAQFeedback(faq=pmo_faq, helpful=helpful, visitor_hash=str(number), day=day)
        for number, (helpful, day) in enumerate(
            [(True, today), (True, today), (False, today), (False, today - datetime.timedelta(40))]
        )
    )
    assert reports.helpfulness(days=30) == {"votes": 3, "helpful_rate": 0.667}
    assert reports.helpfulness(days=60) == {"votes": 4, "helpful_rate": 0.5}


def test_closed_gaps_report_embeds_the_questions_of_far_apart_gaps_in_one_batch(
    scale_topic, word_hash_embedder
):
    faqs = faqs_added(scale_topic, word_hash_embedder, 0, SMALL)
    # Published months apart, so no gap's window holds another gap's questions.
    for number, faq in enumerate(faqs):
        published = timezone.now() - datetime.timedelta(days=100 * (number + 1))
        FAQPage.objects.filter(pk=faq.pk).update(first_published_at=published)
        for entry in QueryLogEntry.objects.filter(text=faq.title.lower()):
            moved = published + datetime.timedelta(days=1 if entry.confident else -1)
            QueryLogEntry.objects.filter(pk=entry.pk).update(created_at=moved)
    word_hash_embedder.calls.clear()  # the centroids made above
    rows = reports.closed_gaps_report(days=30, similarity=0.95)
    assert len(word_hash_embedder.calls) == 1
    assert sorted(word_hash_embedder.calls[0]) == sorted(faq.title.lower() for faq in faqs)
    for row in extra_rows(rows, faqs):
        assert row["before"] == {"questions": 1, "no_answer_rate": 1.0}
        assert row["after"] == {"questions": 1, "no_answer_rate": 0.0}
