"""`faqbase ask`: one question, a JSONL batch from stdin, or an outside collection of FAQs."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


def run_ask(*args, stdin=None, monkeypatch=None):
    if stdin is not None:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    output = io.StringIO()
    call_command("ask", *args, stdout=output)
    return output.getvalue()


def test_ask_json_prints_the_contract_object():
    data = json.loads(run_ask("how much do project managers get paid", "--json"))
    assert {"query", "confident", "results"} <= set(data)
    assert data["results"][0]["url"].startswith("/project-management/")
    assert {"question", "url", "score"} <= set(data["results"][0])


def test_jsonl_answers_one_line_per_question(monkeypatch):
    lines = run_ask(
        "--jsonl", stdin="pm salary uk\n\nwhat is a raci matrix\n", monkeypatch=monkeypatch
    )
    answers = [json.loads(line) for line in lines.splitlines()]
    assert [answer["query"] for answer in answers] == ["pm salary uk", "", "what is a raci matrix"]
    assert "empty" in answers[1]["error"]


def test_faqs_file_ranks_an_outside_collection_and_returns_ids(tmp_path):
    collection = tmp_path / "faqs.jsonl"
    collection.write_text(
        "\n".join(
            json.dumps(item)
            for item in [
                {"id": "a1", "question": "How do I reset my password?", "answer": "Use the link."},
                {"id": "b2", "question": "Where is the car park?", "answer": "Behind the hall."},
            ]
        )
    )
    data = json.loads(run_ask("I forgot my password", "--json", "--faqs", str(collection)))
    assert data["results"][0]["id"] == "a1"


def test_a_bad_faqs_file_is_reported_with_its_line(tmp_path):
    collection = tmp_path / "faqs.jsonl"
    collection.write_text('{"id": "a1", "question": "Q?"}\nnot json\n')
    with pytest.raises(CommandError, match="line 2"):
        run_ask("question", "--faqs", str(collection))


def test_an_empty_question_is_refused():
    with pytest.raises(CommandError, match="empty"):
        run_ask("   ")


def test_ask_json_carries_the_corrected_reading():
    data = json.loads(run_ask("how much do projet managers get piad", "--json"))
    assert data["corrected_query"] == "how much do project managers get paid"
    assert {"query", "confident", "results"} <= set(data)
    assert data["query"] == "how much do projet managers get piad"
    assert data["results"][0]["url"].startswith("/project-management/")
    assert (
        json.loads(run_ask("how much do project managers get paid", "--json"))["corrected_query"]
        is None
    )


def test_ask_says_what_it_read_when_it_corrected_a_slip():
    text = run_ask("how much do projet managers get paid")
    assert text.splitlines()[0] == "Showing results for: how much do project managers get paid"
    assert "Showing results for" not in run_ask("how much do project managers get paid")
