"""The demo knowledge base: a project-management careers FAQ, shipped as a content folder."""

from faqbase.importexport.services import content_import

from . import DEMO_CONTENT_DIR


def demo_load(*, user=None):
    return content_import(path=DEMO_CONTENT_DIR, user=user)
