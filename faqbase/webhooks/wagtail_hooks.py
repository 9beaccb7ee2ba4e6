"""Settings → Webhooks: the endpoints, each with its deliveries log and a test event."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from .admin_views import (
    EndpointCreateView,
    EndpointDeleteView,
    EndpointEditView,
    endpoint_deliveries_view,
    endpoint_ping_view,
)
from .forms import EndpointForm
from .models import WebhookEndpoint


class EndpointIndexView(generic.IndexView):
    def get_list_more_buttons(self, instance):
        deliveries = MenuItem(
            _("Deliveries and test event"),
            url=reverse("webhooks:deliveries", args=[instance.pk]),
            icon_name="list-ul",
            priority=15,
        )
        return [*super().get_list_more_buttons(instance), deliveries]


class WebhookEndpointViewSet(ModelViewSet):
    model = WebhookEndpoint
    name = "webhooks"
    menu_label = _("Webhooks")
    icon = "link-external"
    add_to_settings_menu = True
    # A copy would carry the secret over to a second endpoint.
    copy_view_enabled = False
    add_to_reference_index = False
    index_view_class = EndpointIndexView
    add_view_class = EndpointCreateView
    edit_view_class = EndpointEditView
    delete_view_class = EndpointDeleteView
    list_display = ["name", "url", "events_display", "is_active", "secret_masked"]
    list_filter = ["is_active"]

    def get_form_class(self, for_update=False):
        return EndpointForm

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("deliveries/<int:pk>/", endpoint_deliveries_view, name="deliveries"),
            path("ping/<int:pk>/", endpoint_ping_view, name="ping"),
        ]


@hooks.register("register_admin_viewset")
def register_webhooks():
    return WebhookEndpointViewSet()
