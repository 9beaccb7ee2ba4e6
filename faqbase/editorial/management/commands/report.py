"""`faqbase report NAME`: an editors' report as a table, JSON or CSV."""

import csv
import json

from django.core.management.base import BaseCommand
from django.core.serializers.json import DjangoJSONEncoder

from faqbase.editorial.reports import REPORTS


def flat_rows(name, rows):
    """One CSV line per FAQ; a duplicates cluster spreads over its members' lines."""
    if name != "duplicates":
        return [
            {
                key: json.dumps(value) if isinstance(value, dict | list) else value
                for key, value in row.items()
            }
            for row in rows
        ]
    return [
        {"cluster": number, "similarity": cluster["similarity"], **faq}
        for number, cluster in enumerate(rows, start=1)
        for faq in cluster["faqs"]
    ]


class Command(BaseCommand):
    help = "Print an editors' report: " + ", ".join(REPORTS) + "."

    def add_arguments(self, parser):
        parser.add_argument("name", choices=sorted(REPORTS))
        output = parser.add_mutually_exclusive_group()
        output.add_argument("--json", action="store_true", dest="as_json")
        output.add_argument("--csv", action="store_true", dest="as_csv")

    def handle(self, *args, name, as_json, as_csv, **options):
        rows = REPORTS[name]()
        if as_json:
            self.stdout.write(json.dumps(rows, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False))
        elif as_csv:
            self.write_csv(flat_rows(name, rows))
        else:
            self.write_table(flat_rows(name, rows))

    def write_csv(self, rows):
        if not rows:
            return
        writer = csv.DictWriter(self.stdout, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)

    def write_table(self, rows):
        if not rows:
            self.stdout.write("Nothing to report.")
        for row in rows:
            self.stdout.write("  ".join(f"{key}={value}" for key, value in row.items()))
