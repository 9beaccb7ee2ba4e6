"""The "Insights" admin menu: what visitors asked and what they thought of the answers."""

from django.urls import path
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from .models import FAQFeedback, QueryLogEntry


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
    menu_label = "Questions asked"
    icon = "search"
    list_display = ["text", "source", "confident", "confidence", "opened_faq", "created_at"]
    list_filter = ["source", "confident"]
    search_fields = ["text"]
    search_backend_name = None
    inspect_view_fields = list_display + ["top_results"]


class FeedbackViewSet(ReadOnlyViewSet):
    model = FAQFeedback
    menu_label = "Feedback"
    icon = "comment"
    list_display = ["faq", "helpful", "reason", "comment", "day"]
    list_filter = ["helpful", "reason"]
    search_fields = ["comment"]
    search_backend_name = None
    inspect_view_fields = list_display


class InsightsGroup(ViewSetGroup):
    menu_label = "Insights"
    menu_icon = "view"
    menu_order = 250
    items = (QueryLogViewSet("query_log"), FeedbackViewSet("feedback"))


@hooks.register("register_admin_viewset")
def register_insights():
    return InsightsGroup()
