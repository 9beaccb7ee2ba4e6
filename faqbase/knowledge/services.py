"""Editorial writes on FAQs."""

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from .models import FAQPage

MARK_REVIEWED_ACTION = "faqbase.faq.mark_reviewed"


def faq_review_check(*, faq, user):
    if not faq.permissions_for_user(user).can_publish():
        raise PermissionDenied(_("Only editors who can publish this FAQ can mark it reviewed."))


def faq_mark_reviewed(*, faq, user):
    """Record that `user` confirmed today that the answer is still right."""
    faq_review_check(faq=faq, user=user)
    today = timezone.localdate()
    FAQPage.objects.filter(pk=faq.pk).update(last_reviewed=today)
    faq.last_reviewed = today
    log(instance=faq, action=MARK_REVIEWED_ACTION, user=user)
    return faq
