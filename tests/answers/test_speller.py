"""The speller: corrections against the knowledge base's own words (engine/speller.py)."""

import pytest

from faqbase.answers.engine import FAQIndex, FAQRecord, Ranker, RankingWeights, Speller
from faqbase.answers.engine.collection import Abbreviation, Glossary
from faqbase.answers.engine.ranker import NO_SPELLING, SpellingRule

from .fakes import WordHashEmbedder
from .test_engine import ALWAYS_CONFIDENT_ABOVE_HALF

TEXTS = [
    "Is it too late to become a project manager at 50?",
    "How do I become a certified project manager?",
    "Project management jobs in London",
    "Which apps do project managers use?",
]


@pytest.fixture
def speller():
    return Speller.from_texts(TEXTS)


def test_an_unknown_word_becomes_the_known_word_one_slip_away(speller):
    assert speller.corrected("is it to late to becme a projet manager") == (
        "is it to late to become a project manager"
    )


def test_a_long_word_is_corrected_across_two_slips(speller):
    assert speller.corrected("mnaagement jobs") == "management jobs"
    # A shorter word only across one: two slips away it could be too many words.
    assert speller.corrected("bcme a manager") is None


def test_known_words_are_never_replaced(speller):
    assert speller.corrected("become a project manager in london") is None
    # Common English words the FAQs do not use are known words too, not slips.
    assert speller.corrected("I run a shop and teach") is None


def test_numbers_and_short_words_are_left_alone(speller):
    assert speller.corrected("manager at 5O or 2026 job") is None
    assert speller.corrected("jbo at 50") is None


def test_glossary_short_forms_are_left_alone():
    plain = Speller.from_texts(TEXTS)
    # Without the glossary, "appz" is one slip from "apps"...
    assert plain.corrected("appz exam") == "apps exam"
    glossary = Glossary([Abbreviation("APPZ", "App Zone Professional")])
    faqs = [FAQRecord(id=str(i), question=text) for i, text in enumerate(TEXTS)]
    with_glossary = Speller.for_faqs(faqs, glossary)
    # ...with it, a short form the editors listed.
    assert with_glossary.corrected("appz exam") is None
    assert with_glossary.knows("professional")


def test_a_missing_space_is_put_back_between_two_known_words(speller):
    assert speller.corrected("projectmanager jobs") == "project manager jobs"
    assert speller.corrected("howdo i become a manager") == "how do i become a manager"
    # One slip is likelier than a missing space: "becomea" is read "become".
    assert speller.corrected("becomea manager") == "become manager"


def test_the_rest_of_the_text_is_kept_as_typed(speller):
    assert speller.corrected("Becme a PROJET manager, at 50?") == (
        "become a project manager, at 50?"
    )


@pytest.mark.parametrize("text", ["", " ", "???", "é ü", "\u200b", "a" * 600, "50 60", "x-y_z"])
def test_any_text_is_answered_without_an_error(speller, text):
    result = speller.corrected(text)
    assert result is None or isinstance(result, str)


def test_apostrophes_dropped_in_typing_are_known_words():
    speller = Speller.from_texts(["I don't know where it's kept"])
    assert speller.corrected("i dont know where its kept") is None


FAQS = [
    FAQRecord(id="late", question="Is it too late to become a project manager?"),
    FAQRecord(id="salary", question="What salary does a software tester earn?"),
    FAQRecord(id="agile", question="Do agile teams need a scrum master?"),
]


def ranker(spelling):
    embedder = WordHashEmbedder()
    index, _computed = FAQIndex.build(FAQS, embedder)
    weights = RankingWeights(centroid=1.0, answer=0.0, lexical=0.2, token=0.5)
    return Ranker(index, embedder, weights, ALWAYS_CONFIDENT_ABOVE_HALF, spelling=spelling)


def test_a_slipped_question_finds_the_faq_the_clean_one_finds_with_the_speller():
    clean = "is it too late to become a project manager"
    slipped = "is it too lste to becme a projetc managr"
    with_speller = ranker(SpellingRule())
    assert with_speller.rank(clean).answers[0].faq.id == "late"
    ranking = with_speller.rank(slipped)
    assert ranking.answers[0].faq.id == "late"
    assert ranking.corrected_query == "is it too late to become a project manager"
    # Word hashing knows no slips: without the speller, the slipped words match nothing.
    without = ranker(NO_SPELLING).rank(slipped)
    assert without.corrected_query is None
    assert without.answers[0].score < ranking.answers[0].score


def test_a_question_needing_no_correction_reads_none_and_ranks_as_before():
    question = "what salary does a tester earn"
    with_speller = ranker(SpellingRule()).rank(question)
    without = ranker(NO_SPELLING).rank(question)
    assert with_speller.corrected_query is None
    assert with_speller.answers == without.answers
    assert with_speller.confidence == without.confidence


def test_the_typed_and_corrected_questions_are_embedded_in_one_pass():
    engine = ranker(SpellingRule())
    calls = len(engine.embedder.calls)
    embedding = engine.embed_queries(["salary of a sofware tester"])[0]
    assert embedding.corrected_query == "salary of a software tester"
    assert len(engine.embedder.calls) == calls + 1
    assert engine.embedder.calls[-1] == [
        "salary of a sofware tester",
        "salary of a software tester",
    ]


@pytest.mark.parametrize("combine", ["max", "mean", "corrected"])
@pytest.mark.parametrize("confidence", ["combined", "raw"])
def test_every_rule_finds_the_faq_of_a_slipped_question(combine, confidence):
    ranking = ranker(SpellingRule(combine, confidence)).rank("do agiel teams need a scrum mastr")
    assert ranking.answers[0].faq.id == "agile"
