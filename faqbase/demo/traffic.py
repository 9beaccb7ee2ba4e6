"""Synthetic visitor activity for the demo, so the editors' reports have something to show.

Every record it makes is marked `is_synthetic`; `faqbase demo_traffic --clear` removes them.
"""

import datetime
import random

from django.db import transaction
from django.utils import timezone

from faqbase.answers.services import answer_engine
from faqbase.editorial.models import FAQFeedback, QueryLogEntry, VisitorQuestion
from faqbase.knowledge.models import FAQPage

DAYS = 30
SEED = 2026

# Things visitors ask that the demo answers, in their own kind of words.
ANSWERED = [
    "how do i get into project management with no experience",
    "is 45 too late to retrain as a project manager",
    "project manager salary uk",
    "do I need a degree to be a PM",
    "prince2 or apm which is better",
    "what does a PMO actually do",
    "difference between programme and project manager",
    "is scrum master the same as project manager",
    "how long to become a project manager",
    "are project managers in demand in britain",
    "what makes a good project manager",
    "can I become a PM without a qualification",
    "how to become a chartered project professional",
    "project management apprenticeship",
    "is project management stressful",
    "do IT project managers need to code",
    "best project management certification for beginners",
    "what does a project manager do all day",
    "change manager vs project manager",
    "online project management course worth it",
]

# Things the demo does not answer yet: the content gaps editors should see, several wordings each.
GAPS = [
    [
        "how do I make a gantt chart in excel",
        "gantt chart template excel",
        "create a gantt chart for my project",
        "best free gantt chart tool",
    ],
    [
        "what is a RACI matrix",
        "how to fill in a RACI chart",
        "RACI responsible accountable consulted informed explained",
    ],
    [
        "how to write a risk register",
        "risk register template for a small project",
        "what goes in a risk log",
    ],
    [
        "what is earned value management",
        "how do you calculate earned value",
        "earned value cpi spi formula",
    ],
    ["how do I run a sprint retrospective", "retrospective ideas for an agile team"],
]

OFF_TOPIC = ["what time does the office close", "parking near the training centre", "weather today"]

NOT_HELPFUL = [
    (
        "how-much-money-do-project-managers-earn",
        "not_my_question",
        "I wanted an actual salary range.",
    ),
    (
        "what-training-is-required-to-be-a-project-manager",
        "unclear",
        "Too many options, which first?",
    ),
    ("how-fast-can-you-become-a-project-manager", "out_of_date", ""),
]

VISITOR_QUESTIONS = [
    "Can I use my PRINCE2 Foundation from 2015 or do I need to resit it?",
    "Is there funding to help me pay for a project management course in Scotland?",
]


def demo_traffic_clear():
    for model in (QueryLogEntry, FAQFeedback, VisitorQuestion):
        model.objects.filter(is_synthetic=True).delete()


@transaction.atomic
def demo_traffic_generate(*, questions=300):
    """Replace any earlier synthetic activity with a fresh, reproducible month of it."""
    demo_traffic_clear()
    chooser = random.Random(SEED)
    now = timezone.now()
    asked = synthetic_questions(chooser, questions)
    ranker = answer_engine.ranker()
    embeddings = ranker.embed_queries(asked)
    entries = []
    for number, (text, embedding) in enumerate(zip(asked, embeddings, strict=True)):
        ranking = ranker.rank(text, limit=3, query_embedding=embedding)
        entry = QueryLogEntry.objects.create(
            text=ranking.query,
            source=chooser.choice([QueryLogEntry.Source.SEARCH] * 3 + [QueryLogEntry.Source.API]),
            top_results=[{"faq_id": int(a.faq.id), "score": a.score} for a in ranking.answers],
            confident=ranking.confident,
            confidence=ranking.confidence,
            visitor_hash=f"synthetic-{number % 90}",
            is_synthetic=True,
        )
        entry.created_at = now - datetime.timedelta(minutes=chooser.randrange(DAYS * 24 * 60))
        entries.append(entry)
    QueryLogEntry.objects.bulk_update(entries, ["created_at"])
    votes_generate(chooser)
    for number, text in enumerate(VISITOR_QUESTIONS):
        VisitorQuestion.objects.create(
            text=text, visitor_hash=f"synthetic-q{number}", is_synthetic=True
        )
    return len(entries)


def synthetic_questions(chooser, count):
    gap_wordings = [wording for cluster in GAPS for wording in cluster]
    pool = ANSWERED * 6 + gap_wordings * 4 + OFF_TOPIC
    return [chooser.choice(pool) for _ in range(count)]


def votes_generate(chooser):
    faqs = list(FAQPage.objects.live())
    today = timezone.localdate()
    for number in range(60):
        faq = chooser.choice(faqs)
        FAQFeedback.objects.get_or_create(
            faq=faq,
            visitor_hash=f"synthetic-{number}",
            day=today - datetime.timedelta(days=chooser.randrange(DAYS)),
            defaults={"helpful": chooser.random() < 0.85, "is_synthetic": True},
        )
    for number, (slug, reason, comment) in enumerate(NOT_HELPFUL * 3):
        faq = FAQPage.objects.live().filter(slug=slug).first()
        if faq:
            FAQFeedback.objects.create(
                faq=faq,
                helpful=False,
                reason=reason,
                comment=comment,
                visitor_hash=f"synthetic-unhelpful-{number}",
                day=today - datetime.timedelta(days=number),
                is_synthetic=True,
            )
