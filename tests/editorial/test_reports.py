"""The editors' reports on known data, in the admin and from `faqbase report`."""

import csv
import datetime
import io
import json

import pytest
from django.core.management import call_command
from wagtail.contrib.redirects.models import Redirect

from faqbase.editorial.models import FAQFeedback
from faqbase.editorial.reports import duplicates_report, feedback_report, stale_report
from faqbase.editorial.services import faq_merge
from faqbase.knowledge.models import FAQPage

pytestmark = pytest.mark.django_db

TOO_OLD = {"Am I too old to be a project manager?", "Is 40 too old to become a project manager?"}
PROGRAMME = {
    "Are programme managers and project managers the same?",
    "What is the difference between a project manager and a programme manager?",
    "What is the difference between program and project manager?",
}


def report_output(*args):
    output = io.StringIO()
    call_command("report", *args, stdout=output)
    return output.getvalue()


def test_duplicates_on_the_demo_find_the_too_old_and_programme_questions():
    clusters = [{faq["question"] for faq in cluster["faqs"]} for cluster in duplicates_report()]
    assert TOO_OLD in clusters
    assert any(PROGRAMME <= cluster for cluster in clusters)
    assert not any(
        "What is PM in Agile?" in c and "Are project managers well paid?" in c for c in clusters
    )


def test_stale_lists_faqs_not_reviewed_for_a_year_oldest_first():
    rows = stale_report(months=12)
    demo_due = {"Can anyone be trained to be a project manager?", "Is a PM a Scrum Master?"}
    assert demo_due <= {row["question"] for row in rows}
    reviewed = [row["last_reviewed"] for row in rows]
    assert reviewed == sorted(reviewed)
    cutoff = datetime.date.today() - datetime.timedelta(days=365)
    assert all(row["last_reviewed"] < cutoff for row in rows)


def test_feedback_ranks_the_least_helpful_first_with_reasons_and_comments(pmo_faq):
    other = FAQPage.objects.exclude(pk=pmo_faq.pk).first()
    for number, helpful in enumerate([False, False, True]):
        FAQFeedback.objects.create(
            faq=pmo_faq,
            helpful=helpful,
            reason="" if helpful else "wrong",
            comment="" if helpful else f"comment {number}",
            visitor_hash=str(number),
            day=datetime.date.today(),
        )
    FAQFeedback.objects.create(faq=other, helpful=True, visitor_hash="x", day=datetime.date.today())
    rows = feedback_report()
    assert [row["question"] for row in rows] == [pmo_faq.title, other.title]
    assert rows[0]["not_helpful_rate"] == pytest.approx(0.667)
    assert rows[0]["reasons"] == {"wrong": 2}
    assert rows[0]["recent_comments"] == ["comment 1", "comment 0"]


def test_merge_keeps_every_phrasing_redirects_and_can_be_undone(client, admin_user):
    survivor = FAQPage.objects.get(slug="am-i-too-old-to-be-a-project-manager")
    other = FAQPage.objects.get(slug="is-40-too-old-to-become-a-project-manager")
    other_phrasings = [p.text for p in other.alternative_phrasings.all()]
    old_url = other.url
    faq_merge(survivor=survivor, others=[other], user=admin_user)
    survivor.refresh_from_db()
    phrasings = [p.text for p in survivor.alternative_phrasings.all()]
    assert other.title in phrasings and set(other_phrasings) <= set(phrasings)
    response = client.get(old_url)
    assert response.status_code == 301 and response["Location"].endswith(survivor.url)
    assert Redirect.objects.filter(redirect_page=survivor).count() == 1
    other.refresh_from_db()
    assert not other.live and other.revisions.count() >= 1
    before_merge = survivor.revisions.order_by("-created_at")[1]
    before_merge.publish()
    restored = FAQPage.objects.get(pk=survivor.pk)
    assert other.title not in [p.text for p in restored.alternative_phrasings.all()]


def test_the_duplicates_page_merges_a_group(editor_client):
    assert (
        "Is 40 too old to become a project manager?"
        in editor_client.get("/admin/duplicates/").content.decode()
    )
    survivor = FAQPage.objects.get(slug="am-i-too-old-to-be-a-project-manager")
    other = FAQPage.objects.get(slug="is-40-too-old-to-become-a-project-manager")
    editor_client.post(
        "/admin/duplicates/", {"survivor": survivor.pk, "faq": [survivor.pk, other.pk]}
    )
    other.refresh_from_db()
    assert not other.live
    for url in ["/admin/stale/", "/admin/feedback_report/"]:
        assert editor_client.get(url).status_code == 200


def test_reports_as_json_and_csv_from_the_command_line():
    stale = json.loads(report_output("stale", "--json"))
    assert {"faq_id", "question", "url", "last_reviewed"} <= set(stale[0])
    lines = list(csv.DictReader(io.StringIO(report_output("duplicates", "--csv"))))
    assert {"cluster", "similarity", "faq_id", "question", "url"} == set(lines[0])
    assert TOO_OLD <= {line["question"] for line in lines}
    assert report_output("feedback").strip() == "Nothing to report."
