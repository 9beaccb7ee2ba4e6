from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from faqbase.base.models import HomePage

from .admin_views import import_preview, import_upload


@hooks.register("register_admin_urls")
def register_import_urls():
    return [
        path("import/", import_upload, name="importexport_upload"),
        path("import/<int:pk>/", import_preview, name="importexport_preview"),
    ]


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        home = HomePage.in_default_locale()
        return home is not None and home.permissions_for_user(request.user).can_add_subpage()


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return ImportMenuItem(
        _("Import"), reverse("importexport_upload"), icon_name="upload", order=900
    )
