"""Asking in a language: its FAQs answer first, the site's own language when they cannot, and
the answer says which language it is in."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from faqbase.answers.engine.ranker import Ranking
from faqbase.answers.services import (
    answer_engine,
    answer_engine_for,
    answer_engines_reset,
    first_confident,
)
from tests.support.languages import (
    TOO_OLD_SLUG,
    UNTRANSLATED_SLUG,
    english_faq,
    welsh_translation,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def welsh_too_old():
    return welsh_translation(english_faq(TOO_OLD_SLUG))


def asked(client, **parameters):
    response = client.get("/api/ask", parameters)
    assert response.status_code == 200, response.content
    return response.json()


def test_a_welsh_question_is_answered_by_the_welsh_faq(client, welsh_too_old):
    phrasing = welsh_too_old.alternative_phrasings.first().text
    answer = asked(client, q=phrasing, lang="cy")
    assert answer["lang"] == "cy"
    assert answer["results"][0]["url"] == welsh_too_old.url
    assert answer["results"][0]["lang"] == "cy"


def test_english_questions_are_never_answered_from_the_welsh_pages(client, welsh_too_old):
    for question in (welsh_too_old.title, "am I too old to become a project manager"):
        answer = asked(client, q=question)
        assert answer["lang"] == "en-gb"
        assert all(not result["url"].startswith("/cy/") for result in answer["results"])


def test_without_a_confident_welsh_answer_the_english_one_is_given_and_marked(client):
    english = english_faq(UNTRANSLATED_SLUG)
    assert not answer_engine_for("cy").ask(english.title).confident
    answer = asked(client, q=english.title, lang="cy")
    assert answer["confident"]
    assert answer["results"][0]["url"] == english.url
    assert answer["results"][0]["lang"] == "en-gb"


def test_no_welsh_answer_is_called_confident_while_the_model_reads_only_english(
    settings, welsh_too_old
):
    assert not answer_engine_for("cy").ask(welsh_too_old.title).confident
    settings.FAQBASE_ANSWER_MODEL_LANGUAGES = ["en", "cy"]
    answer_engines_reset()
    assert answer_engine_for("cy").ask(welsh_too_old.title).confident


def test_a_question_reads_as_english_only_when_most_of_its_words_are_english(welsh_too_old):
    english = answer_engine.ranker()
    assert english.reads_as_its_language("is it to late to becme a projet manager at 50")
    assert not english.reads_as_its_language(welsh_too_old.title)
    for phrasing in welsh_too_old.alternative_phrasings.all():
        assert not english.reads_as_its_language(phrasing.text)


def ranking(query, confident):
    return Ranking(query=query, confident=confident, confidence=0.9, answers=[])


def test_the_fallback_answer_is_taken_only_for_a_question_in_its_language(welsh_too_old):
    english = answer_engine.ranker()
    welsh_question = welsh_too_old.title
    own = ranking(welsh_question, confident=False)
    assert first_confident(own, english, lambda: ranking(welsh_question, True)) is own
    own = ranking("am I too old to be a project manager", confident=False)
    fallback = ranking(own.query, confident=True)
    assert first_confident(own, english, lambda: fallback) is fallback
    assert first_confident(own, english, lambda: ranking(own.query, False)) is own


def test_the_welsh_index_has_its_own_words_and_no_english_stop_words():
    welsh_index = answer_engine_for("cy").ranker().index
    assert {faq.language for faq in welsh_index.faqs} == {"cy"}
    assert welsh_index.speller.knows("rheolwr")
    assert not welsh_index.speller.knows("because")  # an English word, unknown in Welsh
    assert answer_engine.ranker().index.speller.knows("because")


@pytest.mark.parametrize("lang", ["xx", "klingon", "de"])
def test_a_language_the_site_is_not_written_in_is_refused_clearly(client, lang):
    response = client.get("/api/ask", {"q": "am I too old", "lang": lang})
    assert response.status_code == 400
    assert f"'{lang}' is not a language of this knowledge base" in response.json()["detail"]


def test_the_short_code_of_the_site_language_is_understood(client):
    assert asked(client, q="am I too old to be a project manager", lang="en")["lang"] == "en-gb"


def test_suggestions_come_in_the_language_asked(client, welsh_too_old):
    response = client.get("/api/suggest", {"q": welsh_too_old.title, "lang": "cy"})
    assert response.json()[0]["url"] == welsh_too_old.url


def ask_command(*arguments):
    out = io.StringIO()
    call_command("ask", *arguments, stdout=out)
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_the_command_asks_in_a_language(welsh_too_old):
    [answer] = ask_command(welsh_too_old.title, "--lang", "cy", "--json")
    assert answer["results"][0]["url"] == welsh_too_old.url


def test_the_command_refuses_an_unknown_language():
    with pytest.raises(CommandError, match="'xx' is not a language of this knowledge base"):
        ask_command("am I too old", "--lang", "xx", "--json")


def test_the_command_ranks_only_the_file_records_in_the_language_asked(tmp_path):
    faqs = tmp_path / "faqs.jsonl"
    records = [
        {"id": "en-1", "question": "How long is the course?", "lang": "en"},
        {"id": "de-1", "question": "Wie lange dauert der Kurs?", "lang": "de"},
        {"id": "de-2", "question": "Was kostet die Prüfung?", "lang": "de"},
    ]
    faqs.write_text("\n".join(json.dumps(record) for record in records), encoding="utf-8")
    [answer] = ask_command(
        "Wie lange dauert der Kurs", "--faqs", str(faqs), "--lang", "de", "--json"
    )
    assert [result["id"] for result in answer["results"]] == ["de-1", "de-2"]
    assert {result["lang"] for result in answer["results"]} == {"de"}


def test_each_language_reads_abbreviations_with_its_own_glossary():
    welsh = answer_engine_for("cy").ranker().index.glossary
    english = answer_engine.ranker().index.glossary
    assert welsh.spelled_out("swydd PM") == "swydd rheolwr prosiect"
    assert english.spelled_out("PM job") == "project manager job"
    assert welsh.spelled_out("mgr") == "mgr"  # an English short form only


def test_an_off_topic_welsh_question_gets_no_confident_answer(client):
    for question in ("Beth yw berwbwynt dŵr?", "Pryd mae'r trên nesaf i Gaerdydd?"):
        answer = asked(client, q=question, lang="cy")
        assert not answer["confident"]
