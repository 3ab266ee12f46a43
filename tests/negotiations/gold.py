"""Scores stored records against a hand-written gold file, per record type."""

import json
import re
from dataclasses import dataclass
from pathlib import Path

from actors.models import Actor
from actors.normalize import normalize_name
from negotiations.models import Event, Indictment, Offer, Position, TalksChannel

DATA = Path(__file__).resolve().parents[1] / "data"
STANDING = {"proposed", "under_discussion"}
_STOP = {"the", "a", "an", "to", "of", "and", "in", "on", "for", "that", "he", "his", "s", "its"}


@dataclass
class Score:
    kind: str
    extracted: int
    required: int
    matched_required: int
    matched_extracted: int

    @property
    def recall(self) -> float:
        return self.matched_required / self.required if self.required else 1.0

    @property
    def precision(self) -> float:
        return self.matched_extracted / self.extracted if self.extracted else 1.0

    def __str__(self) -> str:
        return (
            f"{self.kind:<12} precision {self.precision:.2f} ({self.matched_extracted}/"
            f"{self.extracted})  recall {self.recall:.2f} ({self.matched_required}/{self.required})"
        )


def load_gold(stem: str) -> dict:
    return json.loads((DATA / "gold" / f"{stem}.json").read_text(encoding="utf-8"))


def _names(values) -> set[str]:
    return {normalize_name(v) for v in values if v} - {""}


def _gold_alias_sets(gold: dict) -> dict[str, set[str]]:
    """Every gold alias → the alias set of its actor, to compare actors by any spelling."""
    sets = {}
    for actor in gold["actors"]:
        names = _names([actor["name"], *actor["aliases"]])
        for name in names:
            sets[name] = names
    return sets


def _actor_names(actor: Actor | None) -> set[str]:
    if actor is None:
        return set()
    return _names([actor.name, *(a.name for a in actor.aliases.all())])


def _same_actor(gold_name: str, actor_names: set[str], alias_sets) -> bool:
    return bool(
        alias_sets.get(normalize_name(gold_name), {normalize_name(gold_name)}) & actor_names
    )


def _period(date: str | None):
    import datetime as dt

    from core.dates import DatePrecision, PartialDate

    if not date:
        return None
    parts = [int(p) for p in date.split("-")]
    precision = [DatePrecision.YEAR, DatePrecision.MONTH, DatePrecision.DAY][len(parts) - 1]
    return PartialDate(dt.date(parts[0], *(parts[1:] + [1] * (3 - len(parts)))), precision)


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z]+", (text or "").lower().replace("’", "'"))) - _STOP


def _score(kind: str, gold_items: list, extracted: list, matches) -> Score:
    required = [g for g in gold_items if not g.get("optional")]
    optional = [g for g in gold_items if g.get("optional")]
    used: set[int] = set()
    matched_required = 0
    for group in (required, optional):
        for gold in group:
            for index, record in enumerate(extracted):
                if index not in used and matches(gold, record):
                    used.add(index)
                    matched_required += group is required
                    break
    return Score(kind, len(extracted), len(required), matched_required, len(used))


def score_article(stem: str) -> dict[str, Score]:
    """Scores of everything ingestion stored (the database holds one article's records)."""
    gold = load_gold(stem)
    aliases = _gold_alias_sets(gold)
    actors = list(Actor.objects.prefetch_related("aliases"))
    names = {a.pk: _actor_names(a) for a in actors}

    def actor_match(g, actor):
        return bool(_names([g["name"], *g["aliases"]]) & names[actor.pk])

    def people(record_names, gold_list):
        return any(_same_actor(n, record_names, aliases) for n in gold_list or [])

    def offer_match(g, offer):
        same_status = g["status"] == offer.status or {g["status"], offer.status} <= STANDING
        return g["kind"] == offer.kind and same_status

    def indictment_match(g, indictment):
        defendants = set().union(*(names[d.pk] for d in indictment.defendants.all()))
        return people(defendants, g["defendants"])

    def channel_match(g, channel):
        if g.get("venue"):
            return normalize_name(g["venue"]) == normalize_name(channel.venue)
        members = set().union(set(), *(names[p.actor_id] for p in channel.participants.all()))
        return g["mode"] == channel.mode and (
            people(members, g["participants"]) or people(members, g["mediators"])
        )

    def event_match(g, event):
        if g["kind"] != event.kind or (g["status"] == "scheduled") != (event.status == "scheduled"):
            return False
        period = _period(g.get("date"))
        return period is None or (
            period.start <= event.partial_date.end and event.partial_date.start <= period.end
        )

    def position_match(g, position):
        if not _same_actor(g["actor"], names[position.actor_id], aliases):
            return False
        wanted = _words(g["stance"])
        found = _words(position.stance + " " + position.condition)
        return len(wanted & found) >= max(1, len(wanted) // 4)

    return {
        "actors": _score("actors", gold["actors"], actors, actor_match),
        "indictments": _score(
            "indictments",
            gold["indictments"],
            list(Indictment.objects.prefetch_related("defendants")),
            indictment_match,
        ),
        "offers": _score("offers", gold["offers"], list(Offer.objects.all()), offer_match),
        "channels": _score(
            "channels",
            gold["channels"],
            list(TalksChannel.objects.prefetch_related("participants")),
            channel_match,
        ),
        "events": _score("events", gold["events"], list(Event.objects.all()), event_match),
        "positions": _score(
            "positions", gold["positions"], list(Position.objects.all()), position_match
        ),
    }
