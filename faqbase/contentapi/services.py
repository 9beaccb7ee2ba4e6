"""The content API's logic: tokens, what a token's user may read, and FAQ writes under that
user's own Wagtail permissions (every write is a revision by them)."""

import datetime
import hashlib
import secrets

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from faqbase.articles.models import ArticlePage
from faqbase.base.privacy import pages_visible_to
from faqbase.editorial.services import free_slug
from faqbase.importexport.markdown import sanitised
from faqbase.knowledge.models import AlternativePhrasing, FAQPage, TopicPage

from .models import APIToken

TOKEN_START = "fqb_"
# Writing last_used_at on every request would make each read a write.
LAST_USED_PRECISION = datetime.timedelta(minutes=1)


class ContentAPIError(Exception):
    """A request the API cannot carry out; the message says why (a 400)."""


# Tokens


def token_create(*, user, name, acting_user):
    """A new token for `user`; the plain token is returned once and never stored."""
    if acting_user != user and not acting_user.is_superuser:
        raise PermissionDenied(_("Only an administrator can create a token for someone else."))
    if not user.is_active:
        raise ContentAPIError(_("%(user)s is not an active user.") % {"user": user})
    prefix = secrets.token_hex(4)
    plain = f"{TOKEN_START}{prefix}_{secrets.token_urlsafe(32)}"
    token = APIToken.objects.create(
        user=user,
        name=name.strip()[:100] or _("API token"),
        prefix=prefix,
        token_hash=hashed(plain),
    )
    return token, plain


def token_revoke(*, token, acting_user):
    if acting_user != token.user and not acting_user.is_superuser:
        raise PermissionDenied(_("Only its owner or an administrator can revoke a token."))
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def hashed(plain):
    # A token is 256 random bits: a fast hash is enough, where a password needs a slow one.
    return hashlib.sha256(plain.encode()).hexdigest()


def token_user(plain):
    """The active user an unrevoked token belongs to, or None."""
    prefix = plain[len(TOKEN_START) :].split("_", 1)[0] if plain.startswith(TOKEN_START) else ""
    token = (
        APIToken.objects.filter(prefix=prefix, revoked_at__isnull=True)
        .select_related("user")
        .first()
    )
    if token is None or not secrets.compare_digest(token.token_hash, hashed(plain)):
        return None
    if not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_PRECISION:
        APIToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


# Reading


class APIReader:
    """Who is reading, as Wagtail's view restrictions see them: a token's user passes the
    restrictions to signed-in users and to their groups; no one passes a shared password."""

    def __init__(self, user=None):
        self.user = user or AnonymousUser()
        self.session = {}


def visible(pages, reader):
    return pages_visible_to(pages.live(), reader)


def topics_for(reader, language=""):
    topics = visible(TopicPage.objects.all(), reader).select_related("locale")
    if language:
        topics = topics.filter(locale__language_code=language)
    return topics.order_by("path")


def faqs_for(reader, *, topic="", tag="", updated_since=None, language=""):
    faqs = visible(FAQPage.objects.all(), reader).select_related("locale")
    if language:
        faqs = faqs.filter(locale__language_code=language)
    if topic:
        topics = topics_for(reader, language).filter(slug=topic)
        if not topics.exists():
            return faqs.none()
        within = Q()
        for each in topics:
            within |= Q(path__startswith=each.path)
        faqs = faqs.filter(within)
    if tag:
        faqs = faqs.filter(tags__name__iexact=tag)
    if updated_since is not None:
        faqs = faqs.filter(last_edited__gte=updated_since)
    return faqs.distinct().order_by("path")


def faq_for(reader, faq_id):
    return visible(FAQPage.objects.filter(pk=faq_id), reader).first()


def articles_for(reader, language=""):
    articles = visible(ArticlePage.objects.all(), reader).select_related("locale")
    if language:
        articles = articles.filter(locale__language_code=language)
    return articles.order_by("-date", "path")


def article_for(reader, article_id):
    return visible(ArticlePage.objects.filter(pk=article_id), reader).first()


# Writing


class Action:
    DRAFT = "draft"
    SUBMIT = "submit"
    PUBLISH = "publish"


@transaction.atomic
def faq_create(*, user, topic, question, answer, phrasings=(), tags=(), action=Action.DRAFT):
    """A new FAQ in `topic`, saved as a revision by `user`, then published or submitted for
    moderation as `action` asks and their rights allow; a refusal leaves nothing behind."""
    if not topic.permissions_for_user(user).can_add_subpage():
        raise PermissionDenied(
            _("You cannot add FAQs to the topic “%(topic)s”.") % {"topic": topic.title}
        )
    faq = FAQPage(
        title=question, slug=free_slug(topic, question), answer=sanitised(answer), live=False
    )
    topic.add_child(instance=faq)
    faq_fields_set(faq, phrasings=phrasings, tags=tags)
    return faq_saved(faq, user, action)


@transaction.atomic
def faq_update(*, user, faq, action=Action.DRAFT, **fields):
    """`fields` (question, answer, phrasings, tags) changed in a new revision by `user`."""
    if not faq.permissions_for_user(user).can_edit():
        raise PermissionDenied(_("You cannot edit “%(title)s”.") % {"title": faq.title})
    faq = faq.get_latest_revision_as_object()
    if fields.get("question") is not None:
        faq.title = fields["question"]
    if fields.get("answer") is not None:
        faq.answer = sanitised(fields["answer"])
    faq_fields_set(faq, phrasings=fields.get("phrasings"), tags=fields.get("tags"))
    return faq_saved(faq, user, action)


def faq_fields_set(faq, *, phrasings, tags):
    if phrasings is not None:
        texts = [text for text in dict.fromkeys(phrasings) if text.strip()]
        faq.alternative_phrasings = [
            AlternativePhrasing(text=text, sort_order=position)
            for position, text in enumerate(texts)
        ]
    if tags is not None:
        faq.tags.set([tag for tag in dict.fromkeys(tags) if tag.strip()])


def faq_saved(faq, user, action):
    permissions = faq.permissions_for_user(user)
    if action == Action.PUBLISH and not permissions.can_publish():
        raise PermissionDenied(_("You cannot publish “%(title)s”.") % {"title": faq.title})
    revision = faq.save_revision(user=user, log_action=True)
    if action == Action.PUBLISH:
        revision.publish(user=user)
    elif action == Action.SUBMIT:
        workflow = faq.get_workflow()
        if workflow is None:
            raise ContentAPIError(_("No moderation workflow applies to this FAQ."))
        if faq.current_workflow_state is None:
            workflow.start(faq, user)
    return FAQPage.objects.get(pk=faq.pk)
