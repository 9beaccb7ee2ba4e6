"""The editors' reports, as rows of plain data: the admin, `faqbase report` and CSV share them."""

import bisect
import datetime
import math
from collections import Counter

import numpy as np
from django.conf import settings
from django.db.models import Count, F, OuterRef, Q, Subquery
from django.db.models.functions import TruncDate
from django.utils import timezone
from wagtail.models import Locale

from faqbase.answers.services import faq_records, meaning_vectors
from faqbase.knowledge.models import FAQPage

from .models import ContentGap, FAQFeedback, QueryLogEntry
from .roles import insights_check

RECENT_COMMENTS = 5
EXAMPLES = 5
MAX_PHRASINGS = 20


def stale_report(*, months=None):
    """Published FAQs not reviewed for `months` months (never-reviewed ones first), and
    translations last edited before their source was ("translation behind")."""
    months = settings.FAQBASE_STALE_MONTHS if months is None else months
    today = timezone.localdate()
    cutoff = today - datetime.timedelta(days=round(months * 365.25 / 12))
    source_edited = FAQPage.objects.filter(
        translation_key=OuterRef("translation_key"), locale=Locale.get_default()
    ).values("last_edited")[:1]
    faqs = (
        FAQPage.objects.live()
        .select_related("locale")
        .annotate(source_last_edited=Subquery(source_edited))
        .filter(
            Q(last_reviewed__lt=cutoff)
            | Q(last_reviewed__isnull=True)
            | Q(source_last_edited__gt=F("last_edited"))
        )
    )
    rows = [stale_row(faq, today) for faq in faqs]
    return sorted(rows, key=lambda row: row["last_reviewed"] or datetime.date.min)


def stale_row(faq, today):
    behind = bool(
        faq.last_edited and faq.source_last_edited and faq.source_last_edited > faq.last_edited
    )
    return {
        "faq_id": faq.pk,
        "question": faq.title,
        "url": faq.url,
        "language": faq.locale.language_code,
        "last_reviewed": faq.last_reviewed,
        "last_edited": faq.last_edited and timezone.localdate(faq.last_edited),
        "days_since_review": (today - faq.last_reviewed).days if faq.last_reviewed else None,
        "translation_behind": behind,
        "source_last_edited": timezone.localdate(faq.source_last_edited) if behind else None,
    }


def feedback_report():
    """FAQs with votes, the least helpful first, with the reasons and latest comments."""
    faqs = (
        FAQPage.objects.live()
        .annotate(
            votes=Count("feedback"),
            not_helpful=Count("feedback", filter=Q(feedback__helpful=False)),
        )
        .filter(votes__gt=0)
    )
    negative = FAQFeedback.objects.filter(faq__live=True).not_helpful()
    reasons = negative.reason_counts_by_faq()
    comments = negative.latest_comments_by_faq(RECENT_COMMENTS)
    rows = [
        {
            "faq_id": faq.pk,
            "question": faq.title,
            "url": faq.url,
            "votes": faq.votes,
            "not_helpful": faq.not_helpful,
            "not_helpful_rate": round(faq.not_helpful / faq.votes, 3),
            "reasons": reasons.get(faq.pk, {}),
            "recent_comments": comments.get(faq.pk, []),
        }
        for faq in faqs
    ]
    return sorted(rows, key=lambda row: -wilson_lower_bound(row["not_helpful"], row["votes"]))


def wilson_lower_bound(hits, total, z=1.96):
    """A cautious estimate of a rate: one "no" out of one vote ranks below five out of eight."""
    rate = hits / total
    spread = z * math.sqrt(rate * (1 - rate) / total + z * z / (4 * total * total))
    return (rate + z * z / (2 * total) - spread) / (1 + z * z / total)


def duplicates_report(*, similarity=None):
    """Clusters of published FAQs whose questions mean the same, the largest first."""
    similarity = settings.FAQBASE_DUPLICATE_SIMILARITY if similarity is None else similarity
    records = faq_records()
    if len(records) < 2:
        return []
    vectors = meaning_vectors([record.question for record in records])
    matrix = np.stack([vectors[record.question] for record in records])
    labels = cluster_labels(matrix, similarity)
    clusters = []
    for label in set(labels):
        members = np.flatnonzero(labels == label)
        if len(members) < 2:
            continue
        pairwise = matrix[members] @ matrix[members].T
        mean = (pairwise.sum() - len(members)) / (len(members) * (len(members) - 1))
        clusters.append(
            {
                "similarity": round(float(mean), 3),
                "faqs": [
                    {
                        "faq_id": int(records[i].id),
                        "question": records[i].question,
                        "url": records[i].url,
                    }
                    for i in members
                ],
            }
        )
    return sorted(clusters, key=lambda cluster: (-len(cluster["faqs"]), -cluster["similarity"]))


def gaps_report(*, days=None, similarity=None):
    """Questions of the last `days` days that got no confident answer, clustered by meaning,
    the largest clusters first."""
    days = settings.FAQBASE_GAPS_DAYS if days is None else days
    similarity = settings.FAQBASE_GAP_SIMILARITY if similarity is None else similarity
    since = timezone.now() - datetime.timedelta(days=days)
    unanswered = QueryLogEntry.objects.filter(created_at__gte=since, confident=False)
    volume = Counter(unanswered.values_list("text", flat=True))
    texts = list(volume)
    if not texts:
        return []
    vectors = meaning_vectors(texts)
    matrix = np.stack([vectors[text] for text in texts])
    labels = cluster_labels(matrix, similarity)
    clusters = []
    for label in set(labels):
        members = sorted(
            (texts[i] for i in np.flatnonzero(labels == label)), key=volume.get, reverse=True
        )
        clusters.append(
            {
                "volume": sum(volume[text] for text in members),
                "examples": members[:EXAMPLES],
                "phrasings": members[:MAX_PHRASINGS],
            }
        )
    return sorted(clusters, key=lambda cluster: -cluster["volume"])


def closed_gaps_report(*, days=None, similarity=None):
    """For each gap answered by a published FAQ: its no-answer rate before and after."""
    days = settings.FAQBASE_GAPS_DAYS if days is None else days
    similarity = settings.FAQBASE_GAP_SIMILARITY if similarity is None else similarity
    window = datetime.timedelta(days=days)
    gaps = list(
        ContentGap.objects.filter(
            faq__live=True, faq__first_published_at__isnull=False
        ).select_related("faq")
    )
    if not gaps:
        return []
    # Every gap's questions in one query and one batch of vectors, not one of each per gap.
    entries = QueryLogEntry.objects.asked_around(
        [gap.faq.first_published_at for gap in gaps], window
    )
    asked_at = [at for _text, _confident, at in entries]
    vectors = meaning_vectors(list({text for text, _confident, _at in entries}))
    rows = []
    for gap in gaps:
        published = gap.faq.first_published_at
        first = bisect.bisect_left(asked_at, published - window)
        last = bisect.bisect_right(asked_at, published + window)
        centroid = np.frombuffer(gap.centroid, dtype=np.float32)
        similar = [
            (confident, at)
            for text, confident, at in entries[first:last]
            if vectors[text] @ centroid >= similarity
        ]
        rows.append(
            {
                "faq_id": gap.faq_id,
                "question": gap.faq.title,
                "published_at": published,
                "before": no_answer_rate([c for c, at in similar if at < published]),
                "after": no_answer_rate([c for c, at in similar if at >= published]),
            }
        )
    return rows


def no_answer_rate(confident_flags):
    count = len(confident_flags)
    unanswered = count - sum(confident_flags)
    return {"questions": count, "no_answer_rate": round(unanswered / count, 3) if count else None}


def cluster_labels(matrix, similarity):
    from sklearn.cluster import AgglomerativeClustering

    if len(matrix) < 2:
        return np.zeros(len(matrix), dtype=int)
    return AgglomerativeClustering(
        n_clusters=None, metric="cosine", linkage="average", distance_threshold=1 - similarity
    ).fit_predict(matrix)


def activity_report(*, days=None):
    """Per day of the period: questions asked, how many got no confident answer, and the rate."""
    days = settings.FAQBASE_GAPS_DAYS if days is None else days
    today = timezone.localdate()
    first = today - datetime.timedelta(days=days - 1)
    counts = (
        QueryLogEntry.objects.filter(created_at__date__gte=first)
        .annotate(day=TruncDate("created_at"))
        .values("day")
        .annotate(questions=Count("id"), unanswered=Count("id", filter=Q(confident=False)))
    )
    by_day = {row["day"]: row for row in counts}
    rows = []
    for offset in range(days):
        day = first + datetime.timedelta(days=offset)
        row = by_day.get(day, {"questions": 0, "unanswered": 0})
        rate = row["unanswered"] / row["questions"] if row["questions"] else None
        rows.append(
            {
                "date": day,
                "questions": row["questions"],
                "unanswered": row["unanswered"],
                "no_answer_rate": None if rate is None else round(rate, 3),
            }
        )
    return rows


def top_questions(*, days=None, limit=10):
    days = settings.FAQBASE_GAPS_DAYS if days is None else days
    since = timezone.now() - datetime.timedelta(days=days)
    counts = Counter(
        QueryLogEntry.objects.filter(created_at__gte=since).values_list("text", flat=True)
    )
    return counts.most_common(limit)


def helpfulness(*, days=None):
    days = settings.FAQBASE_GAPS_DAYS if days is None else days
    votes = FAQFeedback.objects.filter(
        day__gte=timezone.localdate() - datetime.timedelta(days=days)
    ).aggregate(total=Count("id"), helpful=Count("id", filter=Q(helpful=True)))
    total = votes["total"]
    return {"votes": total, "helpful_rate": round(votes["helpful"] / total, 3) if total else None}


REPORTS = {
    "activity": activity_report,
    "duplicates": duplicates_report,
    "feedback": feedback_report,
    "gaps": gaps_report,
    "closed-gaps": closed_gaps_report,
    "stale": stale_report,
}
# The admin's pages read more than the command line prints: the dashboard's figures too.
ADMIN_REPORTS = REPORTS | {"top-questions": top_questions, "helpfulness": helpfulness}


def report_read(*, user, name, **options):
    """A report for an admin page, if `user` may read the Insights reports.

    `faqbase report` calls REPORTS directly: whoever runs it already holds the database.
    """
    insights_check(user=user)
    return ADMIN_REPORTS[name](**options)
