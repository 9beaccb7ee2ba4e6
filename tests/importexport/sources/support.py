"""What the readers' tests share: where the samples are, London's time zone, looking a batch's
records up, and writing a JSON export to read."""

import json
from pathlib import Path
from zoneinfo import ZoneInfo

SAMPLES_ROOT = Path(__file__).parent.parent / "samples"
LONDON = ZoneInfo("Europe/London")


def by_key(batch):
    return {faq.key: faq for faq in batch.faqs}


def by_question(batch):
    return {faq.question: faq for faq in batch.faqs}


def json_written(tmp_path, document, name="export.json"):
    path = tmp_path / name
    path.write_text(json.dumps(document), encoding="utf-8")
    return path
