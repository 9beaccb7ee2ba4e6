"""`faqbase import SOURCE`: a faqbase content folder, or another system's knowledge base."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError

from faqbase.importexport.folder import ContentError
from faqbase.importexport.formats import READERS, ZENDESK_FILES
from faqbase.importexport.planning import Action, import_plan, merges_choose
from faqbase.importexport.services import content_import
from faqbase.importexport.writing import import_apply


class Command(BaseCommand):
    help = (
        "Import a folder of Markdown content files (docs/content-format.md), or a CSV or XLSX "
        "sheet, a phpMyFAQ or Zendesk export, a Document360 ZIP or a saved FAQ web page "
        "(docs/importing.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", help="the file or folder to import")
        parser.add_argument("--format", choices=sorted(READERS), help="default: from the file")
        parser.add_argument("--topic", help="slug of the topic for FAQs the source puts in none")
        parser.add_argument(
            "--dry-run", action="store_true", help="show what would change, change nothing"
        )
        parser.add_argument(
            "--merge-duplicates",
            action="store_true",
            help="add a question the site already answers to that FAQ's phrasings",
        )
        parser.add_argument("--user", help="import as this user, with their permissions")

    def handle(self, *args, source, format, topic, dry_run, merge_duplicates, user, **options):
        user = user and self.user_named(user)
        try:
            if is_content_folder(source, format):
                return self.folder_import(source, user, dry_run)
            plan = import_plan(path=source, user=user, format=format, topic=topic)
            if merge_duplicates:
                merges_choose(plan, {item.record.key for item in plan.duplicates})
            self.plan_show(plan)
            if not dry_run:
                import_apply(plan=plan)
                self.stdout.write(self.style.SUCCESS(f"Imported {source}: {plan.summary()}."))
        except (ContentError, PermissionDenied) as error:
            raise CommandError(f"Nothing was imported. {error}") from error

    def folder_import(self, source, user, dry_run):
        if dry_run:
            raise CommandError("--dry-run is for other systems' exports, not content folders.")
        summary = content_import(path=source, user=user)
        self.stdout.write(self.style.SUCCESS(f"Imported {source}: {summary}."))

    def user_named(self, username):
        try:
            return get_user_model().objects.get(username=username)
        except get_user_model().DoesNotExist:
            raise CommandError(f"There is no user '{username}'.") from None

    def plan_show(self, plan):
        self.stdout.write(f"{plan.source_name} ({plan.format}): {plan.summary()}.")
        for language, title in plan.new_topics:
            self.stdout.write(f"  new topic   {title} [{language}]")
        for item in plan.faqs:
            line = f"  {item.action:<10}  {item.record.question}  ({item.record.where})"
            if item.action == Action.SKIP:
                line += f": {item.reason}"
            if item.duplicate_of is not None:
                verb = "merged into" if item.action == Action.MERGE else "duplicates"
                duplicate = item.duplicate_of
                line += f"\n              {verb} “{duplicate.title}” {duplicate.url}"
            self.stdout.write(line)


def is_content_folder(source, format):
    """A folder is faqbase's own content unless it is a Zendesk export or --format says so."""
    path = Path(source)
    if format or not path.is_dir():
        return False
    return not all((path / name).is_file() for name in ZENDESK_FILES)
