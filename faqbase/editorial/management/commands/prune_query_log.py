"""`faqbase prune_query_log`: delete logged questions older than the retention period."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from faqbase.editorial.services import query_log_prune


class Command(BaseCommand):
    help = "Delete logged questions older than FAQBASE_QUERY_LOG_DAYS (default 180) days."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None)

    def handle(self, *args, days=None, **options):
        days = settings.FAQBASE_QUERY_LOG_DAYS if days is None else days
        if days < 1:
            raise CommandError("--days must be at least 1.")
        deleted = query_log_prune(days=days)
        self.stdout.write(f"Deleted {deleted} logged questions older than {days} days.")
