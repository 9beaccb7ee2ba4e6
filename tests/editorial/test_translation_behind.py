"""A translation last edited before its source changed is listed for review."""

import pytest

from faqbase.editorial.reports import stale_report
from tests.support.languages import TOO_OLD_SLUG, english_faq, welsh_translation

pytestmark = pytest.mark.django_db


def rows_by_id():
    return {row["faq_id"]: row for row in stale_report(months=1200)}


def test_editing_the_source_puts_its_translation_behind():
    english = english_faq(TOO_OLD_SLUG)
    welsh = welsh_translation(english)
    assert welsh.pk not in rows_by_id()
    english.answer += "<p>A further paragraph.</p>"
    english.save_revision().publish()
    rows = rows_by_id()
    assert rows[welsh.pk]["translation_behind"]
    assert rows[welsh.pk]["language"] == "cy"
    assert rows[welsh.pk]["source_last_edited"] > rows[welsh.pk]["last_edited"]
    assert english.pk not in rows


def test_editing_the_translation_again_brings_it_level():
    english = english_faq(TOO_OLD_SLUG)
    english.answer += "<p>A further paragraph.</p>"
    english.save_revision().publish()
    welsh = welsh_translation(english)
    welsh.answer += "<p>Paragraff arall.</p>"
    welsh.save_revision().publish()
    assert welsh.pk not in rows_by_id()


def test_the_due_for_review_page_marks_a_translation_behind(editor_client):
    english = english_faq(TOO_OLD_SLUG)
    english.answer += "<p>A further paragraph.</p>"
    english.save_revision().publish()
    html = editor_client.get("/admin/stale/").content.decode()
    welsh = welsh_translation(english)
    row = html.split(f"/admin/pages/{welsh.pk}/edit/")[1].split("</tr>")[0]
    assert "Translation behind: its source was edited on" in row
