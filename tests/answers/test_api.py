"""GET /api/ask and /api/suggest: the contract of design.md, and clear 400s for bad input."""

import pytest

pytestmark = pytest.mark.django_db

TOO_OLD_URL = "/project-management/am-i-too-old-to-be-a-project-manager/"


def test_ask_finds_the_faq_for_a_personal_paraphrase(client):
    response = client.get(
        "/api/ask", {"q": "I'm 52, is it too late to move into project management?"}
    )
    assert response.status_code == 200
    data = response.json()
    assert set(data) >= {"query", "confident", "results"}
    assert data["confident"] is True
    assert data["results"][0]["url"] == TOO_OLD_URL
    assert data["results"][0]["question"] == "Am I too old to be a project manager?"
    assert len(data["results"]) == 5


def test_ask_says_when_it_has_no_answer(client):
    data = client.get("/api/ask", {"q": "what is the boiling point of water?"}).json()
    assert data["confident"] is False
    assert data["results"], "close matches are still offered"


def test_limit_chooses_how_many_results(client):
    data = client.get("/api/ask", {"q": "pm salary", "limit": 2}).json()
    assert len(data["results"]) == 2


@pytest.mark.parametrize("limit", ["0", "21", "many"])
def test_a_bad_limit_is_a_clear_400(client, limit):
    response = client.get("/api/ask", {"q": "pm salary", "limit": limit})
    assert response.status_code == 400
    assert "limit" in response.json()["detail"]


@pytest.mark.parametrize("query", [None, "", "   ", "\t\n", "\u0000\u200b"])
def test_an_empty_question_is_a_400_with_a_message(client, query):
    response = client.get("/api/ask", {} if query is None else {"q": query})
    assert response.status_code == 400
    assert "empty" in response.json()["detail"]


def test_a_question_over_500_characters_is_a_400_naming_the_limit(client):
    response = client.get("/api/ask", {"q": "project " * 80})
    assert response.status_code == 400
    assert "500 characters" in response.json()["detail"]


def test_control_characters_are_stripped_and_any_script_accepted(client):
    data = client.get("/api/ask", {"q": "am i too\u0007 old 🙂 für PM?"}).json()
    assert data["query"] == "am i too old 🙂 für PM?"
    assert client.get("/api/ask", {"q": "项目经理需要什么资格"}).status_code == 200


def test_suggest_returns_questions_and_links(client):
    suggestions = client.get("/api/suggest", {"q": "scrum master"}).json()
    assert 1 <= len(suggestions) <= 5
    assert all(set(item) == {"question", "url"} for item in suggestions)
    assert any("Scrum Master" in item["question"] for item in suggestions)


def test_the_openapi_schema_is_served(client):
    schema = client.get("/api/openapi.json").json()
    assert {"/api/ask", "/api/suggest"} <= set(schema["paths"])


def test_too_many_questions_from_one_address_get_a_429(client, settings):
    settings.FAQBASE_API_RATE = "3/m"
    statuses = [client.get("/api/suggest", {"q": "pm salary"}).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    response = client.get("/api/ask", {"q": "pm salary"})
    assert response.status_code == 429
    assert "wait a minute" in response.json()["detail"]


def test_each_visitor_has_its_own_question_budget(client, settings):
    settings.FAQBASE_API_RATE = "2/m"
    for _question in range(2):
        client.get("/api/suggest", {"q": "pm salary"}, REMOTE_ADDR="192.0.2.1")
    assert client.get("/api/ask", {"q": "pm"}, REMOTE_ADDR="192.0.2.1").status_code == 429
    assert client.get("/api/ask", {"q": "pm"}, REMOTE_ADDR="192.0.2.2").status_code == 200
    assert client.get("/api/suggest", {"q": "pm"}, REMOTE_ADDR="192.0.2.2").status_code == 200


def test_ask_carries_the_corrected_reading_in_its_schema_and_answers(client):
    answer = client.get("/api/ask", {"q": "is it to late to becme a projet manager"}).json()
    assert answer["corrected_query"] == "is it to late to become a project manager"
    assert answer["results"][0]["url"].endswith("/am-i-too-old-to-be-a-project-manager/")
    assert client.get("/api/ask", {"q": "project manager salary"}).json()["corrected_query"] is None
    schema = client.get("/api/openapi.json").json()
    assert "corrected_query" in schema["components"]["schemas"]["AskResponse"]["properties"]
