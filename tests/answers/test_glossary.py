"""The glossary of abbreviations: editors keep it in the admin and the engine reads it at once."""

import pytest

from faqbase.answers.models import Abbreviation
from faqbase.answers.services import answer_engine, meaning_vectors, text_vectors

pytestmark = pytest.mark.django_db

ABBREVIATED = "change mgr vs pm"
CHANGE_MANAGER_FAQ = "What is the difference between a project manager and a change manager?"


def top_question(question):
    return answer_engine.ask(question).answers[0].faq.question


def test_the_demo_glossary_lets_an_abbreviated_question_find_its_faq():
    ranking = answer_engine.ask(ABBREVIATED)
    assert ranking.answers[0].faq.question == CHANGE_MANAGER_FAQ
    assert ranking.query == ABBREVIATED


def test_editing_the_glossary_changes_answers_without_a_restart(
    django_capture_on_commit_callbacks,
):
    assert top_question(ABBREVIATED) == CHANGE_MANAGER_FAQ
    with django_capture_on_commit_callbacks(execute=True):
        Abbreviation.objects.filter(short_form__in=["mgr", "PM"]).delete()
    assert top_question(ABBREVIATED) != CHANGE_MANAGER_FAQ
    with django_capture_on_commit_callbacks(execute=True):
        Abbreviation.objects.create(short_form="mgr", full_form="manager")
        Abbreviation.objects.create(short_form="PM", full_form="project manager")
    assert top_question(ABBREVIATED) == CHANGE_MANAGER_FAQ


def test_editors_add_an_abbreviation_in_the_admin(editor_client):
    response = editor_client.post(
        "/admin/snippets/answers/abbreviation/add/",
        {
            "short_form": " BA ",
            "full_form": "business   analyst",
            "match_case": "",
            "language": "en-gb",
        },
    )
    assert response.status_code == 302
    assert Abbreviation.objects.filter(short_form="BA", full_form="business analyst").exists()
    listing = editor_client.get("/admin/snippets/answers/abbreviation/?q=business").content
    assert b"business analyst" in listing


def test_a_short_form_already_in_the_glossary_is_refused_with_a_message(editor_client):
    response = editor_client.post(
        "/admin/snippets/answers/abbreviation/add/",
        {"short_form": "pm", "full_form": "post meridiem", "language": "en-gb"},
    )
    assert response.status_code == 200
    assert b"This short form is in the glossary already." in response.content
    assert Abbreviation.objects.filter(short_form__iexact="pm", language="en-gb").count() == 1


def test_the_editors_reports_read_visitor_questions_through_the_glossary():
    spelled_out = text_vectors(["project manager salary in Leeds"])[
        "project manager salary in Leeds"
    ]
    vectors = meaning_vectors(["pm salary in Leeds", "PM salary in Leeds"])
    assert (vectors["pm salary in Leeds"] == spelled_out).all()
    assert (vectors["PM salary in Leeds"] == spelled_out).all()
