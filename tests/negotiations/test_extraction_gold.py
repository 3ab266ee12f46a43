"""Extraction scored against gold files written by reading the articles."""

import datetime as dt
import json
from pathlib import Path

from django.db import transaction

from negotiations.ingestion.pipeline import article_ingest
from sources.services import article_submit
from tests.negotiations.gold import DATA, score_article

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "sample_data" / "articles" / "2024-08-11-wsj-secret-talks-amnesty.txt"
WIRES = sorted((DATA / "articles").glob("*.txt"))
MIN_RECALL = {"actors": 0.9}
DEFAULT_MIN_RECALL = 0.8
MIN_PRECISION = 0.8


def ingest_file(path: Path):
    meta = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    article = article_submit(
        text=path.read_text(encoding="utf-8"),
        published_on=dt.date.fromisoformat(meta["published"]),
        title=meta.get("title", ""),
    ).article
    assert article_ingest(article_id=article.pk) == "done"
    return article


def _report(stem: str, scores) -> list[str]:
    print(f"\n{stem}")
    failures = []
    for kind, score in scores.items():
        print(f"  {score}")
        if score.recall < MIN_RECALL.get(kind, DEFAULT_MIN_RECALL):
            failures.append(f"{kind} recall {score.recall:.2f}")
        if score.precision < MIN_PRECISION:
            failures.append(f"{kind} precision {score.precision:.2f}")
    return failures


def test_the_sample_article_meets_the_gold(db):
    ingest_file(SAMPLE)
    failures = _report(SAMPLE.stem, score_article(SAMPLE.stem))
    assert not failures, failures


# Generalisation floors. The sample's bars above hold per type; on wire reports the
# extractor was not built on, actors must meet the same bar, while the other types are
# held to a pooled floor that records where the rules stand today (see issue 3's note).
WIRE_ACTOR_FLOOR = 0.8
WIRE_FACTS_MIN_PRECISION = 0.6
WIRE_FACTS_MIN_RECALL = 0.4


def test_extraction_generalises_to_wire_reports_it_was_not_built_on(db):
    pooled = {"extracted": 0, "matched": 0, "required": 0, "found": 0}
    failures = []
    for path in WIRES:
        with transaction.atomic():  # each article scored alone, then rolled back
            ingest_file(path)
            scores = score_article(path.stem)
            transaction.set_rollback(True)
        _report(path.stem, scores)
        actors = scores.pop("actors")
        if actors.recall < WIRE_ACTOR_FLOOR or actors.precision < WIRE_ACTOR_FLOOR:
            failures.append(f"{path.stem}: {actors}")
        for score in scores.values():
            pooled["extracted"] += score.extracted
            pooled["matched"] += score.matched_extracted
            pooled["required"] += score.required
            pooled["found"] += score.matched_required
    precision = pooled["matched"] / pooled["extracted"]
    recall = pooled["found"] / pooled["required"]
    print(f"\nwire reports, facts pooled: precision {precision:.2f} recall {recall:.2f}")
    assert len(WIRES) >= 3
    assert not failures, failures
    assert precision >= WIRE_FACTS_MIN_PRECISION
    assert recall >= WIRE_FACTS_MIN_RECALL
