"""`faqbase reindex`: rebuild the full-text index and the answer engine's vectors."""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from faqbase.answers.engine.tokens import token_files_remove
from faqbase.answers.models import TextEmbedding
from faqbase.answers.services import (
    answer_index_build,
    configured_embedder,
    index_version_bump,
    second_opinion_build,
    second_opinion_embedder,
    second_opinion_reads,
)


class Command(BaseCommand):
    help = "Rebuild the search index and the answer vectors, then tell every process to reload."

    def add_arguments(self, parser):
        parser.add_argument(
            "--keep-vectors",
            action="store_true",
            help="Reuse stored vectors and embed only texts that have none.",
        )

    def handle(self, *args, keep_vectors=False, **options):
        self.stdout.write("Full-text index:")
        call_command("update_index", verbosity=options["verbosity"])
        embedder, second = configured_embedder(), second_opinion_embedder()
        if not keep_vectors:
            models = [model.name for model in (embedder, second) if model is not None]
            TextEmbedding.objects.filter(model_name__in=models).delete()
            token_files_remove(settings.FAQBASE_INDEX_DIR)
        faqs = 0
        for language, name in settings.WAGTAIL_CONTENT_LANGUAGES:
            self.stdout.write(f"Answer vectors, {name} ({embedder.name}):")
            index = answer_index_build(embedder, show_progress=True, language=language)
            faqs += len(index)
            if second is not None and second_opinion_reads(language):
                self.stdout.write(f"Second-opinion vectors ({second.name}):")
                second_opinion_build(index, show_progress=True)
        index_version_bump()
        self.stdout.write(self.style.SUCCESS(f"Answer index rebuilt: {faqs} FAQs."))
