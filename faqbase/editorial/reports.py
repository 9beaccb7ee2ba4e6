"""The editors' reports, as rows of plain data: the admin, `faqbase report` and CSV share them."""

import datetime

import numpy as np
from django.conf import settings
from django.db.models import Count, Q
from django.utils import timezone

from faqbase.answers.services import configured_embedder, faq_records, vectors_for
from faqbase.knowledge.models import FAQPage

from .models import FAQFeedback

RECENT_COMMENTS = 5


def stale_report(*, months=None):
    """Published FAQs not reviewed for `months` months (never-reviewed ones first)."""
    months = settings.FAQBASE_STALE_MONTHS if months is None else months
    today = timezone.localdate()
    cutoff = today - datetime.timedelta(days=round(months * 365.25 / 12))
    faqs = FAQPage.objects.live().filter(
        Q(last_reviewed__lt=cutoff) | Q(last_reviewed__isnull=True)
    )
    rows = [
        {
            "faq_id": faq.pk,
            "question": faq.title,
            "url": faq.url,
            "last_reviewed": faq.last_reviewed,
            "last_edited": faq.last_edited and timezone.localdate(faq.last_edited),
            "days_since_review": (today - faq.last_reviewed).days if faq.last_reviewed else None,
        }
        for faq in faqs
    ]
    return sorted(rows, key=lambda row: row["last_reviewed"] or datetime.date.min)


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
    rows = []
    for faq in faqs:
        negative = FAQFeedback.objects.filter(faq=faq, helpful=False)
        reasons = dict(
            negative.exclude(reason="").values_list("reason").annotate(count=Count("id"))
        )
        comments = negative.exclude(comment="").order_by("-created_at")
        rows.append(
            {
                "faq_id": faq.pk,
                "question": faq.title,
                "url": faq.url,
                "votes": faq.votes,
                "not_helpful": faq.not_helpful,
                "not_helpful_rate": round(faq.not_helpful / faq.votes, 3),
                "reasons": reasons,
                "recent_comments": list(
                    comments.values_list("comment", flat=True)[:RECENT_COMMENTS]
                ),
            }
        )
    return sorted(rows, key=lambda row: (-row["not_helpful_rate"], -row["not_helpful"]))


def duplicates_report(*, similarity=None):
    """Clusters of published FAQs whose questions mean the same, the largest first."""
    from sklearn.cluster import AgglomerativeClustering

    similarity = settings.FAQBASE_DUPLICATE_SIMILARITY if similarity is None else similarity
    records = faq_records()
    if len(records) < 2:
        return []
    vectors = vectors_for(records, configured_embedder())
    matrix = np.stack([vectors[record.question] for record in records])
    labels = AgglomerativeClustering(
        n_clusters=None, metric="cosine", linkage="average", distance_threshold=1 - similarity
    ).fit_predict(matrix)
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


REPORTS = {"stale": stale_report, "feedback": feedback_report, "duplicates": duplicates_report}
