"""The content API: public content for anyone, more for a token's user where Wagtail's privacy
allows it, and FAQ writes under the token user's own permissions."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from wagtail.models import PageViewRestriction

from faqbase.contentapi.models import APIToken
from faqbase.contentapi.services import token_create
from faqbase.editorial.roles import editor_roles_ensure
from faqbase.knowledge.models import FAQPage

pytestmark = pytest.mark.django_db

PRIVATE_SLUG = "is-pmo-better-than-project-manager"
NEW_FAQ = {
    "topic": "project-management",
    "question": "Can my employer pay for the course?",
    "answer": "<p>Yes: we invoice employers directly.</p><script>alert(1)</script>",
    "phrasings": ["Will my company fund my training?"],
    "tags": ["funding"],
}


@pytest.fixture
def token_of(member_of):
    def make(role):
        user = member_of(role)
        _token, plain = token_create(user=user, name="tests", acting_user=user)
        return {"HTTP_AUTHORIZATION": f"Bearer {plain}"}

    return make


@pytest.fixture
def private_faq():
    faq = FAQPage.objects.get(slug=PRIVATE_SLUG)
    PageViewRestriction.objects.create(page=faq, restriction_type=PageViewRestriction.LOGIN)
    return faq


def test_anyone_reads_the_public_topics_and_faqs(client):
    topics = client.get("/api/v1/topics").json()
    assert "project-management" in [topic["slug"] for topic in topics]

    listed = client.get("/api/v1/faqs", {"topic": "project-management", "page_size": 10}).json()
    assert listed["count"] == FAQPage.objects.live().filter(locale__language_code="en-gb").count()
    assert len(listed["results"]) == 10
    assert "page=2" in listed["next"]
    assert listed["previous"] is None

    faq_id = listed["results"][0]["id"]
    faq = client.get(f"/api/v1/faqs/{faq_id}").json()
    assert faq["question"] == FAQPage.objects.get(pk=faq_id).title
    assert faq["answer_text"]
    assert faq["topic"] == "project-management"
    # The address as the client reached the site, whatever host the Site record names.
    assert faq["url"] == "http://testserver" + FAQPage.objects.get(pk=faq_id).url


def test_a_private_faq_is_read_only_with_a_token_whose_user_passes_its_restriction(
    client, private_faq, token_of
):
    assert client.get(f"/api/v1/faqs/{private_faq.pk}").status_code == 404
    public_ids = [faq["id"] for faq in client.get("/api/v1/faqs?page_size=100").json()["results"]]
    assert private_faq.pk not in public_ids

    signed = token_of("Editors")
    assert client.get(f"/api/v1/faqs/{private_faq.pk}", **signed).status_code == 200
    listed = client.get("/api/v1/faqs?page_size=100", **signed).json()["results"]
    assert private_faq.pk in [faq["id"] for faq in listed]


def test_a_bad_or_revoked_token_is_refused(client, token_of):
    assert client.get("/api/v1/faqs", HTTP_AUTHORIZATION="Bearer fqb_nope_nope").status_code == 401
    headers = token_of("Editors")
    APIToken.objects.update(revoked_at=datetime.datetime.now(datetime.UTC))
    assert client.get("/api/v1/faqs", **headers).status_code == 401


def test_filters_by_tag_and_updated_since(client):
    faq = FAQPage.objects.live().first()
    faq.tags.add("ledger-tag")
    faq.save()
    listed = client.get("/api/v1/faqs", {"tag": "ledger-tag"}).json()
    assert [item["id"] for item in listed["results"]] == [faq.pk]

    FAQPage.objects.filter(pk=faq.pk).update(
        last_edited=datetime.datetime(2099, 1, 1, tzinfo=datetime.UTC)
    )
    recent = client.get("/api/v1/faqs", {"updated_since": "2098-12-31T00:00:00Z"}).json()
    assert [item["id"] for item in recent["results"]] == [faq.pk]


def test_an_unchanged_faq_answers_304_to_its_etag(client):
    faq = FAQPage.objects.live().first()
    first = client.get(f"/api/v1/faqs/{faq.pk}")
    again = client.get(f"/api/v1/faqs/{faq.pk}", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    faq.title = "A changed question?"
    faq.save_revision().publish()
    changed = client.get(f"/api/v1/faqs/{faq.pk}", HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200


def test_articles_are_listed_and_read(client):
    articles = client.get("/api/v1/articles").json()
    assert articles
    article = client.get(f"/api/v1/articles/{articles[0]['id']}").json()
    assert article["body_html"]


def test_an_editor_saves_a_draft_as_a_revision_of_their_own(client, token_of):
    response = client.post(
        "/api/v1/faqs",
        NEW_FAQ | {"action": "draft"},
        content_type="application/json",
        **token_of("Editors"),
    )
    assert response.status_code == 201, response.content
    faq = FAQPage.objects.get(pk=response.json()["id"])
    assert not faq.live
    assert faq.latest_revision.user.username == "editors"
    stored = faq.get_latest_revision_as_object()
    assert "invoice employers" in stored.answer and "script" not in stored.answer
    assert response.json()["phrasings"] == NEW_FAQ["phrasings"]


def test_an_editor_may_not_publish_and_nothing_is_left_behind(client, token_of):
    response = client.post(
        "/api/v1/faqs",
        NEW_FAQ | {"action": "publish"},
        content_type="application/json",
        **token_of("Editors"),
    )
    assert response.status_code == 403
    assert not FAQPage.objects.filter(title=NEW_FAQ["question"]).exists()


def test_an_editor_submits_for_moderation(client, token_of):
    response = client.post(
        "/api/v1/faqs",
        NEW_FAQ | {"action": "submit"},
        content_type="application/json",
        **token_of("Editors"),
    )
    assert response.status_code == 201
    faq = FAQPage.objects.get(pk=response.json()["id"])
    assert faq.current_workflow_state is not None
    assert not faq.live


def test_a_moderator_publishes_and_updates(client, token_of):
    headers = token_of("Moderators")
    created = client.post(
        "/api/v1/faqs",
        NEW_FAQ | {"action": "publish"},
        content_type="application/json",
        **headers,
    ).json()
    assert FAQPage.objects.get(pk=created["id"]).live
    assert client.get(f"/api/v1/faqs/{created['id']}").status_code == 200

    changed = client.patch(
        f"/api/v1/faqs/{created['id']}",
        {"answer": "<p>Yes, and we can split the invoice.</p>", "action": "publish"},
        content_type="application/json",
        **headers,
    )
    assert changed.status_code == 200
    assert "split the invoice" in FAQPage.objects.get(pk=created["id"]).answer
    assert FAQPage.objects.get(pk=created["id"]).revisions.count() == 2


def test_an_analyst_may_not_write_and_a_write_needs_a_token(client, token_of):
    refused = client.post(
        "/api/v1/faqs", NEW_FAQ, content_type="application/json", **token_of("Analysts")
    )
    assert refused.status_code == 403
    assert client.post("/api/v1/faqs", NEW_FAQ, content_type="application/json").status_code == 401
    assert not FAQPage.objects.filter(title=NEW_FAQ["question"]).exists()


def test_bad_input_is_a_400_naming_the_field(client, token_of):
    headers = token_of("Moderators")
    too_long = client.post(
        "/api/v1/faqs",
        NEW_FAQ | {"question": "x" * 300},
        content_type="application/json",
        **headers,
    )
    assert too_long.status_code == 400
    assert "question" in too_long.json()["detail"]
    unknown = client.post(
        "/api/v1/faqs",
        NEW_FAQ | {"topic": "no-such-topic"},
        content_type="application/json",
        **headers,
    )
    assert unknown.status_code == 400
    assert "no-such-topic" in unknown.json()["detail"]


def test_writes_are_rate_limited_per_token_user(client, token_of, settings):
    settings.FAQBASE_CONTENT_API_WRITE_RATE = "2/m"
    headers = token_of("Editors")
    statuses = [
        client.post(
            "/api/v1/faqs",
            NEW_FAQ | {"question": f"Question {n}?"},
            content_type="application/json",
            **headers,
        ).status_code
        for n in range(3)
    ]
    assert statuses == [201, 201, 429]


def test_the_command_shows_a_token_once_and_revokes_it(capsys, client):
    get_user_model().objects.create_user("writer", password="x" * 16)
    call_command("api_token", "writer", "--name", "sync job")
    plain = capsys.readouterr().out.splitlines()[1]
    assert plain.startswith("fqb_")
    token = APIToken.objects.get()
    assert plain not in token.token_hash
    assert client.get("/api/v1/topics", HTTP_AUTHORIZATION=f"Bearer {plain}").status_code == 200

    call_command("api_token", "writer", "--revoke", token.prefix)
    assert client.get("/api/v1/topics", HTTP_AUTHORIZATION=f"Bearer {plain}").status_code == 401


def test_the_admin_shows_a_new_token_once_and_only_its_owner_revokes_it(client, token_of):
    editor = get_user_model().objects.create_user("writer", password="x" * 16)
    editor.groups.add(Group.objects.get_or_create(name="Editors")[0])
    editor_roles_ensure()
    client.force_login(editor)
    created = client.post("/admin/api-tokens/", {"name": "sync"})
    assert created.status_code == 200
    assert "no-store" in created["Cache-Control"]
    plain = created.context["created"]["plain"]
    assert plain in created.content.decode()
    assert plain not in client.get("/admin/api-tokens/").content.decode()

    other_headers = token_of("Moderators")
    others = APIToken.objects.exclude(user=editor).get()
    assert client.post(f"/admin/api-tokens/{others.pk}/revoke/").status_code == 404
    assert client.get("/api/v1/topics", **other_headers).status_code == 200
    mine = APIToken.objects.get(user=editor)
    client.post(f"/admin/api-tokens/{mine.pk}/revoke/")
    assert client.get("/api/v1/topics", HTTP_AUTHORIZATION=f"Bearer {plain}").status_code == 401
