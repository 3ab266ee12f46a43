"""An event as the API writes it, assembled from plain values (selectors.event_values).

The one place an event becomes JSON: EventSerializer (lists, details, the state's latest
events, writes' answers) calls `events_json` and takes its field order and schema from
its own declaration. Plain values, not model instances through DRF's per-field
machinery: that path cost most of a 50-event page's time.
"""

import datetime as dt
from decimal import Decimal

from django.utils import timezone
from rest_framework.serializers import DecimalField

from actors.models import Actor
from core.api.serializers import api_url
from core.dates import format_partial_date
from core.models import shown
from negotiations.api.claims import disagreements_json
from negotiations.confidence import confidence_of_values
from negotiations.models import Event, Indictment, Offer, TalksChannel
from negotiations.selectors import (
    EVENT_VALUES,
    EVIDENCE_VALUES,
    disagreements_of,
    event_claims,
    event_relations,
)
from negotiations.selectors.labels import with_offer_labels
from sources.models import Article, attribution_text


def _datetime(value: dt.datetime | None, zone) -> str | None:
    """As DRF's DateTimeField writes it: ISO 8601 in the current time zone, UTC as 'Z'."""
    if value is None:
        return None
    text = value.astimezone(zone).isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def _date(value: dt.date | None) -> str | None:
    return None if value is None else value.isoformat()


# As EventSerializer writes the model's decimal field: a string at its decimal places.
_BOUNTY = Event._meta.get_field("bounty_amount")
_decimal_field = DecimalField(max_digits=_BOUNTY.max_digits, decimal_places=_BOUNTY.decimal_places)


def _decimal(value: Decimal | None) -> str | None:
    return None if value is None else _decimal_field.to_representation(value)


class _Links:
    """`{id, url, name}` for related records, each built once per response; nothing for
    a record an editor rejected (as LinkSerializer).

    The name is `label` when given (an offer's, see _offer_labels), else the model's own
    `__str__`, on an instance holding just the fields it reads.
    """

    def __init__(self, request):
        self.request = request
        self.made = {}

    def __call__(self, model, pk, review_state, label=None, **fields) -> dict | None:
        if pk is None:
            return None
        key = (model, pk)
        if key not in self.made:
            # Unusual on purpose: a bare instance, as __str__ and `shown` read attributes
            # only. Model.__init__ sets every field's default (about 150 µs against 6 µs
            # here, measured on this machine), a tenth of a 50-event page's time.
            record = model.__new__(model)
            record.__dict__.update(id=pk, review_state=review_state, **fields)
            self.made[key] = (
                None
                if shown(record) is None
                else {
                    "id": pk,
                    "url": api_url(self.request, model._meta.model_name, pk),
                    "name": label or str(record),
                }
            )
        return self.made[key]


def _evidence(row: dict, link: _Links, request) -> dict:
    speaker = link(
        Actor, row["speaker_id"], row["speaker__review_state"], name=row["speaker__name"]
    )
    return {
        "id": row["id"],
        "url": api_url(request, "evidence", row["id"]),
        "article": link(
            Article,
            row["article_id"],
            None,  # articles are not reviewed
            title=row["article__title"],
            published_on=row["article__published_on"],
        ),
        "start": row["start"],
        "end": row["end"],
        "quote": row["quote"],
        "source_url": row["url"],
        "note": row["note"],
        "attribution": row["attribution"],
        "attribution_text": attribution_text(
            row["speaker_label"], speaker["name"] if speaker else "", row["attribution"]
        ),
        "speaker": speaker,
        "speaker_label": row["speaker_label"],
        "source_count": row["source_count"],
    }


def _confidence(evidence: list[dict], review_state: str) -> dict:
    confidence = confidence_of_values(evidence, review_state=review_state)
    return {
        "sources_count": confidence.sources_count,
        "confidence": confidence.level,
        "confidence_reason": confidence.reason,
    }


def _disagreements(claims: list, *, as_of: dt.date | None, context: dict) -> dict:
    groups = disagreements_of(claims, as_of=as_of) if claims else []
    return {"sources_disagree": bool(groups), "disagreements": disagreements_json(groups, context)}


def events_json(rows: list[dict], *, as_of: dt.date | None, request) -> list[dict]:
    """Rows of event_values as the API shows events, with their actors, evidence and claims
    (three queries for the page, the claims' only if some are in a disagreement)."""
    actors, evidence = event_relations([row["id"] for row in rows], as_of=as_of)
    claims = event_claims([row["id"] for row in rows if row["claims_open"]], as_of=as_of)
    return _json(rows, actors, evidence, claims, as_of=as_of, request=request)


def events_json_of(events: list[Event], *, as_of: dt.date | None, request) -> list[dict]:
    """The same for events from selectors.event_list, read from what it prefetched (no
    query): a detail, a write's answer, the state's latest events."""
    rows = [_values(event, EVENT_VALUES) for event in events]
    actors = {e.pk: [{"id": a.pk, "name": a.name} for a in e.actor_links] for e in events}
    evidence = {e.pk: [_values(q, EVIDENCE_VALUES) for q in e.evidence_spans] for e in events}
    claims = {e.pk: e.claims_disputed for e in events}
    return _json(rows, actors, evidence, claims, as_of=as_of, request=request)


def _values(record, names) -> dict:
    """`record` as `.values(*names)` gives it: `offer__terms` is its offer's terms, or None."""
    row = {}
    for name in names:
        value = record
        for part in name.split("__"):
            value = getattr(value, part) if value is not None else None
        row[name] = value
    return row


def _offer_labels(rows) -> dict[int, str]:
    """The events' offers by label ("Amnesty: United States → …, Aug 2024"), as the pages
    name them: two offers of the same terms are told apart (two queries for the page)."""
    ids = {row["offer_id"] for row in rows if row["offer_id"] is not None}
    if not ids:
        return {}
    return {offer.pk: offer.label for offer in with_offer_labels(Offer.objects.filter(pk__in=ids))}


def _json(rows, actors, evidence, claims, *, as_of, request) -> list[dict]:
    context = {"request": request}
    link = _Links(request)
    offer_labels = _offer_labels(rows)
    zone = timezone.get_current_timezone()
    return [
        {
            "id": row["id"],
            "url": api_url(request, "event", row["id"]),
            "title": row["title"],
            "summary": row["summary"],
            "kind": row["kind"],
            "status": row["status"],
            "occurred_on": _date(row["occurred_on"]),
            "occurred_precision": row["occurred_precision"],
            "date_display": format_partial_date(row["occurred_on"], row["occurred_precision"]),
            # actors_shown has left out the rejected ones.
            "actors": [link(Actor, a["id"], None, name=a["name"]) for a in actors[row["id"]]],
            "offer": link(
                Offer,
                row["offer_id"],
                row["offer__review_state"],
                label=offer_labels.get(row["offer_id"]),
                terms=row["offer__terms"],
            ),
            "channel": link(
                TalksChannel,
                row["channel_id"],
                row["channel__review_state"],
                name=row["channel__name"],
            ),
            "indictment": link(
                Indictment,
                row["indictment_id"],
                row["indictment__review_state"],
                charges=row["indictment__charges"],
            ),
            "status_to": row["status_to"],
            "bounty_amount": _decimal(row["bounty_amount"]),
            "bounty_currency": row["bounty_currency"],
            **_confidence(evidence[row["id"]], row["review_state"]),
            **_disagreements(claims.get(row["id"], []), as_of=as_of, context=context),
            "origin": row["origin"],
            "review_state": row["review_state"],
            "first_reported_on": _date(row["first_reported_on"]),
            "version": row["version"],
            "created_at": _datetime(row["created_at"], zone),
            "updated_at": _datetime(row["updated_at"], zone),
            "evidence": [_evidence(e, link, request) for e in evidence[row["id"]]],
        }
        for row in rows
    ]
