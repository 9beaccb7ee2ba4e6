"""A spreadsheet of FAQs, as CSV or XLSX, in faqbase's own columns or phpMyFAQ's, comes back as
faithful records keyed the same way on every import, or as an error naming the row."""

import csv
import datetime
import zipfile

import openpyxl
import pytest

from faqbase.importexport.sources import (
    MAX_ANSWER_LENGTH,
    MAX_SOURCE_BYTES,
    SourceError,
    spreadsheet,
)
from tests.importexport.sources.support import LONDON, SAMPLES_ROOT, by_question

SAMPLES = SAMPLES_ROOT / "spreadsheet"


def write_csv(path, rows, encoding="utf-8", delimiter=","):
    with path.open("w", newline="", encoding=encoding) as file:
        csv.writer(file, delimiter=delimiter).writerows(rows)
    return path


def write_xlsx(path, rows, title="FAQs"):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def cell_text_replaced(path, placeholder, text):
    """openpyxl cuts a cell to Excel's 32,767 characters when it saves; a hostile file need not."""
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"]
    parts["xl/worksheets/sheet1.xml"] = sheet.replace(placeholder.encode(), text.encode())
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


def test_a_faqbase_sheet_gives_its_questions_answers_topics_tags_and_phrasings():
    faqs = by_question(spreadsheet.read_csv(SAMPLES / "faqbase.csv"))

    assert list(faqs) == [
        "What is PRINCE2?",
        "How long does the APM Project Fundamentals course take?",
        "Can I take a course online?",
        "Do you run courses at weekends?",
        "Beth yw PRINCE2?",
    ]
    prince2 = faqs["What is PRINCE2?"]
    assert prince2.answer.startswith("PRINCE2 (PRojects IN Controlled Environments)")
    assert "- Practitioner, on applying the method" in prince2.answer
    assert prince2.answer_format == "markdown"
    assert prince2.topic == "Qualifications"
    assert prince2.tags == ["PRINCE2", "methods"]
    assert prince2.phrasings == ["What does PRINCE2 stand for?", "Is PRINCE2 a method?"]
    assert not prince2.draft
    online = faqs["Can I take a course online?"]
    assert online.answer_format == "html"
    assert online.tags == ["online", "virtual classroom"]
    assert online.phrasings == ["Do you teach online?"]


def test_a_question_with_no_answer_yet_is_a_draft_and_notes_are_ignored():
    faqs = by_question(spreadsheet.read_csv(SAMPLES / "faqbase.csv"))

    weekends = faqs["Do you run courses at weekends?"]
    assert weekends.draft
    assert weekends.answer == ""
    for faq in faqs.values():
        assert "trainers" not in repr(faq)


def test_rows_are_numbered_as_the_spreadsheet_shows_them():
    faqs = spreadsheet.read_csv(SAMPLES / "faqbase.csv").faqs

    # The first answer runs over several lines and row 4 is blank: both count as one row.
    assert [faq.where for faq in faqs] == [
        "faqbase.csv, row 2",
        "faqbase.csv, row 3",
        "faqbase.csv, row 5",
        "faqbase.csv, row 6",
        "faqbase.csv, row 7",
    ]


def test_keys_come_from_the_id_the_slug_or_the_question_and_are_the_same_on_a_second_read():
    first = spreadsheet.read_csv(SAMPLES / "faqbase.csv")
    second = spreadsheet.read_csv(SAMPLES / "faqbase.csv")

    keys = [faq.key for faq in first.faqs]
    assert keys == [
        "what-is-prince2",
        "apm-pfq-course-length",
        "can-i-take-a-course-online",
        "do-you-run-courses-at-weekends",
        "cy/prince2-intro",
    ]
    assert keys == [faq.key for faq in second.faqs]
    assert first.system == "spreadsheet"
    assert first.link_key("https://training.example.org/faq/what-is-prince2") is None


def test_slug_and_language_are_kept():
    faqs = by_question(spreadsheet.read_csv(SAMPLES / "faqbase.csv"))

    assert faqs["How long does the APM Project Fundamentals course take?"].slug == (
        "apm-pfq-course-length"
    )
    assert faqs["Beth yw PRINCE2?"].language == "cy"
    assert faqs["What is PRINCE2?"].language == ""


def test_dates_become_london_times_and_a_date_alone_is_noon():
    faqs = by_question(spreadsheet.read_csv(SAMPLES / "faqbase.csv"))

    noon_31_january = datetime.datetime(2026, 1, 31, 12, tzinfo=LONDON)
    assert faqs["What is PRINCE2?"].last_edited == noon_31_january
    assert (
        faqs["How long does the APM Project Fundamentals course take?"].last_edited
        == noon_31_january
    )
    summer = faqs["Can I take a course online?"].last_edited
    assert summer == datetime.datetime(2025, 7, 14, 11, tzinfo=datetime.UTC)
    welsh = faqs["Beth yw PRINCE2?"].last_edited
    assert welsh == datetime.datetime(2026, 2, 10, 9, 15, tzinfo=LONDON)
    assert faqs["Do you run courses at weekends?"].last_edited is None


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("2026-03-01T10:00:00+01:00", datetime.datetime(2026, 3, 1, 9, tzinfo=datetime.UTC)),
        ("2026-03-01 10:00", datetime.datetime(2026, 3, 1, 10, tzinfo=LONDON)),
        ("01/03/2026 10:30", datetime.datetime(2026, 3, 1, 10, 30, tzinfo=LONDON)),
        ("1 March 2026", datetime.datetime(2026, 3, 1, 12, tzinfo=LONDON)),
    ],
)
def test_last_edited_is_read_in_the_forms_people_write(tmp_path, written, expected):
    rows = [["question", "answer", "last_edited"], ["Q?", "A", written]]

    assert spreadsheet.read_csv(write_csv(tmp_path / "faqs.csv", rows)).faqs[0].last_edited == (
        expected
    )


def test_a_date_that_is_not_one_is_refused_naming_row_and_column(tmp_path):
    rows = [["question", "answer", "last_edited"], ["Q one?", "A", "2026-01-31"]]
    rows.append(["Q two?", "A", "31/02/2026"])
    path = write_csv(tmp_path / "faqs.csv", rows)

    with pytest.raises(SourceError, match=r"faqs.csv, row 3, column last_edited: '31/02/2026'"):
        spreadsheet.read_csv(path)


def test_a_phpmyfaq_sheet_gives_html_answers_category_topics_keywords_and_drafts():
    faqs = spreadsheet.read_csv(SAMPLES / "phpmyfaq.csv").faqs

    assert [faq.question for faq in faqs] == [
        "What is the APM Project Management Qualification?",
        "Do I need experience before taking the PMQ?",
        "Can you run a course for our whole team?",
        "Ydych chi'n cynnig cyrsiau yn Gymraeg?",
    ]
    assert [faq.topic for faq in faqs] == ["Category 1", "Category 1", "Category 2", "Category 2"]
    assert [faq.tags for faq in faqs][:2] == [
        ["APM", "PMQ", "qualification"],
        ["PMQ", "experience"],
    ]
    assert {faq.answer_format for faq in faqs} == {"html"}
    assert "<li>at your offices</li>" in faqs[2].answer
    assert [faq.draft for faq in faqs] == [False, False, True, False]
    assert [faq.language for faq in faqs] == ["en", "en", "en", "cy"]
    assert faqs[3].key == "cy/ydych-chin-cynnig-cyrsiau-yn-gymraeg"
    assert faqs[3].answer == "<p>Cysylltwch â ni i holi am gyrsiau yn Gymraeg.</p>"


def test_a_phpmyfaq_authors_name_and_email_are_never_imported():
    batch = spreadsheet.read_csv(SAMPLES / "phpmyfaq.csv")

    for faq in batch.faqs:
        assert "Course Admin" not in repr(faq)
        assert "courses@example.org" not in repr(faq)


def test_a_phpmyfaq_file_without_a_header_row_is_read_by_position(tmp_path):
    lines = (SAMPLES / "phpmyfaq.csv").read_text(encoding="utf-8").split("\n", 1)[1]
    path = tmp_path / "export.csv"
    path.write_text(lines, encoding="utf-8")

    faqs = spreadsheet.read_csv(path).faqs

    assert faqs[0].question == "What is the APM Project Management Qualification?"
    assert faqs[0].where == "export.csv, row 1"
    assert faqs[2].draft
    assert "Course Admin" not in repr(faqs)


def test_a_phpmyfaq_active_flag_that_is_neither_true_nor_false_is_refused(tmp_path):
    header = ["category_id", "question", "answer", "keywords", "lang", "is_active"]
    path = write_csv(tmp_path / "faqs.csv", [header, ["1", "Q?", "<p>A</p>", "", "en", "maybe"]])

    with pytest.raises(SourceError, match="row 2, column is_active: 'maybe'"):
        spreadsheet.read_csv(path)


def test_hostile_cells_are_kept_as_the_text_of_the_answer():
    faqs = spreadsheet.read_csv(SAMPLES / "hostile.csv").faqs

    assert len(faqs) == 4
    assert "<script>alert('x')</script>" in faqs[0].answer
    assert faqs[0].answer_format == "html"
    assert faqs[1].question == "<b>Bold</b> question about the exam?"
    assert faqs[2].question.startswith("=HYPERLINK(")
    assert faqs[2].tags == ["=1+1", "<i>tag</i>"]
    assert faqs[3].answer.startswith("</textarea></title>")


def test_a_50_mb_cell_is_refused_naming_its_row_and_the_field_limit_is_restored(tmp_path):
    limit = csv.field_size_limit()
    path = tmp_path / "big.csv"
    with path.open("w", encoding="utf-8") as file:
        file.write("question,answer\nIs this fine?,Yes\nIs this huge?,")
        file.write("x" * (50 * 1024 * 1024))

    with pytest.raises(SourceError, match=r"big.csv, row 3: a cell holds more than 100,000"):
        spreadsheet.read_csv(path)
    assert csv.field_size_limit() == limit


def test_an_answer_just_over_the_limit_is_refused_naming_its_row(tmp_path):
    answer = "x" * (MAX_ANSWER_LENGTH + 1)
    path = write_csv(tmp_path / "faqs.csv", [["question", "answer"], ["Too long?", answer]])

    with pytest.raises(SourceError, match="faqs.csv, row 2, column answer: the answer has"):
        spreadsheet.read_csv(path)


def test_a_blank_question_is_refused_naming_its_row(tmp_path):
    rows = [["question", "answer"], ["What is APM?", "A body"], ["", "An answer to nothing"]]

    with pytest.raises(SourceError, match="faqs.csv, row 3: the question is empty"):
        spreadsheet.read_csv(write_csv(tmp_path / "faqs.csv", rows))


def test_a_sheet_without_an_answer_column_names_the_columns_it_has(tmp_path):
    path = write_csv(tmp_path / "faqs.csv", [["Title", "Body", "Notes"], ["Q?", "A", ""]])

    with pytest.raises(SourceError, match="'answer' column; this one's columns are: Title, Body"):
        spreadsheet.read_csv(path)


def test_two_question_columns_are_refused_naming_them(tmp_path):
    path = write_csv(tmp_path / "faqs.csv", [["Question", "Answer", "question "], ["Q?", "A", "Q"]])

    with pytest.raises(SourceError, match="row 1: columns A and C are both 'question'"):
        spreadsheet.read_csv(path)


def test_two_rows_with_the_same_key_are_refused_naming_both(tmp_path):
    rows = [["question", "answer"], ["What is PRINCE2?", "A method."], ["", ""]]
    rows.append(["What is PRINCE2 ?", "A method, again."])

    with pytest.raises(
        SourceError, match=r"row 4: has the same key 'what-is-prince2' as faqs.csv, row 2"
    ):
        spreadsheet.read_csv(write_csv(tmp_path / "faqs.csv", rows))


def test_too_long_a_tag_is_refused(tmp_path):
    rows = [["question", "answer", "tags"], ["Q?", "A", "short, " + "t" * 101]]

    with pytest.raises(SourceError, match="row 2, column tags: a tag has 101 characters"):
        spreadsheet.read_csv(write_csv(tmp_path / "faqs.csv", rows))


@pytest.mark.parametrize(
    ("encoding", "delimiter"),
    [("utf-8-sig", ","), ("cp1252", ";"), ("utf-8", "\t")],
)
def test_excels_encodings_and_delimiters_are_recognised(tmp_path, encoding, delimiter):
    rows = [
        ["Question", "Answer", "Tags"],
        ["Is the course £1,200?", "Prices vary; ask us.", "a,b"],
    ]
    path = write_csv(tmp_path / "faqs.csv", rows, encoding=encoding, delimiter=delimiter)

    faq = spreadsheet.read_csv(path).faqs[0]

    assert faq.question == "Is the course £1,200?"
    assert faq.answer == "Prices vary; ask us."
    assert faq.tags == ["a", "b"]


def test_text_in_no_known_encoding_is_refused(tmp_path):
    path = tmp_path / "faqs.csv"
    path.write_bytes(b"question,answer\nWhat\x81s this?,A\n")

    with pytest.raises(SourceError, match="neither UTF-8 nor Windows-1252"):
        spreadsheet.read_csv(path)


def test_an_empty_file_asks_for_a_header_row(tmp_path):
    path = tmp_path / "faqs.csv"
    path.write_text("\n\n")

    with pytest.raises(SourceError, match="faqs.csv, row 1: the header row is empty"):
        spreadsheet.read_csv(path)


def test_a_workbook_is_read_from_its_first_sheet_with_date_cells_and_numbers(tmp_path):
    rows = [
        ["ID", "Question", "Answer", "Last edited", "Topic"],
        [101, "What is PRINCE2?", "A method for managing projects.", datetime.date(2026, 1, 5)],
        [],
        [102.0, "Is the exam online?", "<p>Yes.</p>", datetime.datetime(2026, 7, 1, 8, 30)],
        [103, "Do you run evening courses?", None, None, "Courses"],
    ]
    path = write_xlsx(tmp_path / "faqs.xlsx", rows)
    workbook = openpyxl.load_workbook(path)
    workbook.create_sheet("Old").append(["question", "answer"])
    workbook.save(path)

    faqs = spreadsheet.read_xlsx(path).faqs

    assert [faq.key for faq in faqs] == ["101", "102", "103"]
    assert [faq.where for faq in faqs] == [
        "faqs.xlsx, row 2",
        "faqs.xlsx, row 4",
        "faqs.xlsx, row 5",
    ]
    assert faqs[0].last_edited == datetime.datetime(2026, 1, 5, 12, tzinfo=LONDON)
    assert faqs[1].last_edited == datetime.datetime(2026, 7, 1, 8, 30, tzinfo=LONDON)
    assert faqs[1].answer_format == "html"
    assert faqs[2].draft
    assert faqs[2].topic == "Courses"


def test_a_phpmyfaq_workbook_reads_true_and_false_cells(tmp_path):
    header = ["category_id", "question", "answer", "keywords", "lang", "is_active"]
    rows = [header, [3, "Is there a PRINCE2 refresher?", "<p>Yes.</p>", "", "en", False]]

    faq = spreadsheet.read_xlsx(write_xlsx(tmp_path / "faqs.xlsx", rows)).faqs[0]

    assert faq.topic == "Category 3"
    assert faq.draft


def test_a_50_mb_workbook_cell_is_refused_naming_its_row(tmp_path):
    rows = [["question", "answer"], ["Fine?", "Yes."], ["Huge?", "HUGE-ANSWER"]]
    path = write_xlsx(tmp_path / "faqs.xlsx", rows)
    cell_text_replaced(path, "HUGE-ANSWER", "x" * (50 * 1024 * 1024))

    with pytest.raises(SourceError, match="faqs.xlsx, row 3, column answer: the answer has"):
        spreadsheet.read_xlsx(path)


def test_a_file_that_is_not_a_workbook_is_refused(tmp_path):
    path = tmp_path / "faqs.xlsx"
    path.write_text("question,answer\nQ?,A\n")

    with pytest.raises(SourceError, match="faqs.xlsx: not an Excel workbook"):
        spreadsheet.read_xlsx(path)


def test_a_zip_that_is_not_a_workbook_is_refused(tmp_path):
    path = tmp_path / "upload"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "not a workbook")

    with pytest.raises(SourceError, match="upload: not an Excel workbook"):
        spreadsheet.read_xlsx(path)


def test_a_zip_bomb_is_refused_before_it_is_opened(tmp_path):
    path = tmp_path / "bomb.xlsx"
    zeros = bytes(16 * 1024 * 1024)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member:
            for _ in range(MAX_SOURCE_BYTES // len(zeros) + 1):
                member.write(zeros)
    assert path.stat().st_size < 2 * 1024 * 1024

    with pytest.raises(SourceError, match="bomb.xlsx: the workbook unpacks to 218,103,808 bytes"):
        spreadsheet.read_xlsx(path)


def test_a_workbook_is_read_whatever_the_files_name(tmp_path):
    path = write_xlsx(tmp_path / "faqs.xlsx", [["question", "answer"], ["Q?", "A"]])
    upload = path.rename(tmp_path / "upload-1234")

    assert spreadsheet.read_xlsx(upload).faqs[0].where == "upload-1234, row 2"
