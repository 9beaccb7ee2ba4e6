"""The glossary of abbreviations in the admin, under Snippets."""

from wagtail.admin.ui.tables import BooleanColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Abbreviation


class AbbreviationViewSet(SnippetViewSet):
    model = Abbreviation
    icon = "tag"
    menu_label = "Abbreviations"
    list_display = ["short_form", "full_form", BooleanColumn("match_case"), "language"]
    list_filter = ["language"]
    search_fields = ["short_form", "full_form"]
    add_to_admin_menu = False


register_snippet(AbbreviationViewSet)
