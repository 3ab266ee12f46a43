"""Corroboration and confidence: how many distinct sources support a record, and how sure
that makes us, with the reason in one line ("3 sources, one on the record: high").

The rules, which the page /about/confidence/ states for readers (from SOURCE_RULES and
LEVEL_RULES below, so the two cannot drift apart):

Sources. A record's quotes are grouped into sources, each counted once however often
it is quoted:
- a quote from an article is its publisher's, the name compared ignoring case, spacing
  and a leading "The"; an article without a publisher is its web site's, and articles
  with neither count together as one unnamed publisher (nothing tells them apart);
- a quote found at a URL is that web site's (its host, without "www.");
- an editor's note is the editors': every note, by any editor, is one source.
Two quotes share a source when they share a publisher or a web site, so an article of
a publisher and a quote from that publisher's site are one source.

On the record. A source is on the record when one of its quotes is from a named speaker
or an official statement (Attribution.NAMED, OFFICIAL). The publication's own voice,
anonymous people ("three people familiar with ...") and editors' notes are not. Several
anonymous people cited by one publication are one source: a reader cannot check that
they are independent.

Level.
- high: two or more sources, at least one of them on the record;
- medium: two or more sources none on the record, or a single source on the record;
- low: a single source not on the record, or none.
An editor's confirmation (review state confirmed or corrected) is said in the reason and
changes neither the count nor the level: the editor checked what the sources say, which
is not more sources saying it.

The quotes are those the record had as of the date viewed (the selectors'
`evidence_prefetch`), so the confidence as of a date is what its sources supported then.
The selectors prefetch them for every list, so this adds no query to any page or list.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.db import models

from core.models import ReviewState
from sources.choices import Attribution


class ConfidenceLevel(models.TextChoices):
    HIGH = "high", "High"
    MEDIUM = "medium", "Medium"
    LOW = "low", "Low"


ON_THE_RECORD = frozenset({Attribution.NAMED, Attribution.OFFICIAL})
EDITOR_CONFIRMED = frozenset({ReviewState.CONFIRMED, ReviewState.CORRECTED})

SOURCE_RULES = (
    "A quote from an article counts for the article's publisher; several quotes from "
    "one article, or from several articles of one publisher, count once.",
    "An article without a publisher counts for its web site; articles with neither count "
    "together as one unnamed publisher, since nothing tells them apart.",
    "A quote found at a web address counts for that web site, so a publisher's article "
    "and a quote from its site are one source.",
    "Editors' notes count together as one source: the editors.",
    "A source is on the record when it quotes a named speaker or an official statement. "
    "The publication's own voice, anonymous people and editors' notes are not; several "
    "anonymous people cited by one publication are still one source.",
)

LEVEL_RULES = (
    (ConfidenceLevel.HIGH, "Two or more sources, at least one of them on the record."),
    (
        ConfidenceLevel.MEDIUM,
        "Two or more sources none of them on the record, or a single source on the record.",
    ),
    (ConfidenceLevel.LOW, "A single source not on the record, or no source at all."),
)


@dataclass(frozen=True)
class Quote:
    """What the rules read of one piece of evidence."""

    article_id: int | None
    publisher: str
    article_url: str
    url: str
    attribution: str


@dataclass(frozen=True)
class Confidence:
    """A record's corroboration (its distinct sources, by name) and the level it gives."""

    level: str
    reason: str
    sources: tuple[str, ...]  # each source's name, in the order first quoted
    on_record: int  # how many of them are on the record

    @property
    def sources_count(self) -> int:
        return len(self.sources)

    @property
    def level_label(self) -> str:
        return ConfidenceLevel(self.level).label


def confidence_of(evidence: Iterable, *, review_state: str = "") -> Confidence:
    """From Evidence rows whose article is loaded (select_related, as the selectors do)."""
    quotes = []
    for item in evidence:
        article = item.article if item.article_id else None
        quotes.append(
            Quote(
                article_id=item.article_id,
                publisher=article.publisher if article else "",
                article_url=article.url if article else "",
                url=item.url,
                attribution=item.attribution,
            )
        )
    return confidence_from_quotes(quotes, review_state=review_state)


def confidence_of_values(rows: Iterable[dict], *, review_state: str = "") -> Confidence:
    """From evidence as dicts with article_id, article__publisher, article__url, url and
    attribution (selectors.EVIDENCE_VALUES)."""
    quotes = [
        Quote(
            article_id=row["article_id"],
            publisher=row["article__publisher"] or "",
            article_url=row["article__url"] or "",
            url=row["url"],
            attribution=row["attribution"],
        )
        for row in rows
    ]
    return confidence_from_quotes(quotes, review_state=review_state)


def confidence_from_quotes(quotes: Iterable[Quote], *, review_state: str = "") -> Confidence:
    """The rules of the module's docstring."""
    groups = _Groups()
    for quote in quotes:
        keys = _keys(quote)
        # An editor's note is never on the record, whatever attribution it was given.
        attribution = Attribution.EDITOR if keys == [_EDITORS] else quote.attribution
        groups.add(keys, name=_name(quote), attribution=attribution)
    sources = groups.sources()
    on_record = sum(1 for source in sources if source.attributions & ON_THE_RECORD)
    count = len(sources)
    if count >= 2 and on_record:
        level = ConfidenceLevel.HIGH
    elif count >= 2 or on_record:
        level = ConfidenceLevel.MEDIUM
    else:
        level = ConfidenceLevel.LOW
    reason = _reason(sources, on_record)
    if review_state in EDITOR_CONFIRMED:
        reason += ", confirmed by an editor"
    return Confidence(
        level=level.value,
        reason=f"{reason}: {level.value}",
        sources=tuple(source.name for source in sources),
        on_record=on_record,
    )


# --- the rules' pieces -------------------------------------------------------------
_EDITORS = "editors"
_UNNAMED = "unnamed publisher"


def publisher_key(publisher: str) -> str:
    """'The  Daily Ledger' and 'daily ledger' are one publisher."""
    name = " ".join(publisher.split()).casefold()
    return re.sub(r"^the ", "", name)


def host_key(url: str) -> str:
    """A URL's web site: its host without 'www.'; the URL itself if it has no host."""
    try:
        host = urlsplit(url.strip()).hostname or ""
    except ValueError:
        host = ""
    host = host.removeprefix("www.")
    return host or url.strip().casefold()


def _keys(quote: Quote) -> list[str]:
    """The names a quote's source goes by: a quote shares a source with any other quote
    sharing one of them."""
    if quote.article_id is not None:
        keys = []
        if quote.publisher.strip():
            keys.append("publisher:" + publisher_key(quote.publisher))
        if quote.article_url.strip():
            keys.append("site:" + host_key(quote.article_url))
        return keys or [_UNNAMED]
    if quote.url.strip():
        return ["site:" + host_key(quote.url)]
    return [_EDITORS]


def _name(quote: Quote) -> str:
    """A source's name as readers see it."""
    if quote.article_id is not None:
        if quote.publisher.strip():
            return " ".join(quote.publisher.split())
        if quote.article_url.strip():
            return host_key(quote.article_url)
        return "an unnamed publisher"
    if quote.url.strip():
        return host_key(quote.url)
    return "the editors"


@dataclass(frozen=True)
class _Source:
    name: str
    attributions: frozenset[str]
    is_editors: bool


class _Groups:
    """Quotes joined into sources by the names they share (a small union-find)."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}
        self.first: list[tuple[str, str]] = []  # (a key of a source, its name), first seen
        self.attributions: dict[str, set[str]] = {}

    def _root(self, key: str) -> str:
        while self.parent[key] != key:
            self.parent[key] = self.parent[self.parent[key]]
            key = self.parent[key]
        return key

    def add(self, keys: list[str], *, name: str, attribution: str) -> None:
        if all(key not in self.parent for key in keys):
            self.first.append((keys[0], name))
        for key in keys:
            self.parent.setdefault(key, key)
        root = self._root(keys[0])
        for key in keys[1:]:
            other = self._root(key)
            if other != root:
                self.parent[other] = root
                self.attributions.setdefault(root, set()).update(
                    self.attributions.pop(other, set())
                )
        self.attributions.setdefault(root, set()).add(attribution)

    def sources(self) -> list[_Source]:
        """Each source once, named as first quoted, in the order first quoted."""
        seen: dict[str, tuple[str, str]] = {}
        for key, name in self.first:
            seen.setdefault(self._root(key), (key, name))
        return [
            _Source(name, frozenset(self.attributions[root]), key == _EDITORS)
            for root, (key, name) in seen.items()
        ]


def _reason(sources: list[_Source], on_record: int) -> str:
    count = len(sources)
    if count == 0:
        return "No source quoted"
    if on_record:
        if count == 1:
            return "1 source, on the record"
        which = "all" if on_record == count else ("one" if on_record == 1 else str(on_record))
        return f"{count} sources, {which} on the record"
    if all(source.attributions == {Attribution.ANONYMOUS} for source in sources):
        return "1 anonymous source" if count == 1 else f"{count} anonymous sources"
    if count == 1 and sources[0].is_editors:
        return "1 source, an editor's note"
    return f"{count} source{'s' if count > 1 else ''}, none on the record"


# --- worked examples, shown on /about/confidence/ with what the rules make of them ------
def _article(n: int, publisher: str, attribution: str) -> Quote:
    return Quote(n, publisher, "", "", attribution)


EXAMPLES: tuple[tuple[str, tuple[Quote, ...]], ...] = (
    (
        "One article citing “two people familiar with the talks”",
        (_article(1, "Daily Ledger", Attribution.ANONYMOUS),),
    ),
    (
        "Two quotes from that same article, both anonymous",
        (
            _article(1, "Daily Ledger", Attribution.ANONYMOUS),
            _article(1, "Daily Ledger", Attribution.ANONYMOUS),
        ),
    ),
    (
        "One article in its own voice, and a second article by the same publisher",
        (
            _article(1, "Daily Ledger", Attribution.PUBLICATION),
            _article(2, "The Daily Ledger", Attribution.PUBLICATION),
        ),
    ),
    (
        "One article quoting a named minister",
        (_article(1, "Daily Ledger", Attribution.NAMED),),
    ),
    (
        "Two publishers, both citing anonymous officials",
        (
            _article(1, "Daily Ledger", Attribution.ANONYMOUS),
            _article(2, "Harbour Times", Attribution.ANONYMOUS),
        ),
    ),
    (
        "Three publishers, one of them quoting a named spokesperson",
        (
            _article(1, "Daily Ledger", Attribution.ANONYMOUS),
            _article(2, "Harbour Times", Attribution.PUBLICATION),
            _article(3, "Evening Courier", Attribution.NAMED),
        ),
    ),
    (
        "An official statement at a ministry's web address, and an editor's note",
        (
            Quote(None, "", "", "https://www.ministry.example/statement", Attribution.OFFICIAL),
            Quote(None, "", "", "", Attribution.EDITOR),
        ),
    ),
)


def examples() -> list[tuple[str, Confidence]]:
    """EXAMPLES with the confidence the rules give each."""
    return [(text, confidence_from_quotes(quotes)) for text, quotes in EXAMPLES]
