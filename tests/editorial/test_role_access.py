"""Editors, Moderators and Analysts each do what their role allows and are refused the rest."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from wagtail.models import GroupPagePermission

from faqbase.answers.models import Abbreviation
from faqbase.editorial.models import ContentGap, QueryLogEntry, VisitorQuestion
from faqbase.editorial.roles import editor_roles_ensure, permission_get
from faqbase.editorial.services import (
    faq_merge,
    gap_to_draft,
    submission_to_draft,
    visitor_question_moderate,
)
from faqbase.knowledge.models import FAQPage, TopicPage
from tests.support.admin_forms import faq_form_data

pytestmark = pytest.mark.django_db

ADMIN_ONLY = "admin access only"
DENIED = ["Editors", "Analysts", ADMIN_ONLY]
REPORT_URLS = [
    "/admin/insights/",
    "/admin/gaps/",
    "/admin/duplicates/",
    "/admin/feedback_report/",
    "/admin/stale/",
]
SURVIVOR = "am-i-too-old-to-be-a-project-manager"
MERGED = "is-40-too-old-to-become-a-project-manager"
GANTT = ["how do I make a gantt chart in excel", "gantt chart template"]


@pytest.fixture
def member_of(db):
    """A user holding one role's rights: a group's, or only the right to open the admin."""
    editor_roles_ensure()

    def make(role):
        user = get_user_model().objects.create_user(role.replace(" ", "-"), password="x" * 16)
        if role == ADMIN_ONLY:
            user.user_permissions.add(permission_get("wagtailadmin.access_admin"))
        else:
            user.groups.add(Group.objects.get(name=role))
        return user

    return make


@pytest.fixture
def sign_in(client, member_of):
    def sign_in(role):
        client.force_login(member_of(role))
        return client

    return sign_in


@pytest.fixture
def question(db):
    return VisitorQuestion.objects.create(
        text="Is a PRINCE2 certificate valid for life?",
        email="reader@example.org",
        closest_faqs=[{"faq_id": FAQPage.objects.first().pk, "score": 0.5}],
        visitor_hash="v",
    )


@pytest.mark.parametrize("role", DENIED)
def test_only_moderators_open_a_visitor_question_and_its_email(sign_in, question, role):
    response = sign_in(role).get(f"/admin/visitor_questions/moderate/{question.pk}/")
    assert response.status_code == 403
    assert "reader@example.org" not in response.content.decode()
    response = sign_in("Moderators").get(f"/admin/visitor_questions/moderate/{question.pk}/")
    assert response.status_code == 200
    assert "reader@example.org" in response.content.decode()


@pytest.mark.parametrize("role", DENIED)
def test_only_moderators_mark_a_visitor_question_as_spam(sign_in, question, role):
    url = f"/admin/visitor_questions/moderate/{question.pk}/"
    assert sign_in(role).post(url, {"action": "spam"}).status_code == 403
    question.refresh_from_db()
    assert question.status == "new"
    assert sign_in("Moderators").post(url, {"action": "spam"}).status_code == 302
    question.refresh_from_db()
    assert question.status == "spam"


def test_moderating_and_drafting_refuse_a_non_moderator_in_the_service_itself(member_of, question):
    editor = member_of("Editors")
    with pytest.raises(PermissionDenied):
        visitor_question_moderate(question=question, user=editor, status="spam")
    with pytest.raises(PermissionDenied):
        submission_to_draft(question=question, user=editor)
    question.refresh_from_db()
    assert (question.status, question.draft_faq) == ("new", None)


def test_drafting_from_a_visitor_question_needs_the_right_to_add_to_the_topic(member_of, question):
    moderator = member_of("Moderators")
    topic = TopicPage.objects.first()
    moderators = Group.objects.get(name="Moderators")
    GroupPagePermission.objects.filter(group=moderators, permission__codename="add_page").delete()
    with pytest.raises(PermissionDenied):
        submission_to_draft(question=question, user=moderator, topic=topic)
    assert not FAQPage.objects.filter(title=question.text).exists()


@pytest.mark.parametrize("role", DENIED)
def test_the_visitor_question_list_and_inspect_view_are_for_moderators(sign_in, question, role):
    client = sign_in(role)
    for url in ["/admin/visitor_questions/", f"/admin/visitor_questions/inspect/{question.pk}/"]:
        response = client.get(url)
        assert response.status_code == 302 and response["Location"] == "/admin/"
    moderator = sign_in("Moderators")
    assert question.text in moderator.get("/admin/visitor_questions/").content.decode()
    inspect = moderator.get(f"/admin/visitor_questions/inspect/{question.pk}/")
    assert "reader@example.org" in inspect.content.decode()


@pytest.mark.parametrize("url", REPORT_URLS + ["/admin/query_log/", "/admin/feedback/"])
def test_analysts_read_every_report_that_editors_and_plain_admins_cannot(sign_in, url):
    QueryLogEntry.objects.create(
        text=GANTT[0], source="search", confident=False, confidence=0.1, visitor_hash="t"
    )
    assert sign_in("Analysts").get(url).status_code == 200
    for role in ["Editors", ADMIN_ONLY]:
        response = sign_in(role).get(url)
        assert response.status_code in (302, 403)
        assert GANTT[0] not in response.content.decode()
        if response.status_code == 302:
            assert response["Location"] == "/admin/"


def menu_urls(client):
    html = client.get("/admin/").content.decode()
    urls = [*REPORT_URLS, "/admin/query_log/", "/admin/feedback/", "/admin/visitor_questions/"]
    return {url for url in urls if f'"{url}"' in html}


def test_the_insights_menu_shows_each_role_only_what_it_may_open(sign_in):
    everything = {*REPORT_URLS, "/admin/query_log/", "/admin/feedback/"}
    assert menu_urls(sign_in("Moderators")) == everything | {"/admin/visitor_questions/"}
    assert menu_urls(sign_in("Analysts")) == everything
    assert menu_urls(sign_in("Editors")) == set()
    assert menu_urls(sign_in(ADMIN_ONLY)) == set()


@pytest.mark.parametrize("role", DENIED)
def test_only_moderators_merge_duplicates(sign_in, role):
    survivor = FAQPage.objects.get(slug=SURVIVOR)
    merged = FAQPage.objects.get(slug=MERGED)
    data = {"survivor": survivor.pk, "faq": [survivor.pk, merged.pk]}
    assert sign_in(role).post("/admin/duplicates/", data).status_code == 403
    merged.refresh_from_db()
    assert merged.live
    assert sign_in("Moderators").post("/admin/duplicates/", data).status_code == 302
    merged.refresh_from_db()
    assert not merged.live


@pytest.mark.parametrize(
    ("publishes", "refusal"),
    [(SURVIVOR, "cannot unpublish"), (MERGED, "cannot publish")],
)
def test_a_merge_needs_publish_rights_on_the_faq_that_stays_and_on_every_merged_one(
    member_of, publishes, refusal
):
    survivor = FAQPage.objects.get(slug=SURVIVOR)
    merged = FAQPage.objects.get(slug=MERGED)
    publisher = member_of("Editors")
    one_faq = Group.objects.create(name="Publishes one FAQ")
    GroupPagePermission.objects.create(
        group=one_faq,
        page=FAQPage.objects.get(slug=publishes),
        permission=permission_get("wagtailcore.publish_page"),
    )
    publisher.groups.add(one_faq)
    with pytest.raises(PermissionDenied, match=refusal):
        faq_merge(survivor=survivor, others=[merged], user=publisher)
    merged.refresh_from_db()
    assert merged.live


@pytest.mark.parametrize("role", ["Editors", "Analysts"])
def test_only_moderators_create_an_faq_from_a_content_gap(sign_in, role):
    topic = TopicPage.objects.first()
    data = {"topic": topic.pk, "phrasing": GANTT}
    assert sign_in(role).post("/admin/gaps/", data).status_code == 403
    assert not ContentGap.objects.exists()
    response = sign_in("Moderators").post("/admin/gaps/", data)
    assert response["Location"] == f"/admin/pages/{ContentGap.objects.get().faq_id}/edit/"


def test_a_gap_draft_needs_the_right_to_add_to_the_topic(member_of):
    moderator = member_of("Moderators")
    moderators = Group.objects.get(name="Moderators")
    GroupPagePermission.objects.filter(group=moderators, permission__codename="add_page").delete()
    with pytest.raises(PermissionDenied, match="cannot add FAQs"):
        gap_to_draft(phrasings=GANTT, topic=TopicPage.objects.first(), user=moderator)


@pytest.mark.parametrize("role", DENIED)
def test_only_moderators_mark_an_faq_reviewed(sign_in, pmo_faq, role):
    url = f"/admin/faqs/{pmo_faq.pk}/mark-reviewed/"
    client = sign_in(role)
    assert client.get(url).status_code == 403
    assert client.post(url).status_code == 403
    reviewed = pmo_faq.last_reviewed
    pmo_faq.refresh_from_db()
    assert pmo_faq.last_reviewed == reviewed
    assert sign_in("Moderators").post(url).status_code == 302
    pmo_faq.refresh_from_db()
    assert pmo_faq.last_reviewed != reviewed


@pytest.mark.parametrize("role", ["Analysts", ADMIN_ONLY])
def test_editors_write_the_glossary_and_analysts_cannot(sign_in, role):
    url = "/admin/snippets/answers/abbreviation/add/"
    data = {
        "short_form": "RAID",
        "full_form": "risks, assumptions, issues, dependencies",
        "language": "en-gb",
    }
    response = sign_in(role).post(url, data)
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert not Abbreviation.objects.filter(short_form="RAID").exists()
    editor = sign_in("Editors")
    assert editor.get(url).status_code == 200
    assert editor.post(url, data).status_code == 302
    assert Abbreviation.objects.filter(short_form="RAID").exists()


def test_an_editor_cannot_publish_a_change_only_submit_it(sign_in, pmo_faq):
    live_title = pmo_faq.title
    editor = sign_in("Editors")
    url = f"/admin/pages/{pmo_faq.pk}/edit/"
    assert editor.get(url).status_code == 200
    assert b"action-publish" not in editor.get(url).content
    editor.post(url, faq_form_data(pmo_faq, title="Changed by an editor"))
    pmo_faq.refresh_from_db()
    assert pmo_faq.title == live_title
    assert pmo_faq.get_latest_revision().as_object().title == "Changed by an editor"
    assert pmo_faq.live


@pytest.mark.parametrize("role", ["Analysts", ADMIN_ONLY])
def test_analysts_and_plain_admin_users_cannot_edit_or_add_pages(sign_in, pmo_faq, role):
    client = sign_in(role)
    revisions = pmo_faq.revisions.count()
    topic = pmo_faq.get_parent()
    refused = (302, 403)
    assert client.get(f"/admin/pages/{pmo_faq.pk}/edit/").status_code in refused
    posted = client.post(f"/admin/pages/{pmo_faq.pk}/edit/", faq_form_data(pmo_faq, title="X"))
    assert posted.status_code in refused
    add = f"/admin/pages/add/knowledge/faqpage/{topic.pk}/"
    assert client.get(add).status_code in refused
    assert pmo_faq.revisions.count() == revisions
    assert FAQPage.objects.filter(title="X").count() == 0


@pytest.mark.parametrize("role", ["Editors", "Moderators"])
def test_writers_may_translate_a_page_and_get_a_welsh_draft(sign_in, role):
    from wagtail.models import Locale

    faq = FAQPage.objects.get(slug="is-project-manager-a-stressful-job")
    welsh = Locale.objects.get(language_code="cy")
    client = sign_in(role)
    url = f"/admin/localize/submit/page/{faq.pk}/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"locales": [welsh.pk]})
    assert response.status_code == 302
    translation = faq.get_translation(welsh)
    assert not translation.live  # a draft, published as any page is
    assert translation.get_parent().locale == welsh


@pytest.mark.parametrize("role", ["Analysts", ADMIN_ONLY])
def test_readers_may_not_translate(sign_in, role):
    faq = FAQPage.objects.get(slug="is-project-manager-a-stressful-job")
    url = f"/admin/localize/submit/page/{faq.pk}/"
    client = sign_in(role)
    # Wagtail's admin answers a refusal by going back to the dashboard with a message.
    assert client.get(url)["Location"] == "/admin/"
    assert client.post(url, {"locales": [2]})["Location"] == "/admin/"
    assert not FAQPage.objects.filter(translation_key=faq.translation_key).exclude(pk=faq.pk)
