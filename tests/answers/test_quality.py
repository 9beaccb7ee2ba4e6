"""Quality floors: a retrieval or confidence regression fails CI (figures: benchmarks/)."""

import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

import common  # noqa: E402
import typos  # noqa: E402
from django.test import override_settings  # noqa: E402
from evaluation import retrieval_quality  # noqa: E402

from faqbase.answers.engine import SentenceTransformerEmbedder  # noqa: E402
from faqbase.answers.services import second_opinion_embedder  # noqa: E402

NEEDS_STACKFAQ = pytest.mark.skipif(
    not common.STACKFAQ_DIR.exists(), reason="StackFAQ is not beside this checkout"
)


@pytest.fixture(scope="module")
def embedder(tmp_path_factory):
    # Run by ONNX Runtime, as the site runs it.
    return SentenceTransformerEmbedder(onnx_dir=tmp_path_factory.mktemp("models"))


@pytest.fixture(scope="module")
def second_model():
    """The packaged all-mpnet-base-v2, as the site asks it on close calls."""
    with override_settings(FAQBASE_SECOND_OPINION=True):
        return second_opinion_embedder()


def ranked_ids(rankings):
    return [[answer.faq.id for answer in ranking.answers] for ranking in rankings]


@NEEDS_STACKFAQ
def test_stackfaq_dev_split_precision_at_1_stays_above_095(embedder):
    faqs, queries = common.stackfaq()
    ranker = common.ranker_for(common.faq_records(faqs), embedder)
    rankings = common.rank_all(ranker, [q["query"] for q in queries])
    quality = retrieval_quality(ranked_ids(rankings), [set(q["relevant"]) for q in queries])
    assert quality.precision_at_1 >= 0.95


def test_demo_paraphrases_find_their_faq_and_off_topic_questions_get_no_answer(embedder):
    questions = common.demo_questions()
    answerable = [q for q in questions if q["expected"]]
    ranker = common.ranker_for(common.demo_records(), embedder, glossary=common.demo_glossary())
    rankings = common.rank_all(ranker, [q["query"] for q in answerable])
    relevant = [common.demo_accepted(q) for q in answerable]
    assert retrieval_quality(ranked_ids(rankings), relevant).precision_at_1 >= 0.95
    assert sum(r.confident for r in rankings) / len(rankings) >= 0.9
    off_topic = [q["query"] for q in questions if q["kind"] == "off_topic"]
    abstained = [not r.confident for r in common.rank_all(ranker, off_topic)]
    assert sum(abstained) / len(abstained) >= 0.95


def test_demo_abstains_on_project_management_questions_no_faq_answers(embedder):
    # Exam rules, tools, techniques and course logistics: on topic, yet no FAQ answers them.
    unanswered = [q["query"] for q in common.demo_questions() if q["kind"] == "unanswered"]
    ranker = common.ranker_for(common.demo_records(), embedder, glossary=common.demo_glossary())
    abstained = [not r.confident for r in common.rank_all(ranker, unanswered)]
    assert len(unanswered) >= 45
    assert sum(abstained) / len(abstained) >= 0.90


def test_demo_questions_with_two_typing_slips_still_find_their_faq(embedder):
    # benchmarks/typo_robustness.py measured 0.922 P@1 and 0.939 precision when confident
    # (without the speller: 0.828 and 0.897).
    questions = common.demo_questions()
    answerable = [q for q in questions if q["expected"]]
    ranker = common.ranker_for(common.demo_records(), embedder, glossary=common.demo_glossary())
    slipped = [typos.slipped(q["query"], slips=2, seed="0") for q in answerable]
    unanswerable = [typos.slipped(q["query"], 2, "0") for q in questions if not q["expected"]]
    rankings = common.rank_all(ranker, slipped + unanswerable)
    right = [
        r.answers[0].faq.id in common.demo_accepted(q)
        for r, q in zip(rankings, answerable, strict=False)
    ]
    assert sum(right) / len(right) >= 0.90
    confident = [r.confident for r in rankings]
    confident_right = sum(c and ok for c, ok in zip(confident, right, strict=False))
    assert confident_right / sum(confident) >= 0.92
    assert sum(r.corrected_query is not None for r in rankings[: len(slipped)]) >= 0.8 * len(right)


@NEEDS_STACKFAQ
def test_stackfaq_with_phrasings_and_the_second_opinion_stays_at_099(embedder, second_model):
    faqs, queries = common.stackfaq()
    phrasings, held_out = common.split_rephrasings(queries)
    ranker = common.ranker_for(common.faq_records(faqs, phrasings), embedder)
    ranker = common.with_second_opinion(ranker, second_model)
    rankings = common.rank_all(ranker, [q["query"] for q in held_out])
    quality = retrieval_quality(ranked_ids(rankings), [set(q["relevant"]) for q in held_out])
    assert quality.precision_at_1 >= 0.99
    # Asked only on close calls.
    assert ranker.second_opinion.asked <= 0.1 * len(held_out)


NEEDS_COVIDQA = pytest.mark.skipif(
    not common.COVIDQA_DIR.exists(), reason="COVID-QA is not beside this checkout"
)


@NEEDS_COVIDQA
def test_covidqa_the_engine_ranks_at_least_as_well_as_mpnet_alone(embedder, second_model):
    # A collection nothing was tuned on: the engine, asking mpnet on close calls, must not fall
    # below the larger model's own cosine on the question.
    faqs, queries = common.covidqa("en")
    records, asked = common.faq_records(faqs), [q["query"] for q in queries]
    relevant = [set(q["relevant"]) for q in queries]
    mpnet = common.question_cosine_ranker(records, second_model)
    mpnet_quality = retrieval_quality(ranked_ids(common.rank_all(mpnet, asked)), relevant)
    engine = common.with_second_opinion(common.ranker_for(records, embedder), second_model)
    engine_quality = retrieval_quality(ranked_ids(common.rank_all(engine, asked)), relevant)
    assert engine_quality.precision_at_1 >= mpnet_quality.precision_at_1
