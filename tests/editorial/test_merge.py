"""A merge publishes only its own change: another editor's pending draft stays a draft."""

import pytest

from faqbase.editorial.services import EditorialError, faq_merge
from faqbase.knowledge.models import FAQPage

pytestmark = pytest.mark.django_db

DRAFT_ANSWER = "<p>A rewrite another editor has not finished.</p>"


@pytest.fixture
def survivor():
    return FAQPage.objects.get(slug="am-i-too-old-to-be-a-project-manager")


@pytest.fixture
def merged():
    return FAQPage.objects.get(slug="is-40-too-old-to-become-a-project-manager")


def phrasings(faq):
    return [phrasing.text for phrasing in faq.alternative_phrasings.all()]


def test_a_merge_without_a_pending_draft_publishes_its_own_revision(survivor, merged, admin_user):
    faq_merge(survivor=survivor, others=[merged], user=admin_user)
    survivor = FAQPage.objects.get(pk=survivor.pk)
    assert not survivor.has_unpublished_changes
    assert survivor.live_revision == survivor.latest_revision
    assert survivor.live_revision.user == admin_user
    assert merged.title in phrasings(survivor)


def test_a_merge_publishes_the_live_version_and_keeps_the_pending_draft_a_draft(
    survivor, merged, admin_user, django_user_model
):
    live_answer = survivor.answer
    writer = django_user_model.objects.create_user("writer", password="x" * 16)
    draft = survivor.get_latest_revision_as_object()
    draft.answer = DRAFT_ANSWER
    draft_revision = draft.save_revision(user=writer)

    faq_merge(survivor=survivor, others=[merged], user=admin_user)

    survivor = FAQPage.objects.get(pk=survivor.pk)
    assert survivor.answer == live_answer
    assert merged.title in phrasings(survivor)
    assert survivor.live_revision.user == admin_user
    assert survivor.live_revision != draft_revision
    assert survivor.has_unpublished_changes
    pending = survivor.get_latest_revision_as_object()
    assert pending.answer == DRAFT_ANSWER
    assert merged.title in phrasings(pending)
    assert survivor.latest_revision not in (draft_revision, survivor.live_revision)


def test_a_merge_into_an_unpublished_faq_is_refused_with_a_reason(survivor, merged, admin_user):
    survivor.unpublish(user=admin_user)
    with pytest.raises(EditorialError, match="is not published"):
        faq_merge(survivor=survivor, others=[merged], user=admin_user)
    merged.refresh_from_db()
    assert merged.live


def test_a_merge_waits_for_the_moderation_of_the_surviving_faqs_draft(survivor, merged, admin_user):
    draft = survivor.get_latest_revision_as_object()
    draft.answer = DRAFT_ANSWER
    draft.save_revision(user=admin_user)
    survivor.get_workflow().start(survivor, admin_user)
    with pytest.raises(EditorialError, match="draft in moderation"):
        faq_merge(survivor=survivor, others=[merged], user=admin_user)
    assert FAQPage.objects.get(pk=survivor.pk).current_workflow_state.status == "in_progress"
    merged.refresh_from_db()
    assert merged.live
