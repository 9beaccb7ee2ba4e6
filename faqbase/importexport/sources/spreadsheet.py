"""Reading a spreadsheet of questions and answers, saved as CSV or as an Excel workbook (XLSX).

Row 1 names the columns, and the names tell which of two layouts the sheet uses: faqbase's own
(question, answer, topic, tags, phrasings, slug, last_edited, language, id) or phpMyFAQ's CSV
import (category_id, question, answer, keywords, lang, author, email, is_active, is_sticky).
phpMyFAQ wants its file without a header row, so a headerless file whose first row has that
shape is read by position as well. Any other column is ignored: people keep notes in sheets."""

import csv
import datetime
import itertools
import re
import zipfile
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path

import openpyxl
from django.utils.text import slugify
from openpyxl.utils import get_column_letter

from faqbase.importexport.sources import (
    MAX_ANSWER_LENGTH,
    MAX_PHRASING_LENGTH,
    MAX_QUESTION_LENGTH,
    MAX_SOURCE_BYTES,
    MAX_TAG_LENGTH,
    SourceBatch,
    SourceError,
    SourceFAQ,
)
from faqbase.importexport.sources.common import aware, file_size

SYSTEM = "spreadsheet"

FAQBASE_COLUMNS = (
    "id",
    "question",
    "answer",
    "topic",
    "tags",
    "phrasings",
    "slug",
    "last_edited",
    "language",
)
# In phpMyFAQ's own order: a headerless file is read by position.
PHPMYFAQ_COLUMNS = (
    "category_id",
    "question",
    "answer",
    "keywords",
    "lang",
    "author",
    "email",
    "is_active",
    "is_sticky",
)
# Who wrote an entry (author, email) is personal data faqbase has no place for, and it has no
# sticky FAQs: those columns are never read.
PHPMYFAQ_READ = {
    name: position
    for position, name in enumerate(PHPMYFAQ_COLUMNS)
    if name not in {"author", "email", "is_sticky"}
}

# Excel's UK "CSV" is Windows-1252; its "CSV UTF-8" starts with a byte-order mark.
CSV_ENCODINGS = ("utf-8-sig", "cp1252")
CSV_DELIMITERS = (",", ";", "\t")
# Enough of the first line to count delimiters in, however long the line is.
SNIFF_CHARACTERS = 64 * 1024
# A workbook may declare itself 16,384 columns wide to make every row that long; the columns
# faqbase reads sit at the left of any real sheet.
XLSX_COLUMNS = 200
XLSX_LAST_ROW = 1_048_576  # Excel's own; openpyxl would count on past it through missing rows

TRUE_WORDS = {"true", "yes", "1", "on"}
FALSE_WORDS = {"false", "no", "0", "off"}
UK_DATE_FORMATS = ("%d/%m/%Y", "%d %b %Y", "%d %B %Y")
UK_DATETIME_FORMATS = ("%d/%m/%Y %H:%M", "%d/%m/%Y %H:%M:%S")
# Markdown lets a writer put <angle brackets> round a word; only real HTML elements count.
HTML_TAG = re.compile(
    r"</?(?:a|abbr|b|blockquote|br|button|caption|code|dd|del|details|div|dl|dt|em|embed|"
    r"figure|font|form|h[1-6]|hr|i|iframe|img|input|ins|kbd|li|mark|object|ol|p|pre|q|s|"
    r"script|section|small|span|strong|style|sub|summary|sup|svg|table|tbody|td|tfoot|th|"
    r"thead|tr|u|ul)\b[^<>]*>",
    re.IGNORECASE,
)


def read_csv(path) -> SourceBatch:
    """The FAQs in a CSV file, in UTF-8 or Windows-1252, delimited by commas, semicolons or tabs."""
    path = Path(path)
    _check_file_size(path)
    for encoding in CSV_ENCODINGS:
        try:
            with (
                _csv_field_size_limit(MAX_ANSWER_LENGTH + 1),
                path.open(encoding=encoding, newline="") as file,
            ):
                return _read_sheet(path.name, _csv_rows(path.name, file))
        except UnicodeDecodeError:
            continue
    raise SourceError(
        f"{path.name}: the text is neither UTF-8 nor Windows-1252; "
        "save it from your spreadsheet as 'CSV UTF-8'"
    )


def read_xlsx(path) -> SourceBatch:
    """The FAQs on the first worksheet of an Excel workbook."""
    path = Path(path)
    _check_file_size(path)
    _check_unzipped_size(path)
    with closing(_xlsx_rows(path)) as rows:
        return _read_sheet(path.name, rows)


def _check_file_size(path):
    if file_size(path) > MAX_SOURCE_BYTES:
        raise SourceError(f"{path.name}: the file is larger than {MAX_SOURCE_BYTES:,} bytes")


@contextmanager
def _csv_field_size_limit(limit):
    """The csv module's limit is the whole process's: set only while this file is read."""
    previous = csv.field_size_limit(limit)
    try:
        yield
    finally:
        csv.field_size_limit(previous)


def _csv_rows(file_name, file) -> Iterator[tuple[int, list]]:
    """(row number, cells); a quoted cell may run over several lines and is still one row."""
    first_line = file.readline(SNIFF_CHARACTERS)
    delimiter = max(CSV_DELIMITERS, key=first_line.count)
    reader = csv.reader(itertools.chain([first_line], file), delimiter=delimiter)
    number = 0
    try:
        for number, cells in enumerate(reader, start=1):
            yield number, cells
    except csv.Error as error:
        raise SourceError(f"{file_name}, row {number + 1}: {_csv_problem(error)}") from None


def _csv_problem(error):
    if "field limit" in str(error):
        return (
            f"a cell holds more than {MAX_ANSWER_LENGTH:,} characters, "
            "more than faqbase takes for an answer"
        )
    return f"the CSV cannot be read here ({error})"


def _check_unzipped_size(path):
    """An XLSX file is a ZIP archive: refuse one that unpacks to more than a source may be."""
    try:
        with zipfile.ZipFile(path) as archive:
            unzipped = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, OSError):
        raise SourceError(_not_a_workbook(path.name)) from None
    if unzipped > MAX_SOURCE_BYTES:
        raise SourceError(
            f"{path.name}: the workbook unpacks to {unzipped:,} bytes; "
            f"the most faqbase reads is {MAX_SOURCE_BYTES:,}"
        )


def _not_a_workbook(file_name):
    return (
        f"{file_name}: not an Excel workbook (.xlsx) that can be opened; "
        "save it from your spreadsheet as 'Excel Workbook (.xlsx)' or as CSV"
    )


def _xlsx_rows(path) -> Iterator[tuple[int, tuple]]:
    """(row number, cells) of the first worksheet, missing rows included as empty ones."""
    # A file object, not a name: openpyxl refuses a name without an Excel extension, and an
    # upload may be saved under any name.
    with path.open("rb") as file:
        workbook = _workbook(path.name, file)
        try:
            yield from _worksheet_rows(path.name, workbook)
        finally:
            workbook.close()


def _workbook(file_name, file):
    # A damaged workbook fails inside openpyxl in many ways (KeyError, ValueError, XML parse
    # errors...): all of them mean the same to an editor.
    try:
        workbook = openpyxl.load_workbook(file, read_only=True, data_only=True)
    except Exception:
        raise SourceError(_not_a_workbook(file_name)) from None
    if not workbook.worksheets:
        workbook.close()
        raise SourceError(f"{file_name}: the workbook has no worksheet")
    return workbook


def _worksheet_rows(file_name, workbook):
    sheet = workbook.worksheets[0]
    # The size a workbook declares may be false; the rows themselves say how long each is.
    sheet.reset_dimensions()
    rows = enumerate(sheet.iter_rows(max_col=XLSX_COLUMNS, values_only=True), start=1)
    while True:
        try:
            number, cells = next(rows)
        except StopIteration:
            return
        except Exception as error:  # as in _workbook: damaged, whatever openpyxl raises
            raise SourceError(f"{file_name}: the worksheet is damaged ({error})") from None
        if number > XLSX_LAST_ROW:
            raise SourceError(f"{file_name}: the worksheet runs past Excel's last row")
        yield number, cells


@dataclass
class _Layout:
    columns: dict[str, int]  # column name -> position in a row
    read: Callable[["_Row"], SourceFAQ]
    headerless: bool = False


def _read_sheet(file_name, rows) -> SourceBatch:
    first = next(rows, None)
    if first is None or not any(_cell_text(cell) for cell in first[1]):
        raise SourceError(
            f"{file_name}, row 1: the header row is empty; it should name the columns, "
            "at least 'question' and 'answer'"
        )
    layout = _layout(file_name, first[1])
    if layout.headerless:
        rows = itertools.chain([first], rows)
    faqs = _faqs(file_name, rows, layout)
    if not faqs:
        raise SourceError(f"{file_name}: there are no questions below the header row")
    return SourceBatch(system=SYSTEM, faqs=faqs)


def _layout(file_name, header) -> _Layout:
    names = [_column_name(cell) for cell in header]
    if "question" in names and "answer" in names:
        if "category_id" in names:
            return _Layout(_columns(file_name, names, PHPMYFAQ_READ), _phpmyfaq_faq)
        return _Layout(_columns(file_name, names, FAQBASE_COLUMNS), _faqbase_faq)
    if _is_phpmyfaq_record(header):
        return _Layout(PHPMYFAQ_READ, _phpmyfaq_faq, headerless=True)
    found = ", ".join(text for text in map(_cell_text, header) if text)
    raise SourceError(
        f"{file_name}, row 1: a sheet of FAQs needs a 'question' column and an 'answer' "
        f"column; this one's columns are: {found}"
    )


def _column_name(cell):
    """'Last edited', 'LAST-EDITED ' and 'last_edited' all name the same column."""
    return re.sub(r"[\s-]+", "_", _cell_text(cell).lower())


def _columns(file_name, names, known) -> dict[str, int]:
    columns = {}
    for position, name in enumerate(names):
        if name not in known:
            continue
        if name in columns:
            raise SourceError(
                f"{file_name}, row 1: columns {get_column_letter(columns[name] + 1)} and "
                f"{get_column_letter(position + 1)} are both '{name}'; keep one of them"
            )
        columns[name] = position
    return columns


def _is_phpmyfaq_record(cells):
    """phpMyFAQ's own file: nine cells, a category number, and true/false for the last two."""
    texts = [_cell_text(cell).lower() for cell in cells]
    flags = TRUE_WORDS | FALSE_WORDS
    return len(texts) == 9 and texts[0].isdigit() and texts[7] in flags and texts[8] in flags


def _faqs(file_name, rows, layout) -> list[SourceFAQ]:
    faqs, places = [], {}
    for number, cells in rows:
        row = _Row(file_name, number, _cells_by_column(cells, layout.columns))
        if row.is_blank():
            continue
        faq = layout.read(row)
        if faq.key in places:
            row.fail(
                f"has the same key '{faq.key}' as {places[faq.key]}; give each row an 'id' "
                "or 'slug' of its own, or remove the one that repeats the other"
            )
        places[faq.key] = faq.where
        faqs.append(faq)
    return faqs


def _cells_by_column(cells, columns):
    return {
        name: cells[position] if position < len(cells) else None
        for name, position in columns.items()
    }


@dataclass
class _Row:
    """One row of the sheet, by column name, and how to read its cells."""

    file_name: str
    number: int
    cells: dict[str, object]

    @property
    def where(self):
        return f"{self.file_name}, row {self.number}"

    def fail(self, message, column=None):
        place = f"{self.where}, column {column}" if column else self.where
        raise SourceError(f"{place}: {message}")

    def is_blank(self):
        return not any(_cell_text(value) for value in self.cells.values())

    def text(self, column):
        return _cell_text(self.cells.get(column))

    def line(self, column, limit=None, what=None):
        """The cell as one line: a title or name cannot hold line breaks."""
        text = " ".join(self.text(column).split())
        if limit and len(text) > limit:
            self.fail(f"the {what} has {len(text):,} characters; the most is {limit:,}", column)
        return text

    def question(self):
        question = self.line("question", MAX_QUESTION_LENGTH, "question")
        if not question:
            self.fail(
                "the question is empty; every row needs one "
                "(a row with a question and no answer yet is imported as a draft)"
            )
        return question

    def answer(self):
        answer = self.text("answer")
        if len(answer) > MAX_ANSWER_LENGTH:
            self.fail(
                f"the answer has {len(answer):,} characters; the most is {MAX_ANSWER_LENGTH:,}",
                "answer",
            )
        return answer

    def items(self, column, separators, limit, what):
        """The cell's items, trimmed, the empty ones dropped and each said once, in order."""
        items = {}
        for item in re.split(f"[{re.escape(separators)}]", self.text(column)):
            item = " ".join(item.split())
            if len(item) > limit:
                self.fail(f"a {what} has {len(item):,} characters; the most is {limit:,}", column)
            if item:
                items.setdefault(item.casefold(), item)
        return list(items.values())

    def slug(self):
        slug = self.line("slug")
        if slug and (slugify(slug) != slug or len(slug) > MAX_QUESTION_LENGTH):
            self.fail(f"'{slug}' is not a slug: lower-case letters, digits and hyphens", "slug")
        return slug

    def flag(self, column, default):
        word = self.text(column).lower()
        if not word:
            return default
        if word not in TRUE_WORDS | FALSE_WORDS:
            self.fail(f"'{self.text(column)}' is neither true nor false", column)
        return word in TRUE_WORDS

    def when(self, column):
        """An aware date and time: a date alone is noon in London; a time without an offset is
        London's."""
        value = self.cells.get(column)
        if isinstance(value, datetime.datetime) and value.time() == datetime.time():
            # Excel keeps a date as midnight of that day: read it as the date it shows.
            value = value.date()
        if isinstance(value, datetime.date):
            return aware(value)
        text = self.text(column)
        if not text:
            return None
        value = _date_or_datetime(text)
        if value is None:
            self.fail(
                f"'{text}' is not a date; write it as 2026-01-31, 31/01/2026 or 31 Jan 2026, "
                "with a time if you like (2026-01-31 14:30)",
                column,
            )
        return aware(value)


def _cell_text(value):
    """A cell as trimmed text: XLSX cells also hold numbers, true/false and dates."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    return str(value).strip()


def _date_or_datetime(text):
    for parse in (datetime.date.fromisoformat, datetime.datetime.fromisoformat):
        try:
            return parse(text)
        except ValueError:
            pass
    for form in UK_DATE_FORMATS + UK_DATETIME_FORMATS:
        try:
            moment = datetime.datetime.strptime(text, form)
        except ValueError:
            continue
        return moment.date() if form in UK_DATE_FORMATS else moment
    return None


def _answer_format(answer):
    return "html" if HTML_TAG.search(answer) else "markdown"


def _key(row, language, own_key):
    """Stable across imports of the same sheet; one question may be asked in several languages."""
    if not own_key:
        row.fail("the question has no letters or digits to make a key from; give it an 'id'")
    return f"{language.lower()}/{own_key}" if language else own_key


def _faqbase_faq(row) -> SourceFAQ:
    question, answer = row.question(), row.answer()
    language, slug = row.line("language"), row.slug()
    own_key = row.line("id") or slug or slugify(question, allow_unicode=True)
    return SourceFAQ(
        key=_key(row, language, own_key),
        # A sheet's own `id` is one question, asked in each language of its rows.
        translation_group=row.line("id"),
        question=question,
        answer=answer,
        where=row.where,
        answer_format=_answer_format(answer),
        topic=row.line("topic", MAX_QUESTION_LENGTH, "topic"),
        tags=row.items("tags", ",|", MAX_TAG_LENGTH, "tag"),
        phrasings=row.items("phrasings", "|", MAX_PHRASING_LENGTH, "phrasing"),
        slug=slug,
        language=language,
        last_edited=row.when("last_edited"),
        draft=not answer,
    )


def _phpmyfaq_faq(row) -> SourceFAQ:
    question, answer = row.question(), row.answer()
    language = row.line("lang")
    return SourceFAQ(
        key=_key(row, language, slugify(question, allow_unicode=True)),
        question=question,
        answer=answer,
        where=row.where,
        answer_format="html",
        topic=_category_topic(row),
        tags=row.items("keywords", ",", MAX_TAG_LENGTH, "keyword"),
        language=language,
        draft=not answer or not row.flag("is_active", default=True),
    )


def _category_topic(row):
    """phpMyFAQ's file names a category by number only; the editor renames the topic after."""
    category = row.line("category_id")
    if category and not category.isdigit():
        row.fail(f"'{category}' is not a category number", "category_id")
    return f"Category {category}" if category else ""
