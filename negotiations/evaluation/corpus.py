"""Run ingestion over a corpus-shaped folder and score what it stores against the gold.

A corpus folder holds `articles/NN-slug.txt` with `articles/NN-slug.json` (metadata:
`published`, `title`, ...) and `gold/NN-slug.json` (the five lists). Each article goes
through the same pipeline as any ingestion (submission, extraction, storing) inside a
transaction that is rolled back, so the database is left as it was and no article sees
another (`manage.py evaluate_extraction` also runs it in a throwaway database).
"""

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path

from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from actors.models import Actor
from core.dates import DatePrecision, PartialDate
from core.models import ReviewState
from negotiations.evaluation.scoring import TYPES, Counts, TypeScore, score
from negotiations.ingestion.pipeline import article_ingest
from negotiations.models import Event, Indictment, Offer, TalksChannel
from sources.models import Article, Evidence
from sources.services import article_submit


class CorpusError(ValueError):
    """A corpus folder or one of its files cannot be read."""


@dataclass
class ArticleResult:
    stem: str
    extracted: dict
    scores: dict[str, TypeScore]
    error: str = ""


@dataclass
class CorpusResult:
    articles: list[ArticleResult] = field(default_factory=list)

    def pooled(self) -> dict[str, Counts]:
        totals = {kind: Counts() for kind in TYPES}
        for article in self.articles:
            for kind, type_score in article.scores.items():
                totals[kind] += type_score.counts
        return totals


def iso(date: PartialDate | None) -> str | None:
    """A partial date as the corpus writes it: YYYY, YYYY-MM or YYYY-MM-DD."""
    if date is None:
        return None
    width = {DatePrecision.YEAR: 4, DatePrecision.MONTH: 7, DatePrecision.DAY: 10}
    return date.start.isoformat()[: width[date.precision]]


def corpus_stems(folder: Path) -> list[str]:
    articles = folder / "articles"
    if not articles.is_dir():
        raise CorpusError(f"{folder} has no articles/ folder.")
    stems = sorted(p.stem for p in articles.glob("*.txt"))
    if not stems:
        raise CorpusError(f"{articles} holds no .txt files.")
    return stems


def _read_json(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CorpusError(f"{path.name}: {exc}") from exc
    if not isinstance(data, dict):
        raise CorpusError(f"{path.name}: expected a JSON object.")
    return data


def evaluate_corpus(folder: Path) -> CorpusResult:
    result = CorpusResult()
    for stem in corpus_stems(folder):
        gold_file = folder / "gold" / f"{stem}.json"
        gold = _read_json(gold_file) if gold_file.exists() else {}
        meta = _read_json(folder / "articles" / f"{stem}.json")
        text = (folder / "articles" / f"{stem}.txt").read_text(encoding="utf-8")
        extracted, error = evaluate_text(text, meta)
        result.articles.append(ArticleResult(stem, extracted, score(gold, extracted), error))
    return result


def evaluate_text(text: str, meta: dict) -> tuple[dict, str]:
    """What ingestion stores for one text, in the five-list shape; nothing is kept."""
    try:
        published = dt.date.fromisoformat(str(meta.get("published")))
    except ValueError as exc:
        raise CorpusError(f"'published' is not a date (YYYY-MM-DD): {exc}") from exc
    with transaction.atomic():
        article = article_submit(
            text=text,
            published_on=published,
            title=str(meta.get("title") or ""),
        ).article
        status = article_ingest(article_id=article.pk)
        article.refresh_from_db(fields=["error"])
        extracted = export_article(article)
        transaction.set_rollback(True)
    return extracted, article.error if status != "done" else ""


def _stored(records, article: Article):
    """The records (of a queryset) that this article gave evidence for, not rejected."""
    content_type = ContentType.objects.get_for_model(records.model)
    evidence = Evidence.objects.filter(content_type=content_type, article=article)
    quotes: dict[int, str] = {}
    for object_id, quote in evidence.order_by("start").values_list("object_id", "quote"):
        quotes.setdefault(object_id, quote)
    records = records.filter(pk__in=quotes).exclude(review_state=ReviewState.REJECTED)
    return [(record, quotes[record.pk]) for record in records.order_by("pk")]


def _actor(actor: Actor | None) -> dict | None:
    if actor is None:
        return None
    aliases = sorted({a.name for a in actor.aliases.all()} - {actor.name})
    return {"name": actor.name, "aliases": aliases, "kind": actor.kind}


def export_article(article: Article) -> dict:
    """The article's stored records in the corpus's five-list shape (with each one's quote)."""
    actors = [
        {**_actor(actor), "quote": quote}
        for actor, quote in _stored(Actor.objects.prefetch_related("aliases"), article)
    ]
    indictments = [
        {
            "defendants": [_actor(a) for a in record.defendants.all()],
            "authority": record.authority.name if record.authority else None,
            "charges": record.charges,
            "date": iso(record.partial_date),
            "bounty_usd": int(record.bounty_amount)
            if record.bounty_amount and record.bounty_currency == "USD"
            else None,
            "quote": quote,
        }
        for record, quote in _stored(
            Indictment.objects.prefetch_related("defendants__aliases"), article
        )
    ]
    offers = [
        {
            "offered_by": _actor(record.offered_by),
            "offered_to": [_actor(a) for a in record.recipients.all()],
            "terms": [record.terms],
            "conditions": record.conditions or None,
            "status": record.status.replace("_", " "),
            "date": iso(record.partial_date),
            "quote": quote,
        }
        for record, quote in _stored(Offer.objects.prefetch_related("recipients__aliases"), article)
    ]
    channels = []
    for record, quote in _stored(TalksChannel.objects.all(), article):
        links = list(record.participants.select_related("actor"))
        channels.append(
            {
                "name": record.name,
                "participants": [_actor(p.actor) for p in links if p.role == "participant"],
                "mediators": [_actor(p.actor) for p in links if p.role == "mediator"],
                "venue_or_mode": ", ".join(
                    v for v in (record.venue, record.get_mode_display()) if v
                ),
                "status": record.status,
                "date": iso(record.partial_date),
                "quote": quote,
            }
        )
    events = [
        {
            "date": iso(record.partial_date),
            "date_precision": record.occurred_precision,
            "summary": record.title,
            "status": record.status,
            "quote": quote,
        }
        for record, quote in _stored(Event.objects.all(), article)
    ]
    return {
        "actors": actors,
        "indictments": indictments,
        "offers": offers,
        "talks_channels": channels,
        "events": events,
    }
