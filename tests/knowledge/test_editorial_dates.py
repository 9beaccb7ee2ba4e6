"""Last edited moves only with a published change to the question or answer."""

import datetime

from django.utils import timezone

from faqbase.knowledge.models import FAQPage

A_WHILE_AGO = timezone.make_aware(datetime.datetime(2025, 1, 15, 12, 0))


def set_last_edited(faq, moment):
    FAQPage.objects.filter(pk=faq.pk).update(last_edited=moment)
    faq.refresh_from_db()


def test_first_publish_sets_last_edited(make_topic, make_faq):
    faq = make_faq(make_topic(), "When was this written?")
    assert faq.last_edited is not None
    assert timezone.now() - faq.last_edited < datetime.timedelta(minutes=1)


def test_republish_without_change_keeps_last_edited(make_topic, make_faq):
    faq = make_faq(make_topic(), "Does republishing move the date?")
    set_last_edited(faq, A_WHILE_AGO)
    faq.get_latest_revision_as_object().save_revision().publish()
    faq.refresh_from_db()
    assert faq.last_edited == A_WHILE_AGO


def test_republish_with_only_new_editor_block_keys_keeps_last_edited(make_topic, make_faq):
    faq = make_faq(make_topic(), "Do block keys count?", answer="<p>Same words.</p>")
    set_last_edited(faq, A_WHILE_AGO)
    draft = faq.get_latest_revision_as_object()
    draft.answer = '<p data-block-key="x1y2z">Same words.</p>'
    draft.save_revision().publish()
    faq.refresh_from_db()
    assert faq.last_edited == A_WHILE_AGO


def test_publishing_a_changed_answer_moves_last_edited(make_topic, make_faq):
    faq = make_faq(make_topic(), "Does an edit move the date?")
    set_last_edited(faq, A_WHILE_AGO)
    draft = faq.get_latest_revision_as_object()
    draft.answer = "<p>A better answer.</p>"
    draft.save_revision().publish()
    faq.refresh_from_db()
    assert faq.last_edited > A_WHILE_AGO


def test_publishing_a_changed_question_moves_last_edited(make_topic, make_faq):
    faq = make_faq(make_topic(), "Old wording?")
    set_last_edited(faq, A_WHILE_AGO)
    draft = faq.get_latest_revision_as_object()
    draft.title = "New wording?"
    draft.save_revision().publish()
    faq.refresh_from_db()
    assert faq.last_edited > A_WHILE_AGO


def test_saving_a_draft_change_does_not_move_last_edited(make_topic, make_faq):
    faq = make_faq(make_topic(), "Are drafts visible?")
    set_last_edited(faq, A_WHILE_AGO)
    draft = faq.get_latest_revision_as_object()
    draft.answer = "<p>Not yet published.</p>"
    draft.save_revision()
    faq.refresh_from_db()
    assert faq.last_edited == A_WHILE_AGO


def test_changing_a_tag_only_keeps_last_edited(make_topic, make_faq):
    faq = make_faq(make_topic(), "Do tags count as edits?")
    set_last_edited(faq, A_WHILE_AGO)
    draft = faq.get_latest_revision_as_object()
    draft.tags.add("new tag")
    draft.save_revision().publish()
    faq.refresh_from_db()
    assert faq.last_edited == A_WHILE_AGO
    assert [tag.name for tag in faq.tags.all()] == ["new tag"]


def test_publishing_keeps_the_stored_last_reviewed(make_topic, make_faq):
    faq = make_faq(make_topic(), "Who reviewed this?")
    draft = faq.get_latest_revision_as_object()
    FAQPage.objects.filter(pk=faq.pk).update(last_reviewed=datetime.date(2026, 3, 1))
    draft.answer = "<p>Changed.</p>"
    draft.save_revision().publish()
    faq.refresh_from_db()
    assert faq.last_reviewed == datetime.date(2026, 3, 1)
