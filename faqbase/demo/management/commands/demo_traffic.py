"""`faqbase demo_traffic`: a month of clearly labelled synthetic visitor activity for the demo."""

from django.core.management.base import BaseCommand

from faqbase.demo.traffic import demo_traffic_clear, demo_traffic_generate


class Command(BaseCommand):
    help = "Fill the editors' reports with synthetic questions, votes and visitor questions."

    def add_arguments(self, parser):
        parser.add_argument("--clear", action="store_true", help="Only remove synthetic activity.")

    def handle(self, *args, clear=False, **options):
        if clear:
            demo_traffic_clear()
            self.stdout.write("Synthetic activity removed.")
            return
        count = demo_traffic_generate()
        self.stdout.write(
            self.style.SUCCESS(f"Added {count} synthetic questions, votes and 2 visitor questions.")
        )
