"""`faqbase publish-static DIR`: write every published page to DIR for nginx or a CDN to serve."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from faqbase.caching.static_pages import static_site_publish


class Command(BaseCommand):
    help = (
        "Render every published page to DIR/<path>/index.html. With FAQBASE_STATIC_PAGES_DIR "
        "set to the same folder, publishing keeps the files current."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "directory",
            nargs="?",
            default=settings.FAQBASE_STATIC_PAGES_DIR,
            help="Where to write the pages (default: FAQBASE_STATIC_PAGES_DIR).",
        )

    def handle(self, *args, directory, **options):
        if not directory:
            raise CommandError("Name a folder to write to, or set FAQBASE_STATIC_PAGES_DIR.")
        try:
            written, removed = static_site_publish(directory)
        except OSError as error:
            raise CommandError(f"Could not write to {directory}: {error}") from error
        self.stdout.write(f"Wrote {written} pages to {directory}; removed {removed} stale files.")
        configured = settings.FAQBASE_STATIC_PAGES_DIR
        if not configured or Path(directory).resolve() != Path(configured).resolve():
            self.stdout.write(
                "FAQBASE_STATIC_PAGES_DIR names another folder, so publishing will not keep "
                "these files current."
            )
