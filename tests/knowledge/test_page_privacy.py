"""Page privacy: a private FAQ is shown only to visitors who may see it, by every path that shows
content, from the moment the restriction is set; a signed-in colleague still gets its answer."""

import io
import json

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client
from wagtail.contrib.frontend_cache.backends.base import BaseBackend
from wagtail.models import PageViewRestriction

from faqbase.knowledge.models import FAQPage, FAQRelatedArticle

pytestmark = pytest.mark.django_db

QUESTION = "I'm 52, is it too late to move into project management?"
TOO_OLD = "/project-management/am-i-too-old-to-be-a-project-manager/"
TOPIC = "/project-management/"


class RecordingBackend(BaseBackend):
    """A CDN that remembers what it was asked to purge."""

    purged = []

    def purge(self, url):
        self.purged.append(url)


@pytest.fixture
def commits(django_capture_on_commit_callbacks):
    """Run what waits for the commit (purges, the index's version) when the block ends."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def too_old():
    return FAQPage.objects.get(url_path__endswith=TOO_OLD)


def restrict(page, commits, kind=PageViewRestriction.LOGIN, groups=(), password=""):
    """As the admin's Privacy dialog does: a restriction row, then its groups."""
    with commits():
        restriction = PageViewRestriction.objects.create(
            page=page, restriction_type=kind, password=password
        )
        restriction.groups.set(groups)
    return restriction


def signed_in(username, groups=()):
    user = get_user_model().objects.create_user(username, password="a-long-passphrase")
    user.groups.set(groups)
    client = Client()
    client.force_login(user)
    return client


def asked(client, question=QUESTION):
    response = client.get("/api/ask", {"q": question})
    assert response.status_code == 200
    return [result["url"] for result in response.json()["results"]]


def suggested(client, question=QUESTION):
    return [item["url"] for item in client.get("/api/suggest", {"q": question}).json()]


def search_html(client, question=QUESTION):
    return client.get("/search/", {"q": question}).content.decode()


def test_a_faq_made_private_is_no_longer_answered_to_anonymous_visitors(client, too_old, commits):
    assert asked(client)[0] == TOO_OLD  # the index is built, and holds it
    restrict(too_old, commits)

    assert TOO_OLD not in asked(client)
    assert TOO_OLD not in suggested(client)
    html = search_html(client)
    assert "Am I too old to be a project manager?" not in html
    assert "No age limit" not in html
    assert too_old.title not in client.get("/ask/", {"q": QUESTION}).content.decode()
    output = io.StringIO()
    call_command("ask", QUESTION, json=True, stdout=output)
    assert TOO_OLD not in [item["url"] for item in json.loads(output.getvalue())["results"]]


def test_a_signed_in_colleague_still_gets_the_private_answer(client, too_old, commits):
    restrict(too_old, commits)
    colleague = signed_in("colleague")

    response = colleague.get("/api/ask", {"q": QUESTION})
    assert response.json()["results"][0]["url"] == TOO_OLD
    assert response.json()["confident"] is True
    assert "private" in response["Cache-Control"]
    assert suggested(colleague)[0] == TOO_OLD
    search = colleague.get("/search/", {"q": QUESTION})
    assert "private" in search["Cache-Control"]
    assert too_old.title in search.content.decode()
    assert too_old.title in colleague.get("/ask/", {"q": QUESTION}).content.decode()
    assert colleague.get(TOO_OLD).status_code == 200
    # The anonymous visitor asking next is not given the colleague's answer.
    assert TOO_OLD not in asked(client)


def test_a_group_restriction_admits_only_its_members(too_old, commits):
    staff = Group.objects.create(name="Staff")
    restrict(too_old, commits, kind=PageViewRestriction.GROUPS, groups=[staff])

    assert asked(signed_in("member", groups=[staff]))[0] == TOO_OLD
    outsider = signed_in("outsider")
    assert TOO_OLD not in asked(outsider)
    assert too_old.title not in search_html(outsider)


def test_a_visitor_who_gave_the_shared_password_gets_the_answer(client, too_old, commits):
    restriction = restrict(too_old, commits, kind=PageViewRestriction.PASSWORD, password="s3cret")
    assert TOO_OLD not in asked(client)
    client.post(
        f"/_util/authenticate_with_password/{restriction.pk}/{too_old.pk}/",
        {"password": "s3cret", "return_url": TOO_OLD},
    )
    assert client.get(TOO_OLD).status_code == 200
    assert asked(client)[0] == TOO_OLD


def test_a_private_topic_hides_every_faq_in_it(client, too_old, commits):
    restrict(too_old.get_parent(), commits)
    assert asked(client) == []
    assert suggested(client) == []
    assert "Am I too old" not in search_html(client)
    assert asked(signed_in("colleague"))[0] == TOO_OLD


def test_a_private_faq_leaves_lists_on_other_pages_and_the_sitemap(client, too_old, commits):
    sibling = FAQPage.objects.live().sibling_of(too_old, inclusive=False).first()
    published = FAQPage.objects.live().filter(locale=too_old.locale).count()
    for url in (TOPIC, sibling.url):
        assert too_old.title in client.get(url).content.decode(), url
    assert f"{published} questions" in client.get("/").content.decode()
    assert TOO_OLD in client.get("/sitemap.xml").content.decode()
    restrict(too_old, commits)

    for url in (TOPIC, sibling.url):
        assert too_old.title not in client.get(url).content.decode(), url
    assert f"{published - 1} questions" in client.get("/").content.decode()
    assert TOO_OLD not in client.get("/sitemap.xml").content.decode()


def recently_updated(client):
    """The home page's list of recently updated answers."""
    home = client.get("/").content.decode()
    return home.split('id="recent-heading"', 1)[1].split("</section>", 1)[0]


def test_a_private_faq_leaves_the_home_pages_recently_updated_answers(client, commits):
    newest = FAQPage.objects.live().recently_edited().first()
    assert newest.title in recently_updated(client)
    restrict(newest, commits)
    assert newest.title not in recently_updated(client)


def test_a_page_cached_before_it_became_private_is_not_served_from_the_cache(
    client, too_old, commits
):
    client.get(TOO_OLD)
    assert client.get(TOO_OLD)["X-Page-Cache"] == "hit"
    restrict(too_old, commits)

    response = client.get(TOO_OLD)
    assert response.status_code == 302
    assert "/_util/login/" in response["Location"] or "login" in response["Location"]


def test_removing_the_restriction_shows_the_faq_again(client, too_old, commits):
    restriction = restrict(too_old, commits)
    assert TOO_OLD not in asked(client)
    with commits():
        restriction.delete()
    assert asked(client)[0] == TOO_OLD
    assert client.get(TOO_OLD).status_code == 200
    assert too_old.title in client.get(TOPIC).content.decode()


def test_static_copies_of_pages_made_private_are_deleted_and_lists_rewritten(
    tmp_path, settings, too_old, commits
):
    settings.FAQBASE_STATIC_PAGES_DIR = str(tmp_path)
    call_command("publish_static", str(tmp_path), stdout=io.StringIO())
    copy = tmp_path / TOO_OLD.strip("/") / "index.html"
    topic_copy = tmp_path / TOPIC.strip("/") / "index.html"
    assert copy.is_file() and too_old.title in topic_copy.read_text()

    restrict(too_old, commits)
    assert not copy.exists()
    assert too_old.title not in topic_copy.read_text()


def test_the_cdn_is_asked_to_purge_every_page_that_showed_the_private_faq(
    settings, too_old, commits
):
    settings.WAGTAILFRONTENDCACHE = {
        "recorder": {"BACKEND": f"{__name__}.RecordingBackend", "HOSTNAMES": ["*"]}
    }
    RecordingBackend.purged.clear()
    restrict(too_old, commits)
    purged_paths = {url.split("localhost", 1)[-1] for url in RecordingBackend.purged}
    assert {TOO_OLD, TOPIC, "/"} <= purged_paths


def test_a_private_article_is_no_card_on_public_pages(client, too_old, commits):
    article = too_old.get_parent().specific.articles().first()
    # An FAQ that picked the article as related by hand, whose answer does not mention it.
    faq = next(
        link.faq
        for link in FAQRelatedArticle.objects.filter(article=article, faq__live=True)
        if article.title not in link.faq.answer
    )
    for url in (TOPIC, faq.url, "/articles/"):
        assert article.title in client.get(url).content.decode(), url
    restrict(article, commits)
    for url in (TOPIC, faq.url, "/articles/"):
        assert article.title not in client.get(url).content.decode(), url


def test_feedback_and_result_links_refuse_a_private_faq_to_anonymous_visitors(
    client, too_old, commits
):
    restrict(too_old, commits)
    assert client.get(f"/search/opened/{too_old.pk}/", {"q": "too old"}).status_code == 404
    vote = client.post(
        f"/feedback/{too_old.pk}/", {"helpful": "yes"}, HTTP_ORIGIN="http://testserver"
    )
    assert vote.status_code == 404
    colleague = signed_in("colleague")
    assert colleague.get(f"/search/opened/{too_old.pk}/", {"q": "too old"}).status_code == 302
