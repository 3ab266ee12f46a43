"""The editors' review queue: machine-made records nobody has reviewed, by article."""

from dataclasses import dataclass, field

from django.db.models import (
    Case,
    Exists,
    OuterRef,
    Q,
    When,
)

from actors.choices import Side
from core.dates import format_partial_date
from core.models import Origin, ReviewState
from negotiations.missed_sentences import MissedSentence, missed_sentences
from negotiations.models import Offer, RecordLink
from negotiations.records import REVIEW_MODELS
from negotiations.selectors.labels import with_offer_labels
from sources.models import Article, Evidence
from sources.selectors import evidence_citing


# --- the review queue ---------------------------------------------------------------
@dataclass
class ReviewItem:
    record: object
    model_name: str
    evidence: list
    link: object = None  # ingestion's RecordLink: this article reports a record already known
    fields: list = field(default_factory=list)  # (name, value): what ingestion extracted


@dataclass
class ReviewSentence:
    """A quoted span of an article, shown once, with every record it supports."""

    evidence: Evidence  # the first quote of the span, with its context
    items: list[ReviewItem]


@dataclass
class ReviewArticle:
    article: object
    sentences: list[ReviewSentence]
    missed: list[MissedSentence] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        """The id of the article's heading: a decision made there comes back to it."""
        return f"article-{self.article.pk}"

    @property
    def items(self) -> list[ReviewItem]:
        return [item for sentence in self.sentences for item in sentence.items]


def unreviewed_evidence() -> Q:
    """Evidence citing a machine-made record nobody has reviewed yet (any record type)."""
    return evidence_citing(origin=Origin.INGESTION, review_state=ReviewState.UNREVIEWED)


def review_article_list(*, article_id: int | None = None):
    """Articles with machine-made records awaiting review, newest article first."""

    pending = Evidence.objects.filter(article=OuterRef("pk")).filter(unreviewed_evidence())
    articles = (
        Article.objects.filter(Exists(pending)).defer("text").order_by("-published_on", "-id")
    )
    return articles.filter(pk=article_id) if article_id else articles


# What each kind of record needs to show its fields, fetched with it (a constant number of
# queries: a join, or one more query per many-to-many).
_RELATED = {
    "offer": (["offered_by"], ["recipients"]),
    "channel": ([], ["actors"]),
    "indictment": (["authority"], ["defendants"]),
    "event": ([], ["actors"]),
    "position": (["actor"], []),
    "role": (["actor", "organization"], []),
}


def review_queue(*, articles: list) -> list[ReviewArticle]:
    """Each article's unreviewed records grouped by the sentence that supports them, and the
    sentences that read like the domain but support nothing, in a fixed number of queries
    (the evidence, each record type with its parties, the record links, the quoted spans)."""
    texts = dict(Article.objects.filter(pk__in=[a.pk for a in articles]).values_list("pk", "text"))
    # Every quote of these articles in one query: the pending ones make the queue, all of them
    # say which sentences are already quoted.
    quotes = list(
        Evidence.objects.filter(article_id__in=texts)
        .annotate(pending=Case(When(unreviewed_evidence(), then=True), default=False))
        .select_related("content_type", "speaker")
        .order_by("article_id", "start", "id")
    )
    evidence = [item for item in quotes if item.pending]
    wanted: dict[type, set[int]] = {}
    for item in evidence:
        wanted.setdefault(item.content_type.model_class(), set()).add(item.object_id)
    records = {}
    for name, model in REVIEW_MODELS.items():
        if model in wanted:
            joined, prefetched = _RELATED.get(name, ([], []))
            rows = model.objects.filter(pk__in=wanted[model])
            for record in rows.select_related(*joined).prefetch_related(*prefetched):
                records[(model, record.pk)] = (name, record)
    links = {
        (link.article_id, link.content_type_id, link.object_id): link
        for link in RecordLink.objects.filter(article_id__in=texts)
    }
    quoted: dict[int, list[tuple[int, int]]] = {pk: [] for pk in texts}
    for item in quotes:
        quoted[item.article_id].append((item.start, item.end))
    sentences: dict[int, dict] = {a.pk: {} for a in articles}
    items: dict[tuple, ReviewItem] = {}
    for item in evidence:
        name, record = records[(item.content_type.model_class(), item.object_id)]
        key = (item.article_id, name, record.pk)
        if key in items:  # a record quoted twice in one article shows under its first quote
            items[key].evidence.append(item)
            continue
        item.context_before, item.context_after = _context(texts[item.article_id], item)
        sentence = sentences[item.article_id].setdefault(
            (item.start, item.end), ReviewSentence(item, [])
        )
        link = links.get((item.article_id, item.content_type_id, item.object_id))
        items[key] = ReviewItem(record, name, [item], link, extracted_fields(name, record))
        sentence.items.append(items[key])
    return [
        ReviewArticle(
            a,
            list(sentences[a.pk].values()),
            missed_sentences(texts[a.pk], quoted[a.pk]),
        )
        for a in articles
    ]


def extracted_fields(model_name: str, record) -> list[tuple[str, str]]:
    """What ingestion extracted, as (name, value) pairs for one compact row; empty values left out.
    Uses only what review_queue fetched with the record."""
    fields = []
    if hasattr(record, "get_kind_display"):
        fields.append(("kind", record.get_kind_display()))
    if model_name == "role":
        fields.append(("title", record.title))
        started = format_partial_date(record.started_on, record.started_precision)
        fields.append(("date", started or "undated"))
    elif hasattr(record, "date_display"):  # an actor has no date
        fields.append(("date", record.date_display or "undated"))
    parties = _parties(model_name, record) if model_name != "actor" else ""
    if parties:
        fields.append(("parties", parties))
    if hasattr(record, "get_status_display"):
        fields.append(("status", record.get_status_display()))
    amount = getattr(record, "bounty_amount", None)
    if amount is not None:
        fields.append(("amount", f"{amount:,.0f} {record.bounty_currency}"))
    actors = _actors(model_name, record)
    sides = sorted({a.get_side_display() for a in actors if a.side != Side.UNKNOWN})
    if sides:
        fields.append(("side", ", ".join(sides)))
    return fields


def _actors(model_name: str, record) -> list:
    if model_name == "offer":
        return [a for a in [record.offered_by, *record.recipients.all()] if a]
    if model_name in ("channel", "event"):
        return list(record.actors.all())
    if model_name == "indictment":
        return [a for a in [record.authority, *record.defendants.all()] if a]
    if model_name == "position":
        return [record.actor]
    if model_name == "role":
        return [a for a in [record.actor, record.organization] if a]
    if model_name == "actor":
        return [record]
    return []


def _parties(model_name: str, record) -> str:
    """Who, and to whom or against whom, when the kind of record says so."""
    names = ", ".join
    if model_name == "offer":
        to = names(a.name for a in record.recipients.all())
        by = record.offered_by.name if record.offered_by else ""
        return f"{by or '?'} → {to}" if to else by
    if model_name == "indictment":
        against = names(a.name for a in record.defendants.all())
        return f"{record.authority.name} v. {against}" if record.authority else against
    return names(a.name for a in _actors(model_name, record))


CONTEXT_CHARS = 60


def _context(text: str, evidence: Evidence) -> tuple[str, str]:
    """The words around a quoted span, cut at a space (the template escapes all three parts)."""
    before, after = "", ""
    if evidence.start > CONTEXT_CHARS:
        cut = text[evidence.start - CONTEXT_CHARS : evidence.start]
        before = "…" + (cut.split(" ", 1)[1] if " " in cut[:-1] else cut)
    else:
        before = text[: evidence.start]
    if evidence.end + CONTEXT_CHARS < len(text):
        cut = text[evidence.end : evidence.end + CONTEXT_CHARS]
        after = (cut.rsplit(" ", 1)[0] if " " in cut[1:] else cut) + "…"
    else:
        after = text[evidence.end :]
    return before, after


def review_last_decision(entry: dict | None, *, by) -> tuple[str, object] | None:
    """The editor's last confirm or reject that can still be undone (the session keeps which;
    one query, only when there is one, and one more for an offer's label)."""
    if not entry or entry.get("model") not in REVIEW_MODELS:
        return None
    model = REVIEW_MODELS[entry["model"]]
    records = with_offer_labels(model.objects.all()) if model is Offer else model.objects.all()
    record = records.filter(
        pk=entry.get("pk"),
        reviewed_by=by,
        review_state__in=[ReviewState.CONFIRMED, ReviewState.REJECTED],
    ).first()
    return (entry["model"], record) if record else None
