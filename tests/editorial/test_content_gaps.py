"""Content gaps: unanswered questions clustered by meaning, turned into a draft, and the proof."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Locale

from faqbase.editorial.models import ContentGap, FAQFeedback, QueryLogEntry, VisitorQuestion
from faqbase.editorial.reports import closed_gaps_report, gaps_report
from faqbase.editorial.services import gap_to_draft
from faqbase.knowledge.models import TopicPage

pytestmark = pytest.mark.django_db

GANTT = ["how do I make a gantt chart in excel", "gantt chart template", "build a gantt chart"]
RACI = ["what is a RACI matrix", "how to fill in a RACI chart"]


def log(text, confident=False, when=None):
    entry = QueryLogEntry.objects.create(
        text=text, source="search", confident=confident, confidence=0.1, visitor_hash="t"
    )
    if when:
        QueryLogEntry.objects.filter(pk=entry.pk).update(created_at=when)
    return entry


def test_unanswered_questions_are_clustered_by_meaning_largest_first():
    for text in GANTT * 2 + RACI:
        log(text)
    log("project manager salary", confident=True)
    clusters = gaps_report(days=30)
    assert clusters[0]["volume"] == 6
    assert set(clusters[0]["examples"]) == set(GANTT)
    assert all("project manager salary" not in c["examples"] for c in clusters)


def test_questions_outside_the_period_are_left_out():
    log(GANTT[0], when=timezone.now() - datetime.timedelta(days=40))
    assert gaps_report(days=30) == []
    assert gaps_report(days=90)[0]["volume"] == 1


def test_a_cluster_becomes_a_draft_and_its_no_answer_rate_falls_after_publishing(admin_user):
    topic = TopicPage.objects.get(locale=Locale.get_default())
    published_at = timezone.now()
    for text in GANTT:
        log(text, when=published_at - datetime.timedelta(days=2))
    draft = gap_to_draft(phrasings=GANTT, topic=topic, user=admin_user)
    assert not draft.live
    assert [p.text for p in draft.alternative_phrasings.all()] == GANTT
    assert ContentGap.objects.get().faq_id == draft.pk
    draft.answer = "<p>Use a bar chart with dates along the top.</p>"
    draft.save_revision().publish()
    for text in GANTT[:2]:
        log(text, confident=True, when=timezone.now() + datetime.timedelta(minutes=5))
    log(GANTT[2], when=timezone.now() + datetime.timedelta(minutes=6))
    (row,) = closed_gaps_report(days=30)
    assert row["before"] == {"questions": 3, "no_answer_rate": 1.0}
    assert row["after"] == {"questions": 3, "no_answer_rate": 0.333}


def test_the_gaps_page_creates_a_draft_from_a_cluster(editor_client):
    for text in GANTT:
        log(text)
    html = editor_client.get("/admin/gaps/").content.decode()
    assert "Create FAQ from this cluster" in html and "gantt chart template" in html
    topic = TopicPage.objects.get(locale=Locale.get_default())
    response = editor_client.post("/admin/gaps/", {"topic": topic.pk, "phrasing": GANTT})
    draft = ContentGap.objects.get().faq
    assert response["Location"] == f"/admin/pages/{draft.pk}/edit/"


def test_demo_traffic_is_labelled_repeatable_and_removable():
    output = io.StringIO()
    call_command("demo_traffic", stdout=output)
    call_command("demo_traffic", stdout=output)
    assert QueryLogEntry.objects.filter(is_synthetic=True).count() == 300
    assert VisitorQuestion.objects.filter(is_synthetic=True).count() == 2
    assert FAQFeedback.objects.filter(is_synthetic=True, helpful=False).exists()
    biggest = gaps_report(days=30)[0]
    assert any("gantt" in text for text in biggest["examples"])
    call_command("demo_traffic", "--clear", stdout=output)
    assert not QueryLogEntry.objects.filter(is_synthetic=True).exists()
