"""The public JSON API: ask a question, get suggestions while typing. OpenAPI at /api/docs."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django_ratelimit.decorators import ratelimit
from django_ratelimit.exceptions import Ratelimited
from ninja import NinjaAPI, Query, Schema
from ninja.errors import ValidationError
from pydantic import Field

from faqbase.base.privacy import keep_private_if_personal, restrictions_passed
from faqbase.editorial.models import QueryLogEntry
from faqbase.editorial.services import query_log_record

from .engine.collection import MAX_QUERY_LENGTH
from .services import (
    QuestionError,
    answer_engine_for,
    ask_in_language,
    content_language,
    ranking_as_json,
)

api = NinjaAPI(
    title="faqbase",
    version="1",
    description="Answers to free-text questions from the FAQ knowledge base.",
    urls_namespace="api",
)

MAX_RESULTS = 20
SUGGESTIONS = 5


class AskParameters(Schema):
    q: str = Field("", description=f"The question, up to {MAX_QUERY_LENGTH} characters.")
    limit: int = Field(5, ge=1, le=MAX_RESULTS, description="How many FAQs to return.")
    lang: str = Field(
        "",
        max_length=16,
        description="The language asked in (e.g. cy); FAQs in it are searched first, then "
        "the site's own language. The site's own language when empty.",
    )


class Result(Schema):
    question: str
    url: str
    score: float = Field(description="Fused similarity; higher is closer.")
    lang: str = Field(description="The language the FAQ is written in.")


class AskResponse(Schema):
    query: str = Field(description="The question as the engine read it.")
    confident: bool = Field(description="True when the top FAQ is very likely the answer.")
    confidence: float = Field(description="Calibrated probability that the top FAQ is right.")
    corrected_query: str | None = Field(
        None,
        description="The question with its typing slips corrected, as the engine also read it; "
        "null when no word needed correcting.",
    )
    lang: str = Field(description="The language asked in.")
    results: list[Result]


class Suggestion(Schema):
    question: str
    url: str


class Problem(Schema):
    detail: str


def visitor_rate(group, request):
    """Each question costs an embedding; a visitor (by address) gets this many a minute."""
    return settings.FAQBASE_API_RATE


@api.exception_handler(Ratelimited)
def rate_limited(request, error):
    detail = "Too many questions from your address; please wait a minute and try again."
    return api.create_response(request, {"detail": detail}, status=429)


@api.exception_handler(QuestionError)
def question_error(request, error):
    return api.create_response(request, {"detail": str(error)}, status=400)


@api.exception_handler(ValidationError)
def validation_error(request, error):
    problems = "; ".join(
        f"{'.'.join(str(part) for part in problem['loc'][1:])}: {problem['msg']}"
        for problem in error.errors
    )
    return api.create_response(request, {"detail": problems}, status=400)


@api.get(
    "/ask", response={200: AskResponse, 400: Problem, 429: Problem}, summary="Answer a question"
)
@ratelimit(key="ip", rate=visitor_rate, group="answers-api", block=True)
def ask(request: HttpRequest, response: HttpResponse, parameters: Query[AskParameters]):
    language = content_language(parameters.lang)
    ranking = ask_in_language(parameters.q, language, limit=parameters.limit, request=request)
    query_log_record(request=request, ranking=ranking, source=QueryLogEntry.Source.API)
    keep_private_if_personal(response, request, restrictions_passed(request))
    return ranking_as_json(ranking, language=language)


@api.get(
    "/suggest", response={200: list[Suggestion], 400: Problem, 429: Problem}, summary="Suggest FAQs"
)
@ratelimit(key="ip", rate=visitor_rate, group="answers-api", block=True)
def suggest(request: HttpRequest, response: HttpResponse, q: str = "", lang: str = ""):
    ranking = answer_engine_for(lang).ask(q, limit=SUGGESTIONS, request=request)
    keep_private_if_personal(response, request, restrictions_passed(request))
    return [{"question": a.faq.question, "url": a.faq.url} for a in ranking.answers]
