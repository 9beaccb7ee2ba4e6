"""The content API, /api/v1/: topics, FAQs and articles to read (public ones, or what a token's
user may see), and FAQs to write with a token, under that user's Wagtail permissions."""

import datetime
import hashlib
import json

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django_ratelimit.decorators import ratelimit
from ninja import Path, Query, Router, Schema, Status
from ninja.security import HttpBearer
from pydantic import Field
from wagtail.rich_text import expand_db_html

from faqbase.base.clients import client_address
from faqbase.knowledge.models import FAQPage, TopicPage, rich_text_to_plain

from .services import (
    Action,
    APIReader,
    ContentAPIError,
    article_for,
    articles_for,
    faq_create,
    faq_for,
    faq_update,
    faqs_for,
    token_user,
    topics_for,
)

PAGE_SIZE = 50
MAX_PAGE_SIZE = 100
MAX_ANSWER_LENGTH = 100_000
MAX_PHRASINGS = 50
MAX_TAGS = 20
# Page ids are database integers; a larger number names no page.
MAX_ID = 2**31 - 1
PAGE_ID = Path(..., ge=1, le=MAX_ID)

router = Router(tags=["content"])


class TokenAuth(HttpBearer):
    """`Authorization: Bearer fqb_…`: the token's user, or a 401."""

    openapi_scheme = "bearer"

    def authenticate(self, request, token):
        return token_user(token)


class OptionalTokenAuth(TokenAuth):
    """Reading needs no token; a token shows what its user may see, a bad one is a 401."""

    def __call__(self, request):
        if not request.headers.get("Authorization"):
            return AnonymousReader()
        return super().__call__(request)


class AnonymousReader:
    is_authenticated = False


def reader_of(request):
    user = request.auth if getattr(request.auth, "is_authenticated", False) else None
    return APIReader(user)


def client_key(group, request):
    """Each token's user has their own allowance; without a token, each client address."""
    user = getattr(request, "auth", None)
    if getattr(user, "is_authenticated", False):
        return f"user:{user.pk}"
    return f"address:{client_address(request)}"


def read_rate(group, request):
    return settings.FAQBASE_CONTENT_API_RATE


def write_rate(group, request):
    return settings.FAQBASE_CONTENT_API_WRITE_RATE


class Problem(Schema):
    detail: str


class TopicOut(Schema):
    id: int
    title: str
    slug: str
    url: str
    lang: str


class FAQSummary(Schema):
    id: int
    question: str
    url: str
    lang: str
    topic: str = Field(description="The topic's slug.")
    last_edited: datetime.datetime | None


class ArticleLink(Schema):
    id: int
    title: str
    url: str


class FAQOut(FAQSummary):
    answer_html: str
    answer_text: str
    phrasings: list[str]
    tags: list[str]
    last_reviewed: datetime.date | None
    related_articles: list[ArticleLink]


class FAQPageOut(Schema):
    count: int
    next: str | None
    previous: str | None
    results: list[FAQSummary]


class ArticleOut(Schema):
    id: int
    title: str
    teaser: str
    url: str
    lang: str
    date: datetime.date
    body_html: str
    topics: list[str]


class FAQFilters(Schema):
    topic: str = Field("", max_length=255, description="A topic's slug.")
    tag: str = Field("", max_length=100)
    updated_since: datetime.datetime | None = Field(
        None, description="Only FAQs last edited at or after this time (ISO 8601)."
    )
    lang: str = Field("", max_length=16, description="Only FAQs in this language.")
    page: int = Field(1, ge=1, le=100_000)
    page_size: int = Field(PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE)


class FAQIn(Schema):
    topic: str = Field(max_length=255, description="The topic's slug or id.")
    question: str = Field(min_length=1, max_length=255)
    answer: str = Field(min_length=1, max_length=MAX_ANSWER_LENGTH, description="HTML.")
    phrasings: list[str] = Field([], max_length=MAX_PHRASINGS)
    tags: list[str] = Field([], max_length=MAX_TAGS)
    action: str = Field(
        Action.DRAFT,
        pattern="^(draft|submit|publish)$",
        description="draft: save a revision; submit: also ask for moderation; publish.",
    )


class FAQChange(Schema):
    question: str | None = Field(None, min_length=1, max_length=255)
    answer: str | None = Field(None, min_length=1, max_length=MAX_ANSWER_LENGTH)
    phrasings: list[str] | None = Field(None, max_length=MAX_PHRASINGS)
    tags: list[str] | None = Field(None, max_length=MAX_TAGS)
    action: str = Field(Action.DRAFT, pattern="^(draft|submit|publish)$")


def with_etag(request, data):
    """The JSON of `data` with a strong ETag; a 304 when the client holds this version."""
    body = json.dumps(data, cls=DjangoJSONEncoder).encode()
    etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
    if etag in [tag.strip() for tag in request.headers.get("If-None-Match", "").split(",")]:
        response = HttpResponse(status=304)
    else:
        response = HttpResponse(body, content_type="application/json")
    response["ETag"] = etag
    # What a token's user reads may be private: never kept by a shared cache.
    response["Cache-Control"] = "private, no-cache"
    response["Vary"] = "Authorization"
    return response


def address(request, page):
    """The page's full address as the client reached this site (the Site record may name
    another host, such as localhost, in a fresh install)."""
    return request.build_absolute_uri(page.get_url(request))


def topic_json(request, topic):
    return {
        "id": topic.pk,
        "title": topic.title,
        "slug": topic.slug,
        "url": address(request, topic),
        "lang": topic.locale.language_code,
    }


def faq_summary_json(request, faq, topic_slugs):
    return {
        "id": faq.pk,
        "question": faq.title,
        "url": address(request, faq),
        "lang": faq.locale.language_code,
        "topic": topic_slugs.get(faq.path[: -FAQPage.steplen], ""),
        "last_edited": faq.last_edited,
    }


def faq_json(request, faq, reader):
    related = articles_for(reader).filter(pk__in=faq.related_article_ids())
    parent = faq.get_parent()
    return faq_summary_json(request, faq, {parent.path: parent.slug}) | {
        "answer_html": expand_db_html(faq.answer),
        "answer_text": rich_text_to_plain(faq.answer),
        "phrasings": [phrasing.text for phrasing in faq.alternative_phrasings.all()],
        "tags": sorted(tag.name for tag in faq.tags.all()),
        "last_reviewed": faq.last_reviewed,
        "related_articles": [
            {"id": a.pk, "title": a.title, "url": address(request, a)} for a in related
        ],
    }


def article_json(request, article):
    return {
        "id": article.pk,
        "title": article.title,
        "teaser": article.teaser,
        "url": address(request, article),
        "lang": article.locale.language_code,
        "date": article.date,
        "body_html": expand_db_html(article.body),
        "topics": [topic.slug for topic in article.topics.all()],
    }


def page_link(request, page):
    query = request.GET.copy()
    query["page"] = page
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


@router.get("/topics", response={200: list[TopicOut], 401: Problem}, auth=OptionalTokenAuth())
@ratelimit(key=client_key, rate=read_rate, group="content-api", block=True)
def topics(request: HttpRequest, lang: str = Query("", max_length=16)):
    found = topics_for(reader_of(request), lang)
    return with_etag(request, [topic_json(request, topic) for topic in found])


@router.get("/faqs", response={200: FAQPageOut, 401: Problem}, auth=OptionalTokenAuth())
@ratelimit(key=client_key, rate=read_rate, group="content-api", block=True)
def faqs(request: HttpRequest, filters: Query[FAQFilters]):
    reader = reader_of(request)
    found = faqs_for(
        reader,
        topic=filters.topic,
        tag=filters.tag,
        updated_since=filters.updated_since,
        language=filters.lang,
    )
    count = found.count()
    start = (filters.page - 1) * filters.page_size
    shown = list(found[start : start + filters.page_size])
    topic_slugs = dict(TopicPage.objects.values_list("path", "slug"))
    more = start + filters.page_size < count
    return with_etag(
        request,
        {
            "count": count,
            "next": page_link(request, filters.page + 1) if more else None,
            "previous": page_link(request, filters.page - 1) if start else None,
            "results": [faq_summary_json(request, faq, topic_slugs) for faq in shown],
        },
    )


@router.get(
    "/faqs/{faq_id}", response={200: FAQOut, 401: Problem, 404: Problem}, auth=OptionalTokenAuth()
)
@ratelimit(key=client_key, rate=read_rate, group="content-api", block=True)
def faq(request: HttpRequest, faq_id: int = PAGE_ID):
    reader = reader_of(request)
    found = faq_for(reader, faq_id)
    if found is None:
        return Status(404, {"detail": "There is no FAQ with that id, or it is not yours to read."})
    return with_etag(request, faq_json(request, found, reader))


@router.get("/articles", response={200: list[ArticleOut], 401: Problem}, auth=OptionalTokenAuth())
@ratelimit(key=client_key, rate=read_rate, group="content-api", block=True)
def articles(request: HttpRequest, lang: str = Query("", max_length=16)):
    found = articles_for(reader_of(request), lang).prefetch_related("topics")
    return with_etag(request, [article_json(request, article) for article in found])


@router.get(
    "/articles/{article_id}",
    response={200: ArticleOut, 401: Problem, 404: Problem},
    auth=OptionalTokenAuth(),
)
@ratelimit(key=client_key, rate=read_rate, group="content-api", block=True)
def article(request: HttpRequest, article_id: int = PAGE_ID):
    found = article_for(reader_of(request), article_id)
    if found is None:
        return Status(
            404, {"detail": "There is no article with that id, or it is not yours to read."}
        )
    return with_etag(request, article_json(request, found))


def topic_named(value):
    topics = TopicPage.objects.all()
    by_id = value.isdigit() and int(value) <= MAX_ID
    found = topics.filter(pk=int(value)) if by_id else topics.filter(slug=value)
    topic = found.first()
    if topic is None:
        raise ContentAPIError(f"There is no topic '{value}'.")
    return topic


@router.post(
    "/faqs",
    response={201: FAQOut, 400: Problem, 401: Problem, 403: Problem, 429: Problem},
    auth=TokenAuth(),
)
@ratelimit(key=client_key, rate=write_rate, group="content-api-write", block=True)
def faq_add(request: HttpRequest, payload: FAQIn):
    created = faq_create(
        user=request.auth,
        topic=topic_named(payload.topic),
        question=payload.question.strip(),
        answer=payload.answer,
        phrasings=[text.strip()[:255] for text in payload.phrasings],
        tags=[tag.strip()[:100] for tag in payload.tags],
        action=payload.action,
    )
    draft = created.get_latest_revision_as_object()
    return Status(201, faq_json(request, draft, APIReader(request.auth)))


@router.patch(
    "/faqs/{faq_id}",
    response={200: FAQOut, 400: Problem, 401: Problem, 403: Problem, 404: Problem, 429: Problem},
    auth=TokenAuth(),
)
@ratelimit(key=client_key, rate=write_rate, group="content-api-write", block=True)
def faq_change(request: HttpRequest, payload: FAQChange, faq_id: int = PAGE_ID):
    existing = get_object_or_404(FAQPage, pk=faq_id)
    changes = payload.dict(exclude={"action"})
    if changes.get("question") is not None:
        changes["question"] = changes["question"].strip()
    changed = faq_update(user=request.auth, faq=existing, action=payload.action, **changes)
    return faq_json(request, changed.get_latest_revision_as_object(), APIReader(request.auth))


def register_errors(api):
    """The content API's refusals as JSON problems on the shared API object."""

    @api.exception_handler(PermissionDenied)
    def permission_denied(request, error):
        detail = str(error) or "You may not do this."
        return api.create_response(request, {"detail": detail}, status=403)

    @api.exception_handler(ContentAPIError)
    def content_error(request, error):
        return api.create_response(request, {"detail": str(error)}, status=400)
