"""Which reader a source needs: named by --format, or recognised from the file itself."""

import json
from importlib import import_module
from pathlib import Path

from .sources import MAX_SOURCE_BYTES, SourceError

# Each format's reader, imported when a source of that format is read.
READERS = {
    "csv": "spreadsheet.read_csv",
    "xlsx": "spreadsheet.read_xlsx",
    "phpmyfaq": "phpmyfaq.read",
    "zendesk": "zendesk.read",
    "document360": "document360.read",
    "html": "webpage.read",
}
FORMAT_NAMES = {
    "csv": "CSV spreadsheet",
    "xlsx": "Excel workbook",
    "phpmyfaq": "phpMyFAQ JSON export",
    "zendesk": "Zendesk Help Center articles",
    "document360": "Document360 export",
    "html": "web page",
}
ZENDESK_FILES = ("articles.json", "sections.json", "categories.json")


def source_read(path, format=None):
    """The source at `path` read whole; SourceError when it cannot be read or recognised."""
    path = Path(path)
    if not path.exists():
        raise SourceError(f"{path}: there is no such file or folder")
    format = format or format_detect(path)
    if format not in READERS:
        raise SourceError(f"'{format}' is not a format faqbase reads: {', '.join(READERS)}")
    module, function = READERS[format].rsplit(".", 1)
    return getattr(import_module(f"{__package__}.sources.{module}"), function)(path)


def format_detect(path):
    if path.is_dir():
        if all((path / name).is_file() for name in ZENDESK_FILES):
            return "zendesk"
        raise SourceError(
            f"{path.name}: a folder is read as a Zendesk export only when it holds "
            f"{', '.join(ZENDESK_FILES)}; give --format for anything else"
        )
    suffix = path.suffix.lower()
    by_suffix = {".csv": "csv", ".xlsx": "xlsx", ".zip": "document360", ".html": "html"}
    by_suffix[".htm"] = "html"
    if suffix in by_suffix:
        return by_suffix[suffix]
    if suffix == ".json":
        return json_format(path)
    raise SourceError(
        f"{path.name}: cannot tell its format from the name; give --format ({', '.join(READERS)})"
    )


def json_format(path):
    """phpMyFAQ exports a list of {"faq": ...}; Zendesk's API answers {"articles": [...]}."""
    if path.stat().st_size > MAX_SOURCE_BYTES:
        raise SourceError(f"{path.name}: the file is larger than {MAX_SOURCE_BYTES:,} bytes")
    try:
        data = json.loads(path.read_bytes())
    except (UnicodeDecodeError, ValueError) as error:
        raise SourceError(f"{path.name}: not valid JSON ({error})") from None
    if isinstance(data, list) and data and isinstance(data[0], dict) and "faq" in data[0]:
        return "phpmyfaq"
    if isinstance(data, dict) and "articles" in data:
        return "zendesk"
    raise SourceError(f"{path.name}: neither a phpMyFAQ export nor Zendesk articles; give --format")
