"""`faqbase import PATH`: load a content folder, creating or updating pages by slug."""

from django.core.management.base import BaseCommand, CommandError

from faqbase.importexport.folder import ContentError
from faqbase.importexport.services import content_import


class Command(BaseCommand):
    help = "Import a folder of Markdown content files (see docs/content-format.md)."

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, *args, path, **options):
        try:
            summary = content_import(path=path)
        except ContentError as error:
            raise CommandError(f"Nothing was imported. {error}") from error
        self.stdout.write(self.style.SUCCESS(f"Imported {path}: {summary}."))
