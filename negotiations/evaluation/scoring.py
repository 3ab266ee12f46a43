"""The corpus's scoring rules (its README, "Scoring"): lenient on wording, strict on substance.

Both sides are in the corpus's five-list shape. Each gold item matches at most one
extracted item, first come first served; precision is matched over extracted, recall
matched over gold, per type, and corpus figures pool the counts over files.
"""

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from difflib import SequenceMatcher

TYPES = ("actors", "indictments", "offers", "talks_channels", "events")

_STOP = {"a", "an", "the", "of", "and", "or", "to", "in", "on", "for", "by", "with", "at", "from",
         "as", "is", "was", "were", "be", "been", "has", "had", "have", "that", "this", "it", "its",
         "his", "her", "their", "he", "she", "they", "we", "our", "said", "says", "would", "could",
         "will", "not", "no", "into", "over", "than", "more", "most", "about", "after", "before",
         "against", "between", "during", "under"}  # fmt: skip
# A name with one of these words is an institution, never a person: "Maduro" is not
# "the Maduro government".
_INSTITUTIONAL = {"government", "administration", "department", "ministry", "council", "court",
                  "office", "platform", "party", "congress", "assembly", "military", "army",
                  "commission", "agency", "regime", "opposition", "delegation",
                  "embassy"}  # fmt: skip


def fold(text: str | None) -> str:
    """Case, accents, punctuation, possessives, 'the' and 'United States'/'U.S.' folded away."""
    text = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode().lower()
    text = re.sub(r"[’'`]s\b", "", text)
    text = re.sub(r"[^a-z0-9 ]+", " ", text)
    text = re.sub(r"\bunited states( of america)?\b", "us", text)
    text = re.sub(r"\b(the|u s|us)\b", lambda m: "" if m.group(0) == "the" else "us", text)
    return " ".join(text.split())


def _names(actor) -> set[str]:
    """Every folded name of an actor given as a string or as {name, aliases}."""
    if isinstance(actor, str):
        names = {fold(actor)}
    else:
        names = {fold(actor.get("name"))} | {fold(a) for a in actor.get("aliases") or []}
    return names - {""}


def _same_name(first: set[str], second: set[str]) -> bool:
    for x in first:
        for y in second:
            if x == y or SequenceMatcher(None, x, y).ratio() >= 0.9:
                return True
            wx, wy = set(x.split()), set(y.split())
            shared = wx & wy
            if (
                (wx <= wy or wy <= wx)
                and shared
                and max(len(w) for w in shared) >= 4
                and bool(wx & _INSTITUTIONAL) == bool(wy & _INSTITUTIONAL)
            ):
                return True
    return False


def _content_words(text: str | None) -> set[str]:
    return {w for w in fold(text).split() if w not in _STOP and len(w) > 2}


def _as_list(value) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _shared_actors(first, second) -> int:
    theirs = [_names(a) for a in _as_list(second)]
    return sum(1 for a in _as_list(first) if any(_same_name(_names(a), b) for b in theirs))


def _same_date(gold, extracted) -> bool:
    """Agreement at the gold's precision; a coarser extracted date agrees with its period."""
    if not gold or not extracted:
        return not gold and not extracted
    gold, extracted = str(gold), str(extracted)
    return extracted.startswith(gold) or gold.startswith(extracted[: len(gold)])


def _actor(gold: dict, extracted: dict) -> bool:
    return _same_name(_names(gold), _names(extracted))


def _indictment(gold: dict, extracted: dict) -> bool:
    return _shared_actors(gold.get("defendants"), extracted.get("defendants")) >= 1


def _offer(gold: dict, extracted: dict) -> bool:
    makers = _names(gold.get("offered_by") or ""), _names(extracted.get("offered_by") or "")
    if not _same_name(*makers):
        return False
    terms = _content_words(" ".join(_as_list(gold.get("terms")))) & _content_words(
        " ".join(_as_list(extracted.get("terms")))
    )
    return _shared_actors(gold.get("offered_to"), extracted.get("offered_to")) >= 1 or bool(terms)


def _channel(gold: dict, extracted: dict) -> bool:
    shared = _shared_actors(
        _as_list(gold.get("participants")) + _as_list(gold.get("mediators")),
        _as_list(extracted.get("participants")) + _as_list(extracted.get("mediators")),
    )
    venue = _content_words(gold.get("venue_or_mode")) & _content_words(
        extracted.get("venue_or_mode")
    )
    return shared >= 2 or (shared == 1 and bool(venue))


def _event(gold: dict, extracted: dict) -> bool:
    return _same_date(gold.get("date"), extracted.get("date")) and bool(
        _content_words(gold.get("summary")) & _content_words(extracted.get("summary"))
    )


MATCHERS: dict[str, Callable[[dict, dict], bool]] = {
    "actors": _actor,
    "indictments": _indictment,
    "offers": _offer,
    "talks_channels": _channel,
    "events": _event,
}


@dataclass
class Counts:
    gold: int = 0
    extracted: int = 0
    matched: int = 0

    def __iadd__(self, other: "Counts") -> "Counts":
        self.gold += other.gold
        self.extracted += other.extracted
        self.matched += other.matched
        return self

    @property
    def precision(self) -> float:
        if not self.extracted:
            return 1.0 if not self.gold else 0.0
        return self.matched / self.extracted

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class TypeScore:
    counts: Counts
    missed: list[dict]  # gold items nothing matched
    unmatched: list[dict]  # extracted items that matched no gold item


def _scored_lists(kind: str, gold: list[dict], extracted: list[dict]):
    """The lists that count: unnamed gold actors, and what matches only them, are left out."""
    if kind != "actors":
        return gold, extracted
    named = [a for a in gold if not a.get("unnamed")]
    unnamed = [a for a in gold if a.get("unnamed")]
    extracted = [
        e
        for e in extracted
        if not e.get("unnamed")
        and (any(_actor(g, e) for g in named) or not any(_actor(g, e) for g in unnamed))
    ]
    return named, extracted


def score_type(kind: str, gold: list[dict], extracted: list[dict]) -> TypeScore:
    gold, extracted = _scored_lists(kind, gold, extracted)
    match = MATCHERS[kind]
    used: set[int] = set()
    missed = []
    for item in gold:
        hit = next((i for i, e in enumerate(extracted) if i not in used and match(item, e)), None)
        if hit is None:
            missed.append(item)
        else:
            used.add(hit)
    unmatched = [e for i, e in enumerate(extracted) if i not in used]
    return TypeScore(Counts(len(gold), len(extracted), len(used)), missed, unmatched)


def score(gold: dict, extracted: dict) -> dict[str, TypeScore]:
    return {kind: score_type(kind, gold.get(kind, []), extracted.get(kind, [])) for kind in TYPES}
