"""Prepare a published page for the search list, once its publication is committed."""

import logging

from django.db import transaction
from django.dispatch import receiver
from wagtail.signals import page_published

from .services import SEARCHED_TYPES, snippet_vectors_prepare

logger = logging.getLogger(__name__)


@receiver(page_published)
def page_snippets_prepare(sender, instance, **kwargs):
    page = instance.specific
    if isinstance(page, SEARCHED_TYPES):
        transaction.on_commit(lambda: snippet_vectors_prepared_or_logged(page))


def snippet_vectors_prepared_or_logged(page):
    # Publishing has succeeded by now; a search would embed what is missing when it lists it.
    try:
        snippet_vectors_prepare([page])
    except Exception:
        logger.exception("Could not embed the search snippets of page %s", page.pk)
