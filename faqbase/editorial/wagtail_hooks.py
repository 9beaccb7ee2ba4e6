"""The "Insights" admin menu: what visitors asked and what they thought of the answers."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db.models import Q
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import TitleColumn
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from .admin_views import moderate_visitor_question
from .models import FAQFeedback, QueryLogEntry, VisitorQuestion
from .report_views import (
    dashboard_view,
    duplicates_view,
    feedback_view,
    gaps_view,
    stale_view,
)
from .roles import MODERATE_VISITOR_QUESTIONS, VIEW_INSIGHTS


class ReadPermissionPolicy(ModelPermissionPolicy):
    """Visitors' records are only ever read, and reading them needs one of our roles' rights
    rather than Django's per-model view permissions, so a group's rights stay few and named."""

    def __init__(self, model, permission):
        super().__init__(model)
        self.permission = permission

    def user_has_permission(self, user, action):
        return action == "view" and user.has_perm(self.permission)

    def users_with_any_permission(self, actions):
        if "view" not in actions:
            return get_user_model().objects.none()
        app_label, codename = self.permission.split(".")
        permission = Permission.objects.filter(content_type__app_label=app_label, codename=codename)
        granted = Q(is_superuser=True) | Q(user_permissions__in=permission)
        granted |= Q(groups__permissions__in=permission)
        return get_user_model().objects.filter(granted, is_active=True).distinct()


register_permission_policy(QueryLogEntry, ReadPermissionPolicy(QueryLogEntry, VIEW_INSIGHTS))
register_permission_policy(FAQFeedback, ReadPermissionPolicy(FAQFeedback, VIEW_INSIGHTS))
register_permission_policy(
    VisitorQuestion, ReadPermissionPolicy(VisitorQuestion, MODERATE_VISITOR_QUESTIONS)
)


class ReadOnlyViewSet(ModelViewSet):
    """Visitors wrote these records; editors list and inspect them but never rewrite them."""

    inspect_view_enabled = True
    copy_view_enabled = False

    def get_common_view_kwargs(self, **kwargs):
        no_writes = dict.fromkeys(
            ["add_url_name", "edit_url_name", "delete_url_name", "history_url_name"]
        )
        return super().get_common_view_kwargs(**kwargs) | no_writes | {"usage_url_name": None}

    def get_urlpatterns(self):
        converter = self.pk_path_converter
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path(f"inspect/<{converter}:pk>/", self.inspect_view, name="inspect"),
        ]

    def register_admin_url_finder(self):
        """There is no edit view to link to."""


class QueryLogViewSet(ReadOnlyViewSet):
    model = QueryLogEntry
    menu_label = _("Questions asked")
    icon = "search"
    list_display = ["text", "source", "confident", "confidence", "opened_faq", "created_at"]
    list_filter = ["source", "confident"]
    search_fields = ["text"]
    search_backend_name = None
    inspect_view_fields = list_display + ["top_results"]


class FeedbackViewSet(ReadOnlyViewSet):
    model = FAQFeedback
    menu_label = _("Feedback")
    icon = "comment"
    list_display = ["faq", "helpful", "reason", "comment", "day"]
    list_filter = ["helpful", "reason"]
    search_fields = ["comment"]
    search_backend_name = None
    inspect_view_fields = list_display


class VisitorQuestionViewSet(ReadOnlyViewSet):
    model = VisitorQuestion
    menu_label = _("Visitor questions")
    icon = "help"
    list_filter = ["status"]
    search_fields = ["text"]
    search_backend_name = None
    inspect_view_fields = ["text", "email", "status", "closest_faqs", "created_at", "draft_faq"]

    @property
    def list_display(self):
        moderate_url = self.get_url_name("moderate")
        return [
            TitleColumn(
                "text", label=_("Question"), get_url=lambda q: reverse(moderate_url, args=[q.pk])
            ),
            "status",
            "created_at",
        ]

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("moderate/<int:pk>/", moderate_visitor_question, name="moderate")
        ]


class InsightsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(VIEW_INSIGHTS)


class ReportViewSet(ViewSet):
    """One report page in the Insights menu, shown to those who may read the reports."""

    menu_item_class = InsightsMenuItem

    def __init__(self, name, view, **kwargs):
        self.report_view = view
        super().__init__(name, **kwargs)

    def get_urlpatterns(self):
        return [path("", self.report_view, name="index")]


class InsightsGroup(ViewSetGroup):
    menu_label = _("Insights")
    menu_icon = "view"
    menu_order = 250
    items = (
        VisitorQuestionViewSet("visitor_questions"),
        QueryLogViewSet("query_log"),
        FeedbackViewSet("feedback"),
        ReportViewSet("insights", dashboard_view, menu_label=_("Dashboard"), icon="dashboard"),
        ReportViewSet("gaps", gaps_view, menu_label=_("Content gaps"), icon="help"),
        ReportViewSet("duplicates", duplicates_view, menu_label=_("Duplicates"), icon="doc-full"),
        ReportViewSet(
            "feedback_report", feedback_view, menu_label=_("Least helpful"), icon="warning"
        ),
        ReportViewSet("stale", stale_view, menu_label=_("Due for review"), icon="time"),
    )


@hooks.register("register_admin_viewset")
def register_insights():
    return InsightsGroup()
