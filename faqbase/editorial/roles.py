"""The editors' groups (Editors, Moderators, Analysts) and the least rights each needs."""

from dataclasses import dataclass

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

ACCESS_ADMIN = "wagtailadmin.access_admin"
VIEW_INSIGHTS = "editorial.view_insights"
MODERATE_VISITOR_QUESTIONS = "editorial.moderate_visitorquestion"
# wagtail-localize's "Translate this page": the translation is a draft, published as any page.
TRANSLATE = "wagtail_localize.submit_translation"

GLOSSARY = (
    "answers.add_abbreviation",
    "answers.change_abbreviation",
    "answers.delete_abbreviation",
    "answers.view_abbreviation",
)
# Articles and FAQs show images; writers upload and pick them, but never delete them.
IMAGES_AND_DOCUMENTS = (
    "wagtailimages.add_image",
    "wagtailimages.change_image",
    "wagtailimages.choose_image",
    "wagtaildocs.add_document",
    "wagtaildocs.change_document",
    "wagtaildocs.choose_document",
)
# Wagtail's own codenames on the page tree: "change" lets an editor submit a draft for
# moderation, "publish" also lets a moderator unpublish (and so merge FAQs away).
WRITE_PAGES = ("add_page", "change_page")
PUBLISH_PAGES = (*WRITE_PAGES, "publish_page", "lock_page", "unlock_page")


@dataclass(frozen=True)
class Role:
    name: str
    permissions: tuple[str, ...]
    page_permissions: tuple[str, ...] = ()
    collection_permissions: tuple[str, ...] = ()


EDITORS = Role(
    "Editors",
    permissions=(ACCESS_ADMIN, *GLOSSARY, TRANSLATE),
    page_permissions=WRITE_PAGES,
    collection_permissions=IMAGES_AND_DOCUMENTS,
)
MODERATORS = Role(
    "Moderators",
    permissions=(ACCESS_ADMIN, *GLOSSARY, TRANSLATE, MODERATE_VISITOR_QUESTIONS, VIEW_INSIGHTS),
    page_permissions=PUBLISH_PAGES,
    collection_permissions=IMAGES_AND_DOCUMENTS,
)
ANALYSTS = Role("Analysts", permissions=(ACCESS_ADMIN, VIEW_INSIGHTS))
ROLES = (EDITORS, MODERATORS, ANALYSTS)


@transaction.atomic
def editor_roles_ensure():
    """Create the three groups, or set existing ones (Wagtail's own Editors and Moderators
    among them) back to exactly these rights; returns the groups."""
    return [role_ensure(role=role) for role in ROLES]


def role_ensure(*, role):
    group, _created = Group.objects.get_or_create(name=role.name)
    group.permissions.set([permission_get(name) for name in role.permissions])
    page_rights_set(group=group, codenames=role.page_permissions)
    collection_rights_set(group=group, names=role.collection_permissions)
    return group


def page_rights_set(*, group, codenames):
    """The rights on the root page, which every site's pages inherit."""
    root = Page.get_first_root_node()
    GroupPagePermission.objects.filter(group=group).exclude(
        page=root, permission__codename__in=codenames
    ).delete()
    for codename in codenames:
        GroupPagePermission.objects.get_or_create(
            group=group, page=root, permission=permission_get(f"wagtailcore.{codename}")
        )


def collection_rights_set(*, group, names):
    root = Collection.get_first_root_node()
    wanted = [permission_get(name) for name in names]
    GroupCollectionPermission.objects.filter(group=group).exclude(
        collection=root, permission__in=wanted
    ).delete()
    for permission in wanted:
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=root, permission=permission
        )


def permission_get(name):
    app_label, codename = name.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def insights_check(*, user):
    if not user.has_perm(VIEW_INSIGHTS):
        raise PermissionDenied(_("Only analysts and moderators can read the Insights reports."))


def moderation_check(*, user):
    """Moderating and reading visitors' e-mail addresses go together: both are a moderator's."""
    if not user.has_perm(MODERATE_VISITOR_QUESTIONS):
        raise PermissionDenied(_("Only moderators can read and moderate visitor questions."))
