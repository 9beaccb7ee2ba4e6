"""`faqbase export PATH`: write every published page to a content folder."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from faqbase.importexport.folder import ContentError
from faqbase.importexport.services import content_export


class Command(BaseCommand):
    help = "Export the site's published content as Markdown files (see docs/content-format.md)."

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, *args, path, **options):
        target = Path(path)
        if target.exists() and any(target.iterdir()):
            raise CommandError(f"{target} is not empty; export into a new or empty folder.")
        try:
            content_export(path=target)
        except ContentError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Exported the site to {target}."))
