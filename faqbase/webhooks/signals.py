"""Turn what happens on the site into webhook events, in the transaction that made it happen."""

from django.db.models.signals import post_save, pre_delete
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished

from faqbase.editorial.models import VisitorQuestion
from faqbase.knowledge.models import FAQPage

from .models import Event
from .payloads import faq_data, visitor_question_data
from .services import event_record


@receiver(page_published, sender=FAQPage)
def faq_published(sender, instance, **kwargs):
    event_record(event=Event.FAQ_PUBLISHED, data_of=lambda: faq_data(instance))


@receiver(page_unpublished, sender=FAQPage)
def faq_unpublished(sender, instance, **kwargs):
    event_record(event=Event.FAQ_UNPUBLISHED, data_of=lambda: faq_data(instance))


@receiver(pre_delete, sender=FAQPage)
def faq_deleted(sender, instance, **kwargs):
    # Before the delete, while the page still has its address and its place in the tree.
    event_record(event=Event.FAQ_DELETED, data_of=lambda: faq_data(instance))


@receiver(post_save, sender=VisitorQuestion)
def visitor_question_received(sender, instance, created, raw=False, **kwargs):
    # Questions made up by `faqbase demo-traffic` are not news to anyone.
    if created and not raw and not instance.is_synthetic:
        event_record(
            event=Event.VISITOR_QUESTION_RECEIVED,
            data_of=lambda: visitor_question_data(instance),
        )
