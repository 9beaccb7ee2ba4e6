"""The engine's mechanics on a word-hash embedder: no model, no database."""

import numpy as np
import pytest

from faqbase.answers.engine import Calibration, FAQIndex, FAQRecord, Ranker, RankingWeights
from faqbase.answers.engine.collection import Abbreviation, Glossary, normalise_query
from faqbase.answers.engine.tokens import passage_text, passage_tokens_build

from .fakes import WordHashEmbedder

ALWAYS_CONFIDENT_ABOVE_HALF = Calibration(top_weight=10, margin_weight=0, bias=-5, threshold=0.5)
WEIGHTS = RankingWeights(centroid=1.0, answer=0.0, lexical=0.2)
TOKEN_WEIGHTS = RankingWeights(centroid=1.0, answer=0.0, lexical=0.2, token=2.0)
FAQS = [
    FAQRecord(id="old", question="Am I too old to be a project manager?", answer="No age limit."),
    FAQRecord(
        id="pay",
        question="Are project managers well paid?",
        answer="Pay depends on sector.",
        phrasings=("what salary does a pm earn",),
    ),
    FAQRecord(id="scrum", question="Is a Scrum Master a PM?", answer="Different roles."),
]


def make_ranker(faqs=FAQS, embedder=None):
    embedder = embedder or WordHashEmbedder()
    index, _computed = FAQIndex.build(faqs, embedder)
    return Ranker(index, embedder, WEIGHTS, ALWAYS_CONFIDENT_ABOVE_HALF)


def test_the_matching_question_ranks_first_with_scores_in_order():
    ranking = make_ranker().rank("is a scrum master a pm", limit=3)
    assert [answer.faq.id for answer in ranking.answers][0] == "scrum"
    scores = [answer.score for answer in ranking.answers]
    assert scores == sorted(scores, reverse=True)


def test_an_alternative_phrasing_finds_its_faq():
    assert make_ranker().rank("salary pm earn").answers[0].faq.id == "pay"


def test_limit_caps_the_results():
    assert len(make_ranker().rank("project manager", limit=2).answers) == 2
    assert len(make_ranker().rank("project manager", limit=1).answers) == 1


def test_an_empty_collection_answers_nothing():
    ranking = make_ranker(faqs=[]).rank("anything")
    assert ranking.answers == [] and not ranking.confident


def test_build_embeds_only_texts_it_was_not_given():
    embedder = WordHashEmbedder()
    _index, computed = FAQIndex.build(FAQS, embedder, with_tokens=False)
    _index, again = FAQIndex.build(FAQS, embedder, known_vectors=computed, with_tokens=False)
    assert again == {}
    assert len(embedder.calls) == 1


def test_passage_tokens_are_embedded_only_for_passages_not_known():
    embedder = WordHashEmbedder()
    _tokens, computed = passage_tokens_build(FAQS, embedder)
    known = {passage: matrix for passage, (_vector, matrix) in computed.items()}
    edited = [FAQS[0], FAQS[1], FAQRecord(id="scrum", question="Is a Scrum Master a PM?")]
    tokens, again = passage_tokens_build(edited, embedder, known)
    assert list(again) == ["Is a Scrum Master a PM?"]
    assert len(tokens) == 3


def test_token_matching_lifts_the_faq_whose_answer_holds_the_question_s_details():
    faqs = [
        FAQRecord(
            id="video",
            question="How do I link to a video at a set time?",
            answer="Add t=90 to the YouTube address.",
        ),
        FAQRecord(
            id="vimeo",
            question="Sharing a clip from one moment",
            answer="For a Vimeo link, add #t=90s to the address.",
        ),
    ]
    embedder = WordHashEmbedder()
    index, _computed = FAQIndex.build(faqs, embedder)
    question = "link to a vimeo video moment"
    sentence_only = Ranker(index, embedder, WEIGHTS, ALWAYS_CONFIDENT_ABOVE_HALF)
    with_tokens = Ranker(index, embedder, TOKEN_WEIGHTS, ALWAYS_CONFIDENT_ABOVE_HALF)
    assert sentence_only.rank(question).answers[0].faq.id == "video"
    assert with_tokens.rank(question).answers[0].faq.id == "vimeo"


def test_memory_mapped_tokens_score_as_the_tokens_in_memory(tmp_path):
    embedder = WordHashEmbedder()
    tokens, _computed = passage_tokens_build(FAQS, embedder)
    key = "tokens-test"
    mapped = tokens.memory_mapped(tmp_path, key)
    again = tokens.memory_mapped(tmp_path, key)
    query = embedder.embed_with_tokens(["is a scrum master a pm"])[1][0]
    positions = [0, 1, 2]
    assert mapped.maxsim(query, positions).tolist() == tokens.maxsim(query, positions).tolist()
    assert again.maxsim(query, positions).tolist() == tokens.maxsim(query, positions).tolist()
    assert sorted(path.name for path in tmp_path.iterdir()) == [f"{key}.npy", f"{key}.starts.npy"]


def test_a_passage_is_the_question_then_the_answer():
    assert passage_text(FAQS[0]) == "Am I too old to be a project manager? No age limit."


def test_confidence_rises_with_the_top_score_and_its_lead():
    calibration = Calibration(top_weight=8, margin_weight=10, bias=-4, threshold=0.5)
    assert calibration.probability(0.9, 0.2) > calibration.probability(0.6, 0.2)
    assert calibration.probability(0.7, 0.3) > calibration.probability(0.7, 0.0)
    assert calibration.is_confident(0.5) and not calibration.is_confident(0.49)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("  too\u0000 old\u200b?\t\n", "too old?"),
        ("Café — prix?", "Café — prix?"),
        ("项目经理 🙂", "项目经理 🙂"),
        ("\u202eright-to-left override", "right-to-left override"),
    ],
)
def test_queries_lose_control_characters_but_keep_any_script(raw, expected):
    assert normalise_query(raw) == expected


GLOSSARY = Glossary(
    [Abbreviation("PM", "project manager"), Abbreviation("IT", "information technology", True)]
)


def test_the_glossary_spells_out_whole_words_in_any_case_unless_told_to_match_case():
    assert (
        GLOSSARY.spelled_out("pm or PM, not PMO") == "project manager or project manager, not PMO"
    )
    assert GLOSSARY.spelled_out("is it an IT job") == "is it an information technology job"
    assert GLOSSARY.spelled_out("") == "" and Glossary().spelled_out("pm") == "pm"


def test_an_abbreviated_question_finds_the_faq_written_in_full_through_the_glossary():
    faqs = [
        FAQRecord(id="change", question="Change manager or project manager: who does what?"),
        FAQRecord(id="pm-agile", question="What is a PM in Agile?"),
    ]
    glossary = Glossary([*GLOSSARY.abbreviations, Abbreviation("mgr", "manager")])
    embedder = WordHashEmbedder()

    def ranking(glossary):
        index, _computed = FAQIndex.build(faqs, embedder, glossary=glossary)
        ranker = Ranker(index, embedder, TOKEN_WEIGHTS, ALWAYS_CONFIDENT_ABOVE_HALF)
        return ranker.rank("change mgr vs pm")

    assert ranking(None).answers[0].faq.id == "pm-agile"
    spelled_out = ranking(glossary)
    assert spelled_out.answers[0].faq.id == "change"
    # The visitor's words and the FAQs as written are shown, not the spelled-out forms.
    assert spelled_out.query == "change mgr vs pm"
    assert [a.faq.question for a in spelled_out.answers] == [f.question for f in faqs]


def test_scoring_only_some_faqs_gives_their_scores_from_the_whole_collection():
    faqs = [*FAQS, FAQRecord(id="late", question="Is it too late at 50?", answer="No.")]
    embedder = WordHashEmbedder()
    index, _computed = FAQIndex.build(faqs, embedder)
    every_signal = RankingWeights(centroid=1.0, answer=0.1, lexical=0.2)
    ranker = Ranker(index, embedder, every_signal, ALWAYS_CONFIDENT_ABOVE_HALF)
    query = "what salary does a project manager earn"
    vector = embedder.embed([query])[0]
    positions = np.array([3, 1, 0])
    everything = ranker.scores(query, vector)
    np.testing.assert_allclose(ranker.scores(query, vector, positions), everything[positions])
    index.vectors_halved()  # as a second opinion keeps them: float16, half the memory
    halved = ranker.scores(query, vector, positions)
    np.testing.assert_allclose(halved, everything[positions], atol=1e-3)
