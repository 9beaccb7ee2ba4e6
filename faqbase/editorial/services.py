"""Editorial writes: visitor signals, moderation, drafts from questions and gaps, merges."""

import datetime
import itertools

import numpy as np
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.html import escape
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.contrib.redirects.models import Redirect

from faqbase.answers.services import meaning_vectors
from faqbase.knowledge.models import AlternativePhrasing, FAQPage, TopicPage
from faqbase.search.query import search_query_from

from .models import ContentGap, FAQFeedback, QueryLogEntry, VisitorQuestion
from .roles import insights_check, moderation_check
from .visitors import visitor_hash

OPENED_WITHIN = datetime.timedelta(hours=1)
MAX_GAP_PHRASINGS = 20
DEFAULT_RETENTION_DAYS = 180


def query_log_record(*, request, ranking, source):
    """Log a question and the engine's answer; nothing that identifies the visitor is kept."""
    return QueryLogEntry.objects.create(
        text=ranking.query[:500],
        source=source,
        top_results=[
            {"faq_id": int(answer.faq.id), "score": answer.score} for answer in ranking.answers
        ],
        confident=ranking.confident,
        confidence=ranking.confidence,
        visitor_hash=visitor_hash(request),
    )


def query_log_note_opened(*, request, faq, query):
    """Record that the visitor who searched for `query` opened `faq` from the results."""
    query = search_query_from(query)
    if not query:
        return None
    entry = (
        QueryLogEntry.objects.filter(
            text=query,
            source=QueryLogEntry.Source.SEARCH,
            visitor_hash=visitor_hash(request),
            opened_faq__isnull=True,
            created_at__gte=timezone.now() - OPENED_WITHIN,
        )
        .order_by("-created_at")
        .first()
    )
    if entry:
        entry.opened_faq = faq
        entry.save(update_fields=["opened_faq"])
    return entry


@transaction.atomic
def feedback_record(*, request, faq, helpful, reason="", comment=""):
    """Store a vote; a second vote by the same visitor on the same day replaces the first."""
    feedback, _created = FAQFeedback.objects.update_or_create(
        faq=faq,
        visitor_hash=visitor_hash(request),
        day=timezone.localdate(),
        defaults={
            "helpful": helpful,
            "reason": "" if helpful else reason,
            "comment": "" if helpful else comment,
        },
    )
    return feedback


def query_log_prune(*, days=DEFAULT_RETENTION_DAYS):
    """Delete questions older than `days`; returns how many went."""
    cutoff = timezone.now() - datetime.timedelta(days=days)
    deleted, _by_model = QueryLogEntry.objects.older_than(cutoff).delete()
    return deleted


def visitor_question_submit(*, request, text, email, closest_faqs):
    return VisitorQuestion.objects.create(
        text=text,
        email=email,
        closest_faqs=closest_faqs,
        visitor_hash=visitor_hash(request),
    )


def visitor_question_for_moderation(*, pk, user):
    """The question with the visitor's e-mail address, for a moderator's eyes only."""
    moderation_check(user=user)
    return get_object_or_404(VisitorQuestion, pk=pk)


def visitor_question_moderate(*, question, user, status):
    """Reject or mark as spam; only questions still awaiting moderation can be moderated."""
    moderation_check(user=user)
    awaiting_moderation_check(question)
    question.status = status
    question.moderated_by = user
    question.moderated_at = timezone.now()
    question.save(update_fields=["status", "moderated_by", "moderated_at"])
    return question


def awaiting_moderation_check(question):
    if question.status != VisitorQuestion.Status.NEW:
        raise EditorialError(
            _("This question was already moderated (%(status)s).")
            % {"status": question.get_status_display()}
        )


@transaction.atomic
def submission_to_draft(*, question, user, topic=None):
    """A draft FAQ from a visitor's question; their wording becomes an alternative phrasing."""
    moderation_check(user=user)
    awaiting_moderation_check(question)
    faq_ids = [item["faq_id"] for item in question.closest_faqs]
    topic = topic or topic_of_closest(faq_ids)
    topic_add_check(topic=topic, user=user)
    draft = draft_faq_create(
        topic=topic, question=question.text, phrasings=[question.text], user=user
    )
    question.draft_faq = draft
    visitor_question_moderate(question=question, user=user, status=VisitorQuestion.Status.DRAFTED)
    question.save(update_fields=["draft_faq"])
    return draft


def topic_add_check(*, topic, user):
    if not topic.permissions_for_user(user).can_add_subpage():
        raise PermissionDenied(
            _("You cannot add FAQs to the topic “%(topic)s”.") % {"topic": topic.title}
        )


def draft_faq_create(*, topic, question, phrasings, user):
    """An unpublished FAQ for an editor to answer; the visitors' wordings become its phrasings."""
    draft = FAQPage(
        title=question[:255],
        slug=free_slug(topic, question),
        answer=f"<p>To be written. Visitors asked: “{escape(question)}”</p>",
        live=False,
    )
    draft.alternative_phrasings = [
        AlternativePhrasing(text=text[:255]) for text in dict.fromkeys(phrasings)
    ]
    topic.add_child(instance=draft)
    draft.save_revision(user=user, log_action=True)
    return draft


def topic_of_closest(faq_ids):
    """The topic of the first of `faq_ids` still on the site, else the first topic."""
    closest = FAQPage.objects.filter(pk__in=faq_ids[:1]).first()
    if closest:
        return closest.get_parent().specific
    return TopicPage.objects.order_by("path").first()


@transaction.atomic
def gap_to_draft(*, phrasings, topic, user):
    """A draft FAQ from a cluster of unanswered questions, remembered for the before/after rate."""
    insights_check(user=user)
    topic_add_check(topic=topic, user=user)
    phrasings = [text for text in dict.fromkeys(phrasings) if text.strip()][:MAX_GAP_PHRASINGS]
    if not phrasings:
        raise EditorialError(_("The cluster has no questions in it."))
    draft = draft_faq_create(topic=topic, question=phrasings[0], phrasings=phrasings, user=user)
    vectors = meaning_vectors(phrasings)
    centroid = np.mean([vectors[text] for text in phrasings], axis=0)
    centroid = (centroid / np.linalg.norm(centroid)).astype(np.float32)
    ContentGap.objects.create(
        phrasings=phrasings, centroid=centroid.tobytes(), faq=draft, created_by=user
    )
    return draft


def free_slug(parent, text):
    base = slugify(text)[:60].strip("-") or "visitor-question"
    taken = set(parent.get_children().values_list("slug", flat=True))
    candidates = (base if number == 1 else f"{base}-{number}" for number in itertools.count(1))
    return next(slug for slug in candidates if slug not in taken)


class EditorialError(Exception):
    """An editor's action that cannot be carried out; the message says why."""


@transaction.atomic
def faq_merge(*, survivor, others, user):
    """Fold `others` into `survivor`: their questions and phrasings become its phrasings, their
    addresses redirect to it permanently, and they are unpublished, not deleted, so every
    revision stays and the merge can be undone.

    Only the merge's own change is published: a draft of the survivor waiting for review is
    neither published nor lost, it gets the same phrasings and stays a draft.
    """
    others = [faq for faq in others if faq.pk != survivor.pk]
    if not others:
        raise EditorialError(_("Choose at least one other FAQ to merge into the one that stays."))
    merge_check(survivor=survivor, others=others, user=user)
    live = FAQPage.objects.get(pk=survivor.pk)
    pending = live.get_latest_revision_as_object() if live.has_unpublished_changes else None
    phrasings_merge(faq=live, others=others)
    live.save_revision(user=user, log_action=True).publish(user=user)
    if pending is not None:
        phrasings_merge(faq=pending, others=others)
        pending.save_revision(user=user, log_action=True)
    for other in others:
        Redirect.objects.update_or_create(
            old_path=Redirect.normalise_path(other.url),
            site=other.get_site(),
            defaults={"redirect_page": survivor, "is_permanent": True},
        )
        other.unpublish(user=user, log_action=True)
    return survivor


def merge_check(*, survivor, others, user):
    """A merge publishes the survivor and unpublishes the others: it needs both rights."""
    for faq in (survivor, *others):
        if not faq.live:
            raise EditorialError(
                _("“%(title)s” is not published; only published FAQs merge.") % {"title": faq.title}
            )
    # Publishing would cancel the pending draft's request for review (Wagtail's default).
    if survivor.current_workflow_state is not None:
        raise EditorialError(
            _("“%(title)s” has a draft in moderation: approve, reject or cancel it first.")
            % {"title": survivor.title}
        )
    if not survivor.permissions_for_user(user).can_publish():
        raise PermissionDenied(
            _("You cannot publish “%(title)s”, the FAQ that would stay.")
            % {"title": survivor.title}
        )
    for other in others:
        if not other.permissions_for_user(user).can_unpublish():
            raise PermissionDenied(_("You cannot unpublish “%(title)s”.") % {"title": other.title})


def phrasings_merge(*, faq, others):
    """Add the others' questions and phrasings to `faq`'s phrasings, each wording once."""
    texts = [
        text
        for other in others
        for text in (other.title, *(p.text for p in other.alternative_phrasings.all()))
    ]
    return phrasings_add(faq=faq, texts=texts)


def phrasings_add(*, faq, texts):
    """Add `texts` to `faq`'s phrasings, leaving out any it already has (its question too),
    compared without regard to case; returns the texts added."""
    known = {phrasing.text.casefold() for phrasing in faq.alternative_phrasings.all()}
    known.add(faq.title.casefold())
    phrasings = list(faq.alternative_phrasings.all())
    added = []
    for text in texts:
        if text.casefold() not in known:
            known.add(text.casefold())
            phrasings.append(AlternativePhrasing(text=text))
            added.append(text)
    faq.alternative_phrasings = phrasings
    return added
