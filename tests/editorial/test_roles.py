"""The editors' groups that `faqbase init` creates, each with exactly its role's rights."""

import io

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from wagtail.models import GroupCollectionPermission, GroupPagePermission

from faqbase.editorial.roles import permission_get

pytestmark = pytest.mark.django_db

GLOSSARY = {
    "answers.add_abbreviation",
    "answers.change_abbreviation",
    "answers.delete_abbreviation",
    "answers.view_abbreviation",
}
TRANSLATE = "wagtail_localize.submit_translation"
IMAGES_AND_DOCUMENTS = {
    "wagtailimages.add_image",
    "wagtailimages.change_image",
    "wagtailimages.choose_image",
    "wagtaildocs.add_document",
    "wagtaildocs.change_document",
    "wagtaildocs.choose_document",
}
EXPECTED_RIGHTS = {
    "Editors": {
        "permissions": {"wagtailadmin.access_admin", *GLOSSARY, TRANSLATE},
        "pages": {"add_page", "change_page"},
        "collections": IMAGES_AND_DOCUMENTS,
    },
    "Moderators": {
        "permissions": {
            "wagtailadmin.access_admin",
            *GLOSSARY,
            TRANSLATE,
            "editorial.moderate_visitorquestion",
            "editorial.view_insights",
        },
        "pages": {"add_page", "change_page", "publish_page", "lock_page", "unlock_page"},
        "collections": IMAGES_AND_DOCUMENTS,
    },
    "Analysts": {
        "permissions": {"wagtailadmin.access_admin", "editorial.view_insights"},
        "pages": set(),
        "collections": set(),
    },
}


def rights(group_name):
    group = Group.objects.get(name=group_name)
    return {
        "permissions": {
            f"{permission.content_type.app_label}.{permission.codename}"
            for permission in group.permissions.all()
        },
        "pages": {
            right.permission.codename
            for right in GroupPagePermission.objects.filter(group=group, page__depth=1)
        },
        "collections": {
            f"{right.permission.content_type.app_label}.{right.permission.codename}"
            for right in GroupCollectionPermission.objects.filter(group=group, collection__depth=1)
        },
    }


def test_init_gives_each_group_exactly_its_rights_and_running_it_again_changes_nothing():
    editors = Group.objects.get(name="Editors")
    editors.permissions.add(permission_get("editorial.view_insights"))
    call_command("init", no_demo=True, stdout=io.StringIO())
    first = {name: rights(name) for name in EXPECTED_RIGHTS}
    call_command("init", no_demo=True, stdout=io.StringIO())
    assert first == {name: rights(name) for name in EXPECTED_RIGHTS} == EXPECTED_RIGHTS
    assert Group.objects.filter(name__in=EXPECTED_RIGHTS).count() == 3
    for name in EXPECTED_RIGHTS:
        group = Group.objects.get(name=name)
        assert not GroupPagePermission.objects.filter(group=group, page__depth__gt=1).exists()
