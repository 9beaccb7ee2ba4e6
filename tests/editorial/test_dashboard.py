"""The Insights dashboard: accessible server-drawn charts with a table of the same figures."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from faqbase.editorial.models import QueryLogEntry
from faqbase.editorial.reports import activity_report

pytestmark = pytest.mark.django_db


def log(text, confident, days_ago):
    entry = QueryLogEntry.objects.create(
        text=text, source="api", confident=confident, confidence=0.5, visitor_hash="d"
    )
    when = timezone.now() - datetime.timedelta(days=days_ago)
    QueryLogEntry.objects.filter(pk=entry.pk).update(created_at=when)


def test_activity_counts_questions_and_the_no_answer_rate_per_day():
    log("a", True, 0)
    log("b", False, 0)
    log("c", False, 3)
    rows = activity_report(days=7)
    assert len(rows) == 7 and rows[-1]["date"] == timezone.localdate()
    assert (rows[-1]["questions"], rows[-1]["unanswered"], rows[-1]["no_answer_rate"]) == (
        2,
        1,
        0.5,
    )
    assert rows[-4]["no_answer_rate"] == 1.0
    assert rows[-2]["no_answer_rate"] is None


def test_the_dashboard_draws_labelled_svg_charts_and_a_data_table(editor_client):
    log("gantt chart in excel", False, 1)
    log("pm salary", True, 1)
    html = editor_client.get("/admin/insights/").content.decode()
    assert html.count('role="img"') == 2
    assert 'aria-labelledby="questions-chart-title questions-chart-desc"' in html
    assert html.count('<rect class="bar"') == 30
    assert "The same figures as a table" in html
    assert "gantt chart in excel" in html
    assert '<script src="http' not in html


def test_activity_as_csv_from_the_command_line():
    log("a", False, 0)
    output = io.StringIO()
    call_command("report", "activity", "--csv", stdout=output)
    lines = output.getvalue().splitlines()
    assert lines[0] == "date,questions,unanswered,no_answer_rate"
    assert lines[-1].endswith(",1,1,1.0")
