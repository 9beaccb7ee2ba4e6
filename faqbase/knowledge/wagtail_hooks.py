"""Admin integration: the "Mark reviewed" action on FAQs and its audit-log entry."""

from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button

from . import views
from .models import FAQPage
from .services import MARK_REVIEWED_ACTION


@hooks.register("register_admin_urls")
def faq_admin_urls():
    return [
        path("faqs/<int:page_id>/mark-reviewed/", views.mark_reviewed, name="faq_mark_reviewed"),
        path("faqs/similar/", views.similar_faqs, name="faq_similar"),
    ]


@hooks.register("insert_editor_js")
def similar_questions_while_writing():
    return format_html(
        '<script src="{}" data-similar-url="{}" id="similar-questions-script" defer></script>',
        static("knowledge/similar_questions.js"),
        reverse("faq_similar"),
    )


def mark_reviewed_button(page, user, priority):
    if page.specific_class is FAQPage and page.permissions_for_user(user).can_publish():
        url = reverse("faq_mark_reviewed", args=[page.pk])
        yield Button(_("Mark reviewed"), url=url, icon_name="check", priority=priority)


@hooks.register("register_page_header_buttons")
def page_header_mark_reviewed(page, user, view_name, next_url=None):
    yield from mark_reviewed_button(page, user, priority=62)


@hooks.register("register_page_listing_more_buttons")
def page_listing_mark_reviewed(page, user, next_url=None):
    yield from mark_reviewed_button(page, user, priority=45)


@hooks.register("register_log_actions")
def register_faq_log_actions(actions):
    actions.register_action(MARK_REVIEWED_ACTION, _("Mark reviewed"), _("Marked as reviewed"))
