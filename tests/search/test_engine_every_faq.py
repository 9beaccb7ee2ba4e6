"""The answer engine's ranking of every FAQ, which orders the search page's list."""

import pytest

from faqbase.answers.services import answer_engine
from faqbase.knowledge.models import FAQPage

pytestmark = pytest.mark.django_db

PMP_QUESTION = "is PMP recognised in the UK"
TOO_OLD_QUESTION = "I'm 52, is it too late to become a project manager?"


@pytest.mark.parametrize(
    "question",
    [PMP_QUESTION, TOO_OLD_QUESTION, "what is the boiling point of water", "scrum master vs pm"],
)
def test_the_engine_orders_the_list_as_it_orders_its_answers(question):
    asked = [answer.faq.id for answer in answer_engine.ask(question, limit=5).answers]
    every = answer_engine.ask_every(question, floor=float("-inf"))
    assert [answer.faq.id for answer in every.answers[:5]] == asked
    assert (
        len(every.answers) == FAQPage.objects.live().filter(locale__language_code="en-gb").count()
    )
    later = every.base_scores[5:]
    assert list(later) == sorted(later, reverse=True)


def test_a_floor_leaves_out_faqs_except_those_named_to_keep():
    question = "scrum master vs pm"
    every = answer_engine.ask_every(question, floor=float("-inf"))
    lowest = every.answers[-1].faq.id
    floored = answer_engine.ask_every(question, floor=0.5, also=frozenset([lowest]))
    assert all(score >= 0.5 for score in floored.base_scores[:-1])
    assert floored.answers[-1].faq.id == lowest
    assert len(floored.answers) < len(every.answers)
