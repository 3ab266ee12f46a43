"""Extraction measured on the real corpus: floors that only go up, and a scorer that
counts as the corpus's reference scorer does."""

import importlib.util
import itertools
import json
from pathlib import Path

import pytest

from negotiations.evaluation.corpus import evaluate_corpus
from negotiations.evaluation.scoring import TYPES, score

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "data" / "corpus"
REFERENCE = ROOT.parent / "shared" / "corpus" / "score.py"

# Pooled over the corpus: (F1, precision) floors per type. A ratchet: raise them as
# extraction improves, never lower them.
FLOORS = {
    "actors": (0.89, 0.86),
    "indictments": (0.79, 0.99),
    "offers": (0.82, 0.82),
    "talks_channels": (0.92, 0.99),
    "events": (0.85, 0.81),
}


def _reference():
    if not REFERENCE.exists():
        pytest.skip(f"The corpus's reference scorer is not here ({REFERENCE}).")
    spec = importlib.util.spec_from_file_location("corpus_score", REFERENCE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.score


def _golds() -> dict[str, dict]:
    return {
        p.stem: json.loads(p.read_text(encoding="utf-8"))
        for p in sorted((CORPUS / "gold").glob("*.json"))
    }


def _counts(ours) -> dict:
    return {k: (s.counts.gold, s.counts.extracted, s.counts.matched) for k, s in ours.items()}


def _reference_counts(theirs) -> dict:
    return {k: (v["gold"], v["extracted"], v["matched"]) for k, v in theirs.items()}


def test_the_scorer_counts_as_the_reference_scorer_on_every_pair_of_gold_files():
    reference = _reference()
    golds = list(_golds().values())
    assert len(golds) >= 12
    for gold, other in itertools.product(golds, repeat=2):
        assert _counts(score(gold, other)) == _reference_counts(reference(gold, other))


def test_extraction_on_the_corpus_holds_its_floors(db):
    result = evaluate_corpus(CORPUS)
    assert [a.stem for a in result.articles if a.error] == []
    pooled = result.pooled()
    for kind in TYPES:
        counts = pooled[kind]
        print(f"{kind:<16} P {counts.precision:.2f} R {counts.recall:.2f} F1 {counts.f1:.2f}")
    below = {
        kind: (round(pooled[kind].f1, 3), round(pooled[kind].precision, 3))
        for kind, (f1, precision) in FLOORS.items()
        if pooled[kind].f1 < f1 or pooled[kind].precision < precision
    }
    assert below == {}, f"below the floors {FLOORS}: {below}"
    if REFERENCE.exists():
        reference, golds = _reference(), _golds()
        for article in result.articles:
            expected = _reference_counts(reference(golds[article.stem], article.extracted))
            assert _counts(article.scores) == expected, article.stem
