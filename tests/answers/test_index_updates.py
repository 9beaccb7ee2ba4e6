"""Publishing changes what the engine answers, without a restart; vectors are reused."""

import io
import json

import pytest
from django.core.management import call_command

from faqbase.answers.models import Abbreviation, AnswerIndexVersion, TextEmbedding, text_hash
from faqbase.answers.services import answer_engine

pytestmark = pytest.mark.django_db

SHED_QUESTION = "what timber should I use to build a garden shed"


def top_question(question):
    return answer_engine.ask(question).answers[0].faq.question


def test_publishing_a_new_faq_changes_the_answer(
    make_topic, make_faq, django_capture_on_commit_callbacks
):
    assert not answer_engine.ask(SHED_QUESTION).confident
    with django_capture_on_commit_callbacks(execute=True):
        make_faq(make_topic(), "Which wood is best for a garden shed?", "<p>Treated softwood.</p>")
    ranking = answer_engine.ask(SHED_QUESTION)
    assert ranking.answers[0].faq.question == "Which wood is best for a garden shed?"
    assert ranking.confident


def test_publishing_an_edited_question_changes_the_answer(
    pmo_faq, django_capture_on_commit_callbacks
):
    assert top_question(SHED_QUESTION) != pmo_faq.title
    draft = pmo_faq.get_latest_revision_as_object()
    draft.title = "Which wood is best for a garden shed?"
    with django_capture_on_commit_callbacks(execute=True):
        draft.save_revision().publish()
    assert top_question(SHED_QUESTION) == "Which wood is best for a garden shed?"


def test_unpublishing_removes_the_faq_from_answers(pmo_faq, django_capture_on_commit_callbacks):
    question = "difference between a PMO and a project manager"
    assert top_question(question) == pmo_faq.title
    with django_capture_on_commit_callbacks(execute=True):
        pmo_faq.unpublish()
    assert all(a.faq.question != pmo_faq.title for a in answer_engine.ask(question).answers)


def test_each_publish_moves_the_shared_version(pmo_faq, django_capture_on_commit_callbacks):
    before = AnswerIndexVersion.objects.get().number
    with django_capture_on_commit_callbacks(execute=True):
        pmo_faq.save_revision().publish()
    assert AnswerIndexVersion.objects.get().number == before + 1


def test_unchanged_texts_are_not_embedded_again(pmo_faq, django_capture_on_commit_callbacks):
    answer_engine.ask("anything")
    stored = TextEmbedding.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        pmo_faq.save_revision().publish()
    answer_engine.ask("anything at all")
    assert TextEmbedding.objects.count() == stored


def test_a_changed_question_stores_its_vector_and_its_passage_tokens_only(
    pmo_faq, django_capture_on_commit_callbacks
):
    answer_engine.ask("anything")
    stored = TextEmbedding.objects.count()
    draft = pmo_faq.get_latest_revision_as_object()
    draft.title = "How does a PMO differ from a project manager?"
    with django_capture_on_commit_callbacks(execute=True):
        draft.save_revision().publish()
    answer_engine.ask("anything at all")
    new_rows = TextEmbedding.objects.order_by("-pk")[: TextEmbedding.objects.count() - stored]
    # Stored as the engine matches them, with the glossary's abbreviations spelled out.
    spelled_out = Abbreviation.objects.glossary().spelled_out
    question, passage = spelled_out(draft.title), spelled_out(f"{draft.title} {draft.answer_text}")
    assert "project management office" in question
    assert sorted(row.text_hash for row in new_rows) == sorted(
        [text_hash(question), text_hash(passage)]
    )
    assert [row.tokens is not None for row in new_rows if row.text_hash == text_hash(passage)] == [
        True
    ]


def test_faqbase_ask_sees_a_published_edit_without_a_restart(
    pmo_faq, django_capture_on_commit_callbacks
):
    def ask_top_question():
        output = io.StringIO()
        call_command("ask", SHED_QUESTION, "--json", stdout=output)
        return json.loads(output.getvalue())["results"][0]["question"]

    assert ask_top_question() != "Which wood is best for a garden shed?"
    draft = pmo_faq.get_latest_revision_as_object()
    draft.title = "Which wood is best for a garden shed?"
    with django_capture_on_commit_callbacks(execute=True):
        draft.save_revision().publish()
    assert ask_top_question() == "Which wood is best for a garden shed?"


def test_an_unwritable_index_folder_costs_memory_not_answers(settings, tmp_path, caplog):
    settings.FAQBASE_INDEX_DIR = tmp_path / "a-file-not-a-folder"
    settings.FAQBASE_INDEX_DIR.write_text("")
    ranking = answer_engine.ask("how much do project managers earn in the UK")
    assert ranking.answers[0].faq.url.startswith("/project-management/")
    assert "Token vectors kept in memory" in caplog.text
