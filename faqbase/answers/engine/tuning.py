"""The engine's tuned constants, each chosen by a measurement that can be re-run.

- Weights: `python benchmarks/retrieval.py --sweep` compares the fusions on StackFAQ's dev
  split, with and without alternative phrasings (see docs/answer-engine.md).
- Calibration: `python benchmarks/calibrate.py` fits the logistic model on StackFAQ's dev
  split plus off-topic questions, and picks the threshold at which at least 97 % of the
  answers called confident are right.
- The second opinion's rule, used only where a second model is configured:
  `python benchmarks/second_opinion.py --model PATH` with all-mpnet-base-v2, on StackFAQ's dev
  split and the demo's questions (the same questions it is reported on: tuned figures); the
  confidence floor also with `benchmarks/ask_latency.py --second-opinion PATH`, the highest
  that kept P@1 while 100,000 FAQs asked the larger model least.
"""

from .confidence import Calibration
from .ranker import RankingWeights, SpellingRule
from .second_opinion import SecondOpinionRule

DEFAULT_WEIGHTS = RankingWeights(
    centroid=1.0, answer=0.0, lexical=0.1, lexical_saturation=10.0, token=0.75, rerank_depth=5
)

DEFAULT_CALIBRATION = Calibration(top_weight=7.09, margin_weight=9.00, bias=-3.26, threshold=0.87)

DEFAULT_SECOND_OPINION = SecondOpinionRule(
    gap=0.04, weight=1.0, same_question=0.7, confidence_floor=0.6
)

DEFAULT_SPELLING = SpellingRule(combine="max", confidence="combined")
