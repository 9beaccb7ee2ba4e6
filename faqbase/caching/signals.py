"""Purge the copies of every page a publish, unpublish, move, delete or privacy change shows on."""

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from faqbase.articles.models import ArticlePage

from .addresses import page_urls, page_urls_before_move
from .services import (
    pages_showing,
    pages_showing_cards_of,
    purge_after_commit,
)


@receiver(page_published)
@receiver(page_unpublished)
def page_publication_changed(sender, instance, **kwargs):
    purge_after_commit(page_urls(pages_showing(instance)))


@receiver(post_page_move)
def page_moved(sender, instance, parent_page_before, url_path_before, **kwargs):
    urls = page_urls(pages_showing(instance)) | page_urls(pages_showing(parent_page_before))
    purge_after_commit(urls | page_urls_before_move(instance, url_path_before))


@receiver(pre_delete)
def page_deleted(sender, instance, **kwargs):
    # A page row and its specific row are deleted together: act once, for the specific one.
    if isinstance(instance, Page) and type(instance) is instance.specific_class:
        purge_after_commit(page_urls(pages_showing(instance)))


@receiver(pre_save)
def article_saved(sender, instance, update_fields=None, **kwargs):
    """Publishing may take an article off a topic; the stored topics still say which."""
    if isinstance(instance, ArticlePage) and instance.pk and update_fields is None:
        stored = ArticlePage.objects.filter(pk=instance.pk).first()
        if stored is not None and stored.live:
            purge_after_commit(page_urls(pages_showing_cards_of(stored, stored.topics.all())))


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def page_privacy_changed(sender, instance, **kwargs):
    """A section made private must leave every copy at once: a static file of a page that now
    needs a login is deleted, since rewriting it renders the login redirect instead."""
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        purge_after_commit(page_urls(pages_showing(page)))


@receiver(m2m_changed, sender=PageViewRestriction.groups.through)
def page_privacy_groups_changed(sender, instance, action, **kwargs):
    if action.startswith("post_") and isinstance(instance, PageViewRestriction):
        page_privacy_changed(sender, instance)
