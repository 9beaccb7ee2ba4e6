"""Keep the answer index in step with what is published and with the glossary."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from wagtail.models import PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from faqbase.knowledge.models import FAQPage

from .models import Abbreviation
from .services import index_inputs_changed


@receiver(page_published, sender=FAQPage)
@receiver(page_unpublished, sender=FAQPage)
@receiver(post_delete, sender=FAQPage)
def faq_publication_changed(sender, **kwargs):
    index_inputs_changed()


@receiver(post_page_move)
def page_moved(sender, instance, **kwargs):
    if instance.specific_class is FAQPage or instance.get_descendants().type(FAQPage).exists():
        index_inputs_changed()


@receiver(post_save, sender=Abbreviation)
@receiver(post_delete, sender=Abbreviation)
def glossary_changed(sender, **kwargs):
    index_inputs_changed()


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
@receiver(m2m_changed, sender=PageViewRestriction.groups.through)
def page_privacy_changed(sender, **kwargs):
    """Each FAQ carries the restrictions it is behind, so who may be given it changes."""
    index_inputs_changed()
