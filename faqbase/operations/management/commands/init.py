"""`faqbase init`: migrate, set up the editors' groups, load the demo, create the admin."""

import os

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from faqbase.base.services import (
    ADMIN_USERNAME,
    admin_account_ensure,
    admin_url,
    site_address_set,
)
from faqbase.demo.services import demo_load
from faqbase.demo.traffic import demo_traffic_generate
from faqbase.editorial.roles import editor_roles_ensure
from faqbase.knowledge.models import FAQPage
from faqbase.search.services import live_searchable_pages, snippet_vectors_prepare


class Command(BaseCommand):
    help = "Create or upgrade the database; load the demo content if the site is empty."

    def add_arguments(self, parser):
        parser.add_argument("--no-demo", action="store_true", help="Do not load the demo content.")

    def handle(self, *args, no_demo=False, **options):
        call_command("migrate", interactive=False, verbosity=0)
        self.stdout.write("Database is up to date.")
        groups = editor_roles_ensure()
        self.stdout.write(f"Editor groups ready: {', '.join(group.name for group in groups)}.")
        if no_demo or FAQPage.objects.exists():
            self.stdout.write("Content already present; demo not loaded.")
        else:
            summary = demo_load()
            self.stdout.write(self.style.SUCCESS(f"Demo knowledge base loaded: {summary}."))
            count = demo_traffic_generate()
            self.stdout.write(
                f"Added {count} synthetic visitor questions for the editors' reports."
            )
        # Embeds only what is not stored yet: the demo just loaded, or pages published since.
        count = snippet_vectors_prepare(live_searchable_pages().specific())
        self.stdout.write(f"Search snippets ready ({count} sentences and titles).")
        site_address_set(base_url=settings.WAGTAILADMIN_BASE_URL)
        self.report_admin_account()

    def report_admin_account(self):
        password = admin_account_ensure(password=os.environ.get("FAQBASE_ADMIN_PASSWORD"))
        if password is None:
            self.stdout.write(f"Admin: log in at {admin_url()} with your existing account.")
        elif password:
            self.stdout.write(
                self.style.WARNING(
                    f"Created the admin account '{ADMIN_USERNAME}' with the password {password}\n"
                    "It is shown only this once: keep it, or set another with "
                    f"`faqbase changepassword {ADMIN_USERNAME}`."
                )
            )
        else:
            self.stdout.write(
                f"Created the admin account '{ADMIN_USERNAME}' with the password "
                "from FAQBASE_ADMIN_PASSWORD."
            )
