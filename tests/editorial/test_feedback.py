""" "Was this helpful?" on every FAQ page: works without JavaScript, one vote per visitor a day."""

import pytest
from django.test import Client

from faqbase.editorial.models import FAQFeedback

pytestmark = pytest.mark.django_db


# What a browser sends with the feedback form's POST from one of the site's own pages.
FROM_OUR_PAGE = {"HTTP_ORIGIN": "http://testserver"}


def vote(client, faq, **data):
    address = data.pop("address", "192.0.2.1")
    return client.post(f"/feedback/{faq.pk}/", data, REMOTE_ADDR=address, **FROM_OUR_PAGE)


def test_every_faq_page_asks_whether_the_answer_helped(client, pmo_faq):
    html = client.get(pmo_faq.url).content.decode()
    assert "Was this answer helpful?" in html
    assert f'action="/feedback/{pmo_faq.pk}/"' in html
    # The page is shared by every visitor (cache, static copy): it holds no per-visitor token.
    assert 'name="csrfmiddlewaretoken"' not in html


def test_a_vote_from_a_cached_page_needs_no_csrf_token(pmo_faq):
    browser = Client(enforce_csrf_checks=True)
    browser.get(pmo_faq.url)
    assert browser.get(pmo_faq.url)["X-Page-Cache"] == "hit"
    response = browser.post(
        f"/feedback/{pmo_faq.pk}/", {"helpful": "yes"}, HTTP_ORIGIN="http://testserver"
    )
    assert response.status_code == 302
    assert FAQFeedback.objects.get().helpful is True


def test_a_vote_posted_from_another_site_is_refused(client, pmo_faq):
    response = client.post(
        f"/feedback/{pmo_faq.pk}/", {"helpful": "no"}, HTTP_ORIGIN="https://elsewhere.example"
    )
    assert response.status_code == 403
    assert "this site's own pages" in response.content.decode()
    refused = client.post(
        f"/feedback/{pmo_faq.pk}/", {"helpful": "no"}, HTTP_SEC_FETCH_SITE="cross-site"
    )
    assert refused.status_code == 403
    assert not FAQFeedback.objects.exists()


def test_a_vote_that_does_not_say_where_it_was_posted_from_is_refused(client, pmo_faq):
    response = client.post(f"/feedback/{pmo_faq.pk}/", {"helpful": "no"})
    assert response.status_code == 403
    assert "this site's own pages" in response.content.decode()
    assert not FAQFeedback.objects.exists()


def test_a_vote_whose_browser_says_same_origin_without_an_origin_is_stored(client, pmo_faq):
    response = client.post(
        f"/feedback/{pmo_faq.pk}/", {"helpful": "yes"}, HTTP_SEC_FETCH_SITE="same-origin"
    )
    assert response.status_code == 302
    assert FAQFeedback.objects.get().helpful is True


def test_a_yes_vote_is_stored_and_the_visitor_is_thanked(client, pmo_faq):
    response = vote(client, pmo_faq, helpful="yes")
    assert response.status_code == 302
    assert response["Location"] == f"{pmo_faq.url}?feedback=thanks#feedback"
    assert FAQFeedback.objects.get().helpful is True
    assert "Thank you" in client.get(response["Location"]).content.decode()


def test_a_no_vote_keeps_its_reason_and_comment_as_plain_text(client, pmo_faq):
    vote(client, pmo_faq, helpful="no", reason="out_of_date", comment="<b>Old</b>\u0007 info")
    feedback = FAQFeedback.objects.get()
    assert (feedback.helpful, feedback.reason, feedback.comment) == (
        False,
        "out_of_date",
        "<b>Old</b> info",
    )


def test_a_second_vote_the_same_day_replaces_the_first(client, pmo_faq):
    vote(client, pmo_faq, helpful="no", reason="wrong")
    vote(client, pmo_faq, helpful="yes")
    assert FAQFeedback.objects.count() == 1
    assert FAQFeedback.objects.get().helpful is True
    vote(client, pmo_faq, helpful="yes", address="192.0.2.2")
    assert FAQFeedback.objects.count() == 2


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"helpful": "maybe"},
        {"helpful": "no", "reason": "bored"},
        {"helpful": "no", "comment": "x" * 1001},
    ],
)
def test_bad_feedback_is_a_400_and_stores_nothing(client, pmo_faq, data):
    response = vote(client, pmo_faq, **data)
    assert response.status_code == 400
    assert not FAQFeedback.objects.exists()


def test_feedback_on_a_missing_or_unpublished_faq_is_a_404(client, pmo_faq):
    assert client.post("/feedback/999999/", {"helpful": "yes"}, **FROM_OUR_PAGE).status_code == 404
    pmo_faq.unpublish()
    assert vote(client, pmo_faq, helpful="yes").status_code == 404


def test_feedback_needs_a_post(client, pmo_faq):
    assert client.get(f"/feedback/{pmo_faq.pk}/").status_code == 405


def test_a_flood_of_votes_from_one_address_is_refused(client, pmo_faq):
    statuses = [vote(client, pmo_faq, helpful="yes").status_code for _ in range(21)]
    assert statuses[:20] == [302] * 20
    assert statuses[20] == 429
