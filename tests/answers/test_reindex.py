"""`faqbase reindex`: every vector and token file made anew, and every process told."""

import io

import pytest
from django.core.management import call_command

from faqbase.answers.models import AnswerIndexVersion, TextEmbedding
from faqbase.knowledge.models import FAQPage

pytestmark = pytest.mark.django_db


def test_reindex_embeds_everything_again_and_replaces_the_token_files(settings):
    index_dir = settings.FAQBASE_INDEX_DIR
    index_dir.mkdir(parents=True)
    (index_dir / "tokens-left-by-an-older-index.npy").write_bytes(b"")
    version = AnswerIndexVersion.objects.get().number
    output = io.StringIO()
    call_command("reindex", stdout=output, stderr=io.StringIO())
    faqs = FAQPage.objects.live().public().count()
    assert f"Answer index rebuilt: {faqs} FAQs." in output.getvalue()
    assert TextEmbedding.objects.filter(tokens__isnull=False).count() == faqs
    assert [path.name for path in index_dir.glob("tokens-*.starts.npy")]
    assert not (index_dir / "tokens-left-by-an-older-index.npy").exists()
    assert AnswerIndexVersion.objects.get().number == version + 1
