"""Signals from the public site that tell editors what is missing and what is wrong."""

from collections import defaultdict

from django.conf import settings
from django.db import models
from django.db.models import Count, F, Q, Window
from django.db.models.functions import RowNumber
from django.utils.translation import gettext_lazy as _

VISITOR_HASH_LENGTH = 64


class QueryLogEntryQuerySet(models.QuerySet):
    def older_than(self, moment):
        return self.filter(created_at__lt=moment)

    def asked_around(self, moments, window):
        """(text, confident, created_at) of the questions asked within `window` of any of
        `moments`, oldest first, in one query however many moments there are."""
        periods = Q(pk__in=[])
        for start, end in merged_periods(moments, window):
            periods |= Q(created_at__gte=start, created_at__lte=end)
        return list(
            self.filter(periods)
            .order_by("created_at", "pk")
            .values_list("text", "confident", "created_at")
        )


def merged_periods(moments, window):
    """The periods `window` either side of each moment, overlapping ones joined, so the query
    stays short when many moments are close together."""
    periods = []
    for moment in sorted(moments):
        start, end = moment - window, moment + window
        if periods and start <= periods[-1][1]:
            periods[-1][1] = max(periods[-1][1], end)
        else:
            periods.append([start, end])
    return periods


class QueryLogEntry(models.Model):
    """One question a visitor asked (search page or API) and what the engine made of it."""

    class Source(models.TextChoices):
        SEARCH = "search", "Search page"
        API = "api", "API"

    text = models.CharField(max_length=500, help_text="The question as the engine read it.")
    source = models.CharField(max_length=10, choices=Source.choices)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    top_results = models.JSONField(default=list, help_text="[{faq_id, score}], best first.")
    confident = models.BooleanField()
    confidence = models.FloatField()
    # A salted hash of the address that rotates daily: enough to rate-limit, never to identify.
    visitor_hash = models.CharField(max_length=VISITOR_HASH_LENGTH, db_index=True)
    opened_faq = models.ForeignKey(
        "knowledge.FAQPage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_synthetic = models.BooleanField(
        default=False, help_text="Made up by `faqbase demo_traffic`, not asked by a visitor."
    )

    objects = QueryLogEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name_plural = "query log entries"
        # One right for every report: they all read the same visitor signals, none names a visitor.
        permissions = [("view_insights", "Can read the Insights reports")]

    def __str__(self):
        return self.text


class FAQFeedbackQuerySet(models.QuerySet):
    def not_helpful(self):
        return self.filter(helpful=False)

    def reason_counts_by_faq(self):
        """{faq id: {reason: votes}}, every FAQ's in one query."""
        counts = defaultdict(dict)
        rows = (
            self.exclude(reason="")
            .order_by()
            .values_list("faq_id", "reason")
            .annotate(votes=Count("id"))
        )
        for faq_id, reason, votes in rows:
            counts[faq_id][reason] = votes
        return counts

    def latest_comments_by_faq(self, count):
        """{faq id: its `count` latest comments, newest first}, every FAQ's in one query."""
        newest_first = [F("created_at").desc(), F("pk").desc()]
        rows = (
            self.exclude(comment="")
            .annotate(rank=Window(RowNumber(), partition_by=[F("faq_id")], order_by=newest_first))
            .filter(rank__lte=count)
            .order_by("faq_id", *newest_first)
            .values_list("faq_id", "comment")
        )
        comments = defaultdict(list)
        for faq_id, comment in rows:
            comments[faq_id].append(comment)
        return comments


class FAQFeedback(models.Model):
    """A visitor's "Was this helpful?" vote on an FAQ: one per visitor, page and day."""

    class Reason(models.TextChoices):
        UNCLEAR = "unclear", _("It was unclear")
        OUT_OF_DATE = "out_of_date", _("It is out of date")
        WRONG = "wrong", _("It is wrong")
        NOT_MY_QUESTION = "not_my_question", _("It didn't answer my question")

    faq = models.ForeignKey("knowledge.FAQPage", on_delete=models.CASCADE, related_name="feedback")
    helpful = models.BooleanField()
    reason = models.CharField(max_length=20, choices=Reason.choices, blank=True)
    comment = models.TextField(max_length=1000, blank=True)
    visitor_hash = models.CharField(max_length=VISITOR_HASH_LENGTH)
    day = models.DateField()
    is_synthetic = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = FAQFeedbackQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["faq", "visitor_hash", "day"], name="one_vote_per_visitor_page_day"
            )
        ]
        verbose_name_plural = "FAQ feedback"

    def __str__(self):
        return f"{'helpful' if self.helpful else 'not helpful'}: {self.faq_id}"


class VisitorQuestionQuerySet(models.QuerySet):
    def awaiting_moderation(self):
        return self.filter(status=VisitorQuestion.Status.NEW).order_by("created_at")


class VisitorQuestion(models.Model):
    """A question a visitor sent because no answer fitted. Never published as it stands."""

    class Status(models.TextChoices):
        NEW = "new", _("Awaiting moderation")
        REJECTED = "rejected", _("Rejected")
        SPAM = "spam", _("Spam")
        DRAFTED = "drafted", _("Turned into a draft FAQ")

    text = models.CharField(max_length=255)
    email = models.EmailField(blank=True, help_text="Only if the visitor wants a reply.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.NEW)
    closest_faqs = models.JSONField(default=list, help_text="What the engine offered first.")
    visitor_hash = models.CharField(max_length=VISITOR_HASH_LENGTH)
    is_synthetic = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    moderated_at = models.DateTimeField(null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    draft_faq = models.ForeignKey(
        "knowledge.FAQPage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = VisitorQuestionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        permissions = [
            (
                "moderate_visitorquestion",
                "Can moderate visitor questions and read their e-mail addresses",
            )
        ]

    def __str__(self):
        return self.text


class ContentGap(models.Model):
    """A cluster of unanswered questions an editor chose to answer with a new FAQ.

    Kept so the gaps report can show the cluster's no-answer rate before and after that FAQ
    was published.
    """

    phrasings = models.JSONField(help_text="The visitors' wordings that made up the cluster.")
    centroid = models.BinaryField(
        help_text="Mean vector of the wordings, to find similar questions."
    )
    faq = models.ForeignKey("knowledge.FAQPage", on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    def __str__(self):
        return self.phrasings[0] if self.phrasings else f"gap {self.pk}"
