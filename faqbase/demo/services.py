"""The demo knowledge base: a project-management careers FAQ, shipped as a content folder."""

from pathlib import Path

from faqbase.importexport.services import content_import

DEMO_CONTENT_DIR = Path(__file__).resolve().parent / "content"


def demo_load(*, user=None):
    return content_import(path=DEMO_CONTENT_DIR, user=user)
