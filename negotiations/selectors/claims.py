"""Where sources disagree: the claims shown with a record, and the editors' list.

The rules (time, agreement, the value shown) are negotiations.claims'. A claim that no
other contradicts for its time is "stated" and shown nowhere apart: its record and its
evidence say the same. Only claims in a disagreement, open or settled, are read here.
"""

import datetime as dt

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, Model, OuterRef, Prefetch, Q, QuerySet, Subquery

from core.asof import evidence_known_by
from core.models import ReviewState
from negotiations.choices import ClaimState
from negotiations.claims import ClaimGroup, claim_groups
from negotiations.models import Claim, Event, Offer, Position
from negotiations.selectors.labels import with_offer_labels


def claims_shown(as_of: dt.date | None = None) -> QuerySet[Claim]:
    """Claims in a disagreement, with their quotes as a source list shows them, only those
    whose quote was out by `as_of`.

    A quote whose record an editor rejected still counts here: the development an
    editor rejected when choosing another value leaves its claim, disputed, in view.
    """
    queryset = (
        Claim.objects.exclude(state=ClaimState.STATED)
        .select_related("evidence__article", "evidence__speaker", "chosen_by")
        .defer("evidence__article__text")
        .order_by("property", "holds_on", "first_stated_on", "id")
    )
    if as_of is not None:
        queryset = queryset.filter(evidence_known_by(as_of, prefix="evidence__"))
    return queryset


def claims_prefetch(as_of: dt.date | None = None) -> Prefetch:
    """A record's claims in a disagreement as the list `record.claims_disputed`."""
    return Prefetch("claims", queryset=claims_shown(as_of), to_attr="claims_disputed")


def claims_prefetches(as_of: dt.date | None, claims: bool) -> list[Prefetch]:
    """What a record list adds for its claims: claims_prefetch, unless `claims` is False
    (a caller that loads them otherwise, as the negotiation state does: claims_attach)."""
    return [claims_prefetch(as_of)] if claims else []


def claims_open(model: type[Model], as_of: dt.date | None = None) -> Exists:
    """Whether the outer record has claims in a disagreement (out by `as_of`), to annotate:
    a list loads them only when one of its records has some (claims_attach)."""
    content_type = ContentType.objects.filter(
        app_label=model._meta.app_label, model=model._meta.model_name
    ).values("pk")
    return Exists(
        claims_shown(as_of).filter(content_type=Subquery(content_type), object_id=OuterRef("pk"))
    )


def claims_attach(records: list, *, as_of: dt.date | None = None) -> None:
    """Give each record (annotated with claims_open) its `claims_disputed`, as
    claims_prefetch would: in one query for every kind of record, none if no record has
    any (the negotiation state's lists, which stay within a fixed number of queries)."""
    wanted: dict[type[Model], set[int]] = {}
    for record in records:
        record.claims_disputed = []
        if record.claims_open:
            wanted.setdefault(type(record), set()).add(record.pk)
    if not wanted:
        return
    condition = Q(pk__in=[])
    for model, ids in wanted.items():
        content_type = ContentType.objects.get_for_model(model)
        condition |= Q(content_type=content_type, object_id__in=ids)
    found: dict[tuple[int, int], list[Claim]] = {}
    for claim in claims_shown(as_of).filter(condition):
        found.setdefault((claim.content_type_id, claim.object_id), []).append(claim)
    for record in records:
        if record.claims_open:
            key = (ContentType.objects.get_for_model(record).pk, record.pk)
            record.claims_disputed = found.get(key, [])


def record_disagreements(record, *, as_of: dt.date | None = None) -> list[ClaimGroup]:
    """Where the sources of `record` disagree (open or settled by an editor), each time with
    its values best first. From the prefetched claims (claims_prefetch): no query then."""
    cached = getattr(record, "_disagreements", None)
    if cached is not None and cached[0] == as_of:
        return cached[1]
    claims = getattr(record, "claims_disputed", None)
    if claims is None:
        content_type = ContentType.objects.get_for_model(record)
        claims = claims_shown(as_of).filter(content_type=content_type, object_id=record.pk)
    groups = disagreements_of(claims, as_of=as_of)
    for group in groups:
        group.record = record
    record._disagreements = (as_of, groups)
    return groups


def disagreements_of(claims, *, as_of: dt.date | None = None) -> list[ClaimGroup]:
    """The groups of `claims` (from claims_shown) whose values disagree."""
    return [group for group in claim_groups(claims, as_of=as_of) if group.disagrees]


def event_claims(event_ids: list[int], *, as_of: dt.date | None = None) -> dict[int, list[Claim]]:
    """The events' claims in a disagreement, by event id: the API's events list reads these
    beside its plain values (selectors.event_values), in one query."""
    claims: dict[int, list[Claim]] = {event_id: [] for event_id in event_ids}
    if not event_ids:
        return claims
    content_type = ContentType.objects.get_for_model(Event)
    for claim in claims_shown(as_of).filter(content_type=content_type, object_id__in=event_ids):
        claims[claim.object_id].append(claim)
    return claims


def disagreement_list(*, resolved: bool = False) -> list[ClaimGroup]:
    """Open disagreements (or, with `resolved`, those an editor settled), newest claim first,
    each with its record: a query for the claims and one per kind of record."""
    groups = [
        group
        for group in claim_groups(claims_shown().order_by("content_type", "object_id", "id"))
        if group.disagrees and group.is_open != resolved
    ]
    wanted: dict[int, set[int]] = {}
    for group in groups:
        wanted.setdefault(group.content_type_id, set()).add(group.object_id)
    records = {}
    for content_type_id, ids in wanted.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        queryset = model.objects.filter(pk__in=ids).exclude(review_state=ReviewState.REJECTED)
        if model is Offer:
            queryset = with_offer_labels(queryset)
        if model is Position:
            # Named by its actor; one an editor rejected goes with the actor.
            queryset = queryset.select_related("actor").exclude(
                actor__review_state=ReviewState.REJECTED
            )
        for record in queryset:
            records[(content_type_id, record.pk)] = record
    shown = []
    for group in groups:
        group.record = records.get((group.content_type_id, group.object_id))
        if group.record is not None:
            shown.append(group)
    shown.sort(key=lambda g: max(c.last_stated_on for c in g.claims), reverse=True)
    return shown
