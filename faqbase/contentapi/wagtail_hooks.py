from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .admin_views import api_token_revoke, api_tokens


@hooks.register("register_admin_urls")
def register_api_token_urls():
    return [
        path("api-tokens/", api_tokens, name="contentapi_tokens"),
        path("api-tokens/<int:pk>/revoke/", api_token_revoke, name="contentapi_token_revoke"),
    ]


@hooks.register("register_settings_menu_item")
def register_api_tokens_menu_item():
    return MenuItem(_("API tokens"), reverse("contentapi_tokens"), icon_name="key", order=900)
