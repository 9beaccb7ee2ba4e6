"""Importing another system's knowledge base: checked whole, previewed, written once, updated by
the source's own ids, under the importing user's rights."""

import csv

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command

from faqbase.importexport.models import ImportedPage
from faqbase.importexport.planning import Action, import_plan
from faqbase.importexport.sources import SourceError
from faqbase.importexport.writing import import_apply
from faqbase.knowledge.models import FAQPage, TopicPage

pytestmark = pytest.mark.django_db

HEADER = ["question", "answer", "topic", "tags", "phrasings", "last_edited", "language"]
ROWS = [
    [
        "How long does an APM Project Fundamentals course take?",
        "Most learners finish it in **two days** of teaching, then sit the exam online.",
        "Course logistics",
        "APM, exams",
        "How many days is the PFQ course? | Length of the fundamentals course",
        "2026-03-02",
        "",
    ],
    [
        "Can I sit the exam from home?",
        "<p>Yes: the exam is taken online with a remote invigilator.</p>",
        "Course logistics",
        "exams",
        "",
        "",
        "en",
    ],
    [
        "Do you run courses in the evening?",
        "",
        "Course logistics",
        "",
        "",
        "",
        "",
    ],
]
TOO_OLD = "Am I too old to become a project manager at 55?"


def sheet(path, rows, header=HEADER):
    with path.open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(header)
        writer.writerows(rows)
    return path


@pytest.fixture
def faqs_csv(tmp_path):
    return sheet(tmp_path / "faqs.csv", ROWS)


def imported(path, user, **options):
    plan = import_plan(path=path, user=user, **options)
    import_apply(plan=plan)
    return plan


def test_a_moderator_imports_a_sheet_as_published_faqs_in_a_new_topic(faqs_csv, member_of):
    moderator = member_of("Moderators")
    plan = imported(faqs_csv, moderator)

    assert plan.counts()[Action.CREATE] == 3
    topic = TopicPage.objects.get(title="Course logistics")
    assert topic.live
    course = FAQPage.objects.child_of(topic).get(title=ROWS[0][0])
    assert course.live
    assert "<strong>two days</strong>" in course.answer
    assert sorted(tag.name for tag in course.tags.all()) == ["APM", "exams"]
    assert [p.text for p in course.alternative_phrasings.all()] == [
        "How many days is the PFQ course?",
        "Length of the fundamentals course",
    ]
    assert course.last_edited.date().isoformat() == "2026-03-02"
    assert course in list(FAQPage.objects.live().search("APM Project Fundamentals"))
    assert course.latest_revision.user == moderator
    # A question with no answer yet is a draft for an editor to write.
    unanswered = FAQPage.objects.get(title=ROWS[2][0])
    assert not unanswered.live


def test_importing_the_same_sheet_again_changes_nothing(faqs_csv, member_of):
    moderator = member_of("Moderators")
    imported(faqs_csv, moderator)
    pages = set(FAQPage.objects.values_list("pk", flat=True))

    again = imported(faqs_csv, moderator)

    assert again.counts()[Action.UNCHANGED] == 3
    assert set(FAQPage.objects.values_list("pk", flat=True)) == pages


def test_a_changed_row_updates_the_page_it_made(tmp_path, faqs_csv, member_of):
    moderator = member_of("Moderators")
    imported(faqs_csv, moderator)
    page = FAQPage.objects.get(title=ROWS[1][0])
    changed = [row[:] for row in ROWS]
    changed[1][1] = "<p>Yes, with a webcam and a quiet room.</p>"

    plan = imported(sheet(tmp_path / "faqs.csv", changed), moderator)

    assert [item.action for item in plan.faqs] == [Action.UNCHANGED, Action.UPDATE, "unchanged"]
    page.refresh_from_db()
    assert "webcam" in page.answer
    assert FAQPage.objects.filter(title=ROWS[1][0]).count() == 1


def test_an_editor_imports_drafts_for_a_moderator_to_publish(faqs_csv, member_of):
    plan = imported(faqs_csv, member_of("Editors"))

    assert plan.counts()[Action.CREATE] == 3
    assert not FAQPage.objects.filter(title__in=[row[0] for row in ROWS], live=True).exists()
    assert not TopicPage.objects.get(title="Course logistics").live


def test_an_analyst_may_not_import(faqs_csv, member_of):
    with pytest.raises(PermissionDenied):
        import_plan(path=faqs_csv, user=member_of("Analysts"))
    assert not FAQPage.objects.filter(title=ROWS[0][0]).exists()


def test_a_broken_row_stops_the_whole_import_naming_the_row(tmp_path, member_of):
    rows = [ROWS[0], ["", "An answer to no question.", "Course logistics", "", "", "", ""]]
    source = sheet(tmp_path / "faqs.csv", rows)

    with pytest.raises(SourceError, match="row 3"):
        import_plan(path=source, user=member_of("Moderators"))
    assert not FAQPage.objects.filter(title=ROWS[0][0]).exists()


def test_a_question_the_site_answers_is_shown_as_a_duplicate_and_can_be_merged(tmp_path, member_of):
    source = sheet(
        tmp_path / "faqs.csv", [[TOO_OLD, "Age is no barrier.", "Course logistics", "", "", "", ""]]
    )
    moderator = member_of("Moderators")
    existing = FAQPage.objects.get(slug="am-i-too-old-to-be-a-project-manager")

    plan = import_plan(path=source, user=moderator)
    assert plan.faqs[0].duplicate_of == existing

    import_apply(plan=import_plan(path=source, user=moderator, merge=[plan.faqs[0].record.key]))

    existing.refresh_from_db()
    assert TOO_OLD in [p.text for p in existing.alternative_phrasings.all()]
    assert not FAQPage.objects.filter(title=TOO_OLD).exists()
    assert import_plan(path=source, user=moderator).faqs[0].action == Action.UNCHANGED


def test_hostile_html_never_reaches_a_page(tmp_path, member_of):
    hostile = '<p onclick="steal()">Fine.</p><script>alert(1)</script><img src=x onerror=alert(2)>'
    source = sheet(tmp_path / "faqs.csv", [["Is it safe?", hostile, "Safety", "", "", "", ""]])

    imported(source, member_of("Moderators"))

    answer = FAQPage.objects.get(title="Is it safe?").answer
    assert "Fine." in answer
    for hostile_part in ("script", "onclick", "onerror", "<img"):
        assert hostile_part not in answer


def test_a_language_the_site_is_not_written_in_is_skipped_with_the_reason(tmp_path, member_of):
    rows = [["Wie lange dauert der Kurs?", "Zwei Tage.", "Kurse", "", "", "", "de"]]
    plan = import_plan(path=sheet(tmp_path / "faqs.csv", rows), user=member_of("Moderators"))

    assert plan.faqs[0].action == Action.SKIP
    assert "'de'" in plan.faqs[0].reason


def test_a_welsh_row_goes_to_the_welsh_topic(tmp_path, member_of):
    rows = [["Pa mor hir yw'r cwrs?", "Deuddydd.", "Rheoli prosiectau", "", "", "", "cy"]]
    imported(sheet(tmp_path / "faqs.csv", rows), member_of("Moderators"))

    faq = FAQPage.objects.get(title="Pa mor hir yw'r cwrs?")
    assert faq.locale.language_code == "cy"
    assert faq.get_parent().slug == "rheoli-prosiectau"


def test_the_dry_run_prints_the_plan_and_writes_nothing(faqs_csv, capsys):
    call_command("import", str(faqs_csv), "--dry-run")

    printed = capsys.readouterr().out
    assert "3 FAQs to create" in printed
    assert "new topic   Course logistics" in printed
    assert not FAQPage.objects.filter(title=ROWS[0][0]).exists()
    assert not ImportedPage.objects.exists()


def test_a_sheet_without_topics_goes_to_the_topic_named_on_the_command_line(tmp_path, capsys):
    source = sheet(tmp_path / "faqs.csv", [["Is there parking?", "Yes."]], ["question", "answer"])

    call_command("import", str(source), "--topic", "project-management")

    faq = FAQPage.objects.get(title="Is there parking?")
    assert faq.get_parent().slug == "project-management"
