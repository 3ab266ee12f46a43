"""Claims: what each source states about a record, value by value, and where sources disagree.

A claim is one source's statement of one value about a record (`Claim`): an offer's,
channel's or indictment's status on a date, an indictment's reward on a date (or as
first reported), a record's own date, an actor's role in talks. The ingestion store and
editors' writes record them with `claim_record`; an editor settles a disagreement with
`claim_choose`. The rules, which /disagreements/ states for editors:

Sources. A claim's source is who states it, as corroboration counts sources
(negotiations.confidence): an article's publisher (else its web site, else "an
unnamed publisher"), the web site of a quote found at a URL, or the editors. The same
source stating the same value again is the same claim, stated again: its
`last_stated_on` moves (and its quote with it), nothing is added.

Time. A claim holds for a day, a month or a year (`holds_on` at its precision), or, for
a value of the record itself (its date, the reward first reported), for no time in
particular. Claims are about the same time when neither has one, or when their periods
overlap ("Sep 2024" and "5 Sep 2024" do); claims linked by overlaps are one time. Claims
about two actors' roles are never about the same thing.

Agreement. Two values agree when they are equal, and two dates when one period holds the
other ("Sep 2024" agrees with "5 Sep 2024"; "4 Sep" does not with "5 Sep").

Disagreement. Two claims about the same record, property and time whose values do not
agree. It is open until an editor chooses a value for that time; the claims agreeing
with the choice are then "chosen", the others "disputed", and all stay visible.

Value shown, for each time:
1. an editor's choice wins;
2. else the best supported value: stated, or agreed with, by the most sources (each
   source counted for its latest word, so a source that corrected itself counts for
   the correction); where sources differ on the day but agree on the month, the month
   is the best supported, and shown: no day the sources do not agree on;
3. then the more precise date;
4. then the most recently stated, as a later report usually corrects an earlier one;
5. then the smallest value as text, so that any order of ingestion gives the same value.
For an undated claim of a record ingestion made and no editor has touched, the record
holds that value (`claim_record` writes it); a choice writes it through the editors'
path (core.editing), with history. A record's status and reward on a date are shown
by its developments (events with `status_to` or a bounty), so a choice for a date
corrects or confirms the development that says it and rejects those that say another
value (their claims stay, disputed), or adds one citing the chosen quote.
"""

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from urllib.parse import urlsplit

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone

from actors.models import Actor
from core.dates import (
    PRECISION_RANK,
    DatePrecision,
    PartialDate,
    date_range_problem,
    format_partial_date,
)
from negotiations.choices import (
    ChannelStatus,
    ClaimProperty,
    ClaimState,
    IndictmentStatus,
    OfferStatus,
    ParticipantRole,
)
from negotiations.models import Claim, Indictment, Offer, TalksChannel
from sources.models import Evidence

# The records each property may be claimed of. A status or a reward on a date is the
# subject's (what a development says of it); a date is any dated record's own.
CLAIMABLE = {
    ClaimProperty.STATUS: (Offer, TalksChannel, Indictment),
    ClaimProperty.BOUNTY_AMOUNT: (Indictment,),
    ClaimProperty.DATE: None,  # any record with a date_field
    ClaimProperty.PARTICIPANT: (TalksChannel,),
}
STATUS_LABELS = {
    value: label
    for choices in (OfferStatus, ChannelStatus, IndictmentStatus)
    for value, label in choices.choices
}
SUBJECT_LINK = {Offer: "offer", TalksChannel: "channel", Indictment: "indictment"}
_AMOUNT = Decimal("0.01")
_AMOUNT_MAX = Decimal("1e14")  # Indictment.bounty_amount: 16 digits, 2 after the point


# --- values ----------------------------------------------------------------------------
def claim_value(*, record, property: str, value) -> tuple[object, str]:
    """`value` as a claim stores it, and as text (equal values, equal text), or raise
    ValidationError naming what is wrong.

    - status: a status of the record's kind ("declined");
    - bounty_amount: {"amount": ..., "currency": "USD"}, or (amount, currency);
    - date: a PartialDate, a date (a day), or {"date": "2024-09-05", "precision": "day"};
    - participant: {"actor": actor or id, "role": "mediator"}, or (actor, role).
    """
    if property not in ClaimProperty.values:
        raise ValidationError({"property": f"Not a property a claim can state: {property!r}."})
    allowed = CLAIMABLE[property]
    if allowed is not None and not isinstance(record, allowed):
        raise ValidationError(
            {"property": f"A {record._meta.verbose_name} has no {property} to claim."}
        )
    if property == ClaimProperty.STATUS:
        choices = dict(type(record)._meta.get_field("status").choices)
        if value not in choices:
            raise ValidationError({"value": f"Not a status of a {record._meta.verbose_name}."})
        return str(value), str(value)
    if property == ClaimProperty.BOUNTY_AMOUNT:
        amount, currency = _pair(value, "amount", "currency")
        amount = _amount(amount)
        currency = str(currency or "").strip().upper()
        if not re.fullmatch("[A-Z]{3}", currency):
            raise ValidationError({"value": "A reward's currency is three letters (e.g. USD)."})
        text = f"{amount:.2f}"
        return {"amount": text, "currency": currency}, f"{currency} {text}"
    if property == ClaimProperty.DATE:
        if not getattr(record, "date_field", None):
            raise ValidationError({"property": "This record has no date to claim."})
        date = _partial_date(value)
        return _date_json(date), f"{date.start.isoformat()}/{date.precision}"
    actor, role = _pair(value, "actor", "role")
    if role not in ParticipantRole.values:
        raise ValidationError({"value": "A role in talks is participant or mediator."})
    if not isinstance(actor, Actor):
        actor = Actor.objects.filter(pk=actor).first()
    if actor is None or actor.pk is None:
        raise ValidationError({"value": "A participant claim names a known actor."})
    return {"actor": actor.pk, "name": actor.name, "role": role}, f"{actor.pk}:{role}"


def _pair(value, first: str, second: str) -> tuple:
    """`{first: a, second: b}` or `(a, b)` as (a, b)."""
    if isinstance(value, dict):
        return value.get(first), value.get(second)
    if isinstance(value, list | tuple) and len(value) == 2:
        return tuple(value)
    raise ValidationError({"value": f"Give the {first} and the {second}."})


def _amount(value) -> Decimal:
    try:
        amount = Decimal(str(value)).quantize(_AMOUNT)
    except (InvalidOperation, ValueError, TypeError):
        raise ValidationError({"value": "A reward's amount is a number."}) from None
    if not 0 <= amount < _AMOUNT_MAX:
        raise ValidationError({"value": "A reward is not negative, and under 10^14."})
    return amount


def _partial_date(value) -> PartialDate:
    if isinstance(value, dict):
        try:
            value = PartialDate(
                dt.date.fromisoformat(value["date"]), value.get("precision", DatePrecision.DAY)
            )
        except (KeyError, TypeError, ValueError):
            raise ValidationError({"value": "A date is YYYY-MM-DD with its precision."}) from None
    elif isinstance(value, dt.date):
        value = PartialDate(value, DatePrecision.DAY)
    if not isinstance(value, PartialDate):
        raise ValidationError({"value": "A date is known to a day, a month or a year."})
    problem = date_range_problem(value.start)
    if problem:
        raise ValidationError({"value": problem})
    return value


def _date_json(date: PartialDate) -> dict:
    return {"date": date.start.isoformat(), "precision": date.precision}


def value_display(property: str, value) -> str:
    """A claimed value as readers see it: 'Declined', 'USD 25,000,000', '5 Sep 2024'."""
    if property == ClaimProperty.STATUS:
        return str(STATUS_LABELS.get(value, value))
    if property == ClaimProperty.BOUNTY_AMOUNT:
        amount = Decimal(value["amount"])
        number = f"{amount:,.0f}" if amount == amount.to_integral_value() else f"{amount:,.2f}"
        return f"{value['currency']} {number}"
    if property == ClaimProperty.DATE:
        return format_partial_date(dt.date.fromisoformat(value["date"]), value["precision"])
    return f"{value['name']} as {ParticipantRole(value['role']).label.lower()}"


def _value_date(claim: Claim) -> PartialDate:
    return PartialDate(dt.date.fromisoformat(claim.value["date"]), claim.value["precision"])


def values_agree(a: Claim, b: Claim) -> bool:
    """Equal values agree; so do two dates when one period holds the other."""
    if a.value_key == b.value_key:
        return True
    if a.property != ClaimProperty.DATE or b.property != ClaimProperty.DATE:
        return False
    x, y = _value_date(a), _value_date(b)
    return (x.start <= y.start and y.end <= x.end) or (y.start <= x.start and x.end <= y.end)


def _precision_rank(claim: Claim) -> int:
    return PRECISION_RANK[claim.value["precision"]] if claim.property == ClaimProperty.DATE else 0


# --- sources -----------------------------------------------------------------------
def _publisher_key(name: str) -> str:
    """As negotiations.confidence compares publishers: case, spacing, a leading 'The'."""
    return re.sub(r"^the ", "", " ".join(name.split()).casefold())


def _host_key(url: str) -> str:
    try:
        host = urlsplit(url.strip()).hostname or ""
    except ValueError:
        host = ""
    return host.removeprefix("www.") or url.strip().casefold()


def claim_source(evidence: Evidence) -> str:
    """Who states what a quote says: 'publisher:…', 'site:…', 'unnamed publisher', 'editors'."""
    if evidence.article_id is not None:
        article = evidence.article
        if article.publisher.strip():
            return "publisher:" + _publisher_key(article.publisher)[:280]
        if article.url.strip():
            return "site:" + _host_key(article.url)[:280]
        return "unnamed publisher"
    if evidence.url.strip():
        return "site:" + _host_key(evidence.url)[:280]
    return "editors"


def source_name(source_key: str, evidence: Evidence | None = None) -> str:
    """A source as readers see it: the publisher's name as printed where the quote is loaded."""
    if source_key.startswith("publisher:") and evidence is not None and evidence.article_id:
        return " ".join(evidence.article.publisher.split())
    if source_key == "editors":
        return "the editors"
    return source_key.partition(":")[2] or source_key


def stated_on(evidence: Evidence) -> dt.date:
    """When a quote's source said it: the article's date, the source's own, or its entry."""
    if evidence.article_id is not None:
        return evidence.article.published_on
    if evidence.published_on:
        return evidence.published_on
    return timezone.localdate(evidence.created_at) if evidence.created_at else timezone.localdate()


# --- time and groups -----------------------------------------------------------------
def claim_holds(claim: Claim) -> PartialDate | None:
    return PartialDate(claim.holds_on, claim.holds_precision) if claim.holds_on else None


def _facet(claim: Claim):
    """What within the property a claim is about: for a participant, the actor."""
    return claim.value.get("actor") if claim.property == ClaimProperty.PARTICIPANT else None


@dataclass(frozen=True)
class ValueSupport:
    """One value of a group, the claims stating it and the sources that support it."""

    key: str
    value: object
    display: str
    claims: list
    sources: int  # distinct sources stating it or a value agreeing with it (latest words)
    chosen: bool


@dataclass
class ClaimGroup:
    """The claims about one record, property and time; a disagreement when they differ."""

    content_type_id: int
    object_id: int
    property: str
    claims: list
    chosen_keys: set = field(default_factory=set)
    decision: Claim | None = None  # the latest claim an editor chose for this time
    record: object = None  # set by the selectors that load it

    @property
    def label(self) -> str:
        return ClaimProperty(self.property).label

    @property
    def key(self) -> int:
        """Names the disagreement in a page's anchors: its first claim."""
        return min(c.pk for c in self.claims)

    @property
    def start(self) -> dt.date | None:
        periods = [p for p in map(claim_holds, self.claims) if p]
        return min(p.start for p in periods) if periods else None

    @property
    def end(self) -> dt.date | None:
        periods = [p for p in map(claim_holds, self.claims) if p]
        return max(p.end for p in periods) if periods else None

    @property
    def holds_display(self) -> str:
        """'5 Sep 2024', 'Sep 2024', '4 Sep 2024 – 20 Sep 2024'; '' for no time."""
        periods = sorted({p for p in map(claim_holds, self.claims) if p})
        if not periods:
            return ""
        start, end = self.start, self.end
        for period in periods:
            if period.start == start and period.end == end:
                return str(period)
        return f"{format_partial_date(start, 'day')} – {format_partial_date(end, 'day')}"

    @property
    def holds(self) -> PartialDate | None:
        """The time as one partial date: the coarsest claim's, which holds the others when
        they agree; else the first day, at a day's precision."""
        periods = [p for p in map(claim_holds, self.claims) if p]
        if not periods:
            return None
        start, end = self.start, self.end
        for period in periods:
            if period.start == start and period.end == end:
                return period
        return PartialDate(start, DatePrecision.DAY)

    @property
    def disagrees(self) -> bool:
        return any(
            not values_agree(a, b) for i, a in enumerate(self.claims) for b in self.claims[i + 1 :]
        )

    @property
    def is_open(self) -> bool:
        return self.disagrees and not self.chosen_keys

    @property
    def state(self) -> str:
        if not self.disagrees:
            return "agreed"
        return "resolved" if self.chosen_keys else "open"

    @property
    def values(self) -> list[ValueSupport]:
        """Each value once, best first (the module's rule for the value shown)."""
        latest: dict[str, dt.date] = {}
        for claim in self.claims:
            seen = latest.get(claim.source_key, claim.last_stated_on)
            latest[claim.source_key] = max(seen, claim.last_stated_on)
        current = [c for c in self.claims if c.last_stated_on == latest[c.source_key]]
        by_key: dict[str, list] = {}
        for claim in self.claims:
            by_key.setdefault(claim.value_key, []).append(claim)
        supports = []
        for key, claims in by_key.items():
            first = claims[0]
            sources = {c.source_key for c in current if values_agree(c, first)}
            supports.append(
                ValueSupport(
                    key=key,
                    value=first.value,
                    display=value_display(first.property, first.value),
                    claims=sorted(claims, key=lambda c: (c.first_stated_on, c.id or 0)),
                    sources=len(sources),
                    chosen=any(values_agree(first, c) for c in self._chosen_claims()),
                )
            )
        supports.sort(
            key=lambda s: (
                not s.chosen,
                -s.sources,
                -_precision_rank(s.claims[0]),
                -max(c.last_stated_on for c in s.claims).toordinal(),
                s.key,
            )
        )
        return supports

    def _chosen_claims(self) -> list:
        return [c for c in self.claims if c.value_key in self.chosen_keys]

    @property
    def shown(self) -> ValueSupport:
        """The value shown for this time (the module's rule)."""
        return self.values[0]


def claim_groups(claims: Iterable[Claim], *, as_of: dt.date | None = None) -> list[ClaimGroup]:
    """Claims grouped by record, property (and actor, for roles) and time.

    A choice counts from the day it was made, so a date before it shows the
    disagreement open. Groups come in the order of their claims' records and properties,
    undated first, then by time.
    """
    buckets: dict[tuple, list] = {}
    for claim in claims:
        key = (claim.content_type_id, claim.object_id, claim.property, _facet(claim))
        buckets.setdefault(key, []).append(claim)
    groups = []
    for (content_type_id, object_id, property, _), bucket in buckets.items():
        undated = [c for c in bucket if c.holds_on is None]
        dated = sorted(
            (c for c in bucket if c.holds_on), key=lambda c: (claim_holds(c).start, c.id or 0)
        )
        runs = [undated] if undated else []
        end = None
        for claim in dated:
            period = claim_holds(claim)
            if end is not None and period.start <= end:
                runs[-1].append(claim)
                end = max(end, period.end)
            else:
                runs.append([claim])
                end = period.end
        for run in runs:
            group = ClaimGroup(content_type_id, object_id, property, run)
            decided = [
                c
                for c in run
                if c.state == ClaimState.CHOSEN
                and c.chosen_at is not None
                and (as_of is None or timezone.localdate(c.chosen_at) <= as_of)
            ]
            if decided:
                group.chosen_keys = {c.value_key for c in decided}
                group.decision = max(decided, key=lambda c: c.chosen_at)
            groups.append(group)
    return groups


def claim_group_of(claim: Claim) -> ClaimGroup:
    siblings = Claim.objects.filter(
        content_type_id=claim.content_type_id, object_id=claim.object_id, property=claim.property
    ).select_for_update()
    for group in claim_groups(siblings.order_by("id")):
        if any(c.pk == claim.pk for c in group.claims):
            return group
    raise Claim.DoesNotExist("The claim is gone.")


def _claims_restate(*, content_type: ContentType, object_id: int, property: str) -> None:
    """Each claim's state from the others for its time (ClaimState), saved where it moved."""
    claims = list(
        Claim.objects.select_for_update()
        .filter(content_type=content_type, object_id=object_id, property=property)
        .order_by("id")
    )
    changed = []
    for group in claim_groups(claims):
        chosen = group._chosen_claims()
        for claim in group.claims:
            if chosen:
                state = (
                    ClaimState.CHOSEN
                    if any(values_agree(claim, c) for c in chosen)
                    else ClaimState.DISPUTED
                )
                by, at = group.decision.chosen_by_id, group.decision.chosen_at
            else:
                state = ClaimState.CONFLICTING if group.disagrees else ClaimState.STATED
                by, at = None, None
            if (claim.state, claim.chosen_by_id, claim.chosen_at) != (state, by, at):
                claim.state, claim.chosen_by_id, claim.chosen_at = state, by, at
                changed.append(claim)
    if changed:
        Claim.objects.bulk_update(changed, ["state", "chosen_by", "chosen_at"])


# --- writes ----------------------------------------------------------------------------
@transaction.atomic
def claim_record(
    *,
    record: models.Model,
    property: str,
    value,
    holds_on: dt.date | PartialDate | None = None,
    evidence: Evidence,
) -> Claim:
    """Record that `evidence`'s source states `value` for `record`'s `property`, at
    `holds_on` (a day, or a PartialDate; None for the record's own value, as its date).

    Idempotent: the same source stating the same value for the same time again updates
    `first_stated_on`/`last_stated_on` (and points to the latest quote), never adds a
    claim. A quote states one value per time: what it stated before (an earlier reading
    of the same text) is replaced. The claims for that time are then restated (open
    disagreement, or agreed), and an undated value is written to a record ingestion
    made and no editor touched (the module's rule for the value shown). Raises
    ValidationError for a value or time the property cannot have.
    """
    stored, key = claim_value(record=record, property=property, value=value)
    holds = _holds_value(holds_on)
    # Claims about one record are restated one source at a time (two ingestions at once).
    type(record).objects.select_for_update().filter(pk=record.pk).exists()
    if property == ClaimProperty.DATE and holds is not None:
        raise ValidationError({"holds_on": "A date claim is the record's own: no time of its own."})
    content_type = ContentType.objects.get_for_model(record)
    time = {
        "holds_on": holds.start if holds else None,
        "holds_precision": holds.precision if holds else DatePrecision.DAY,
    }
    scope = {"content_type": content_type, "object_id": record.pk, "property": property}
    said = stated_on(evidence)
    source = claim_source(evidence)
    facet = stored["actor"] if property == ClaimProperty.PARTICIPANT else None
    for earlier in Claim.objects.filter(**scope, **time, evidence=evidence).exclude(value_key=key):
        if _facet(earlier) == facet:
            earlier.delete()
    claim, created = Claim.objects.get_or_create(
        **scope,
        **time,
        value_key=key,
        source_key=source,
        defaults={
            "value": stored,
            "evidence": evidence,
            "first_stated_on": said,
            "last_stated_on": said,
        },
    )
    if not created:
        updates = {}
        if said < claim.first_stated_on:
            updates["first_stated_on"] = said
        if said > claim.last_stated_on:
            updates |= {"last_stated_on": said, "evidence": evidence}
        elif said == claim.last_stated_on and evidence.pk < claim.evidence_id:
            updates["evidence"] = evidence  # the same quote whatever the order of ingestion
        if updates:
            for name, new in updates.items():
                setattr(claim, name, new)
            claim.save(update_fields=[*updates, "updated_at"])
    _claims_restate(**scope)
    if holds is None and property in (ClaimProperty.DATE, ClaimProperty.BOUNTY_AMOUNT):
        _record_settle(record=record, property=property)
    claim.refresh_from_db()
    return claim


def _holds_value(holds_on) -> PartialDate | None:
    if holds_on is None:
        return None
    holds = holds_on if isinstance(holds_on, PartialDate) else PartialDate(holds_on)
    problem = date_range_problem(holds.start)
    if problem:
        raise ValidationError({"holds_on": problem})
    return holds


def record_fields_for(record, property: str, value) -> dict:
    """The record's fields that hold a claimed value."""
    if property == ClaimProperty.STATUS:
        return {"status": value}
    if property == ClaimProperty.BOUNTY_AMOUNT:
        return {"bounty_amount": Decimal(value["amount"]), "bounty_currency": value["currency"]}
    date_field = record.date_field
    return {
        date_field: dt.date.fromisoformat(value["date"]),
        date_field.replace("_on", "_precision"): value["precision"],
    }


def fields_hold(record, fields: dict) -> bool:
    return all(getattr(record, name) == value for name, value in fields.items())


def _record_settle(*, record, property: str) -> None:
    """An undated value's claims decide it on a record ingestion made and no editor touched."""
    fresh = type(record).objects.select_for_update().get(pk=record.pk)
    if fresh.is_locked_by_editor:
        return
    claims = Claim.objects.filter(
        content_type=ContentType.objects.get_for_model(record),
        object_id=record.pk,
        property=property,
        holds_on__isnull=True,
    )
    groups = claim_groups(claims.order_by("id"))
    if not groups:
        return
    fields = record_fields_for(fresh, property, groups[0].shown.value)
    if fields_hold(fresh, fields):
        return
    for name, value in fields.items():
        setattr(fresh, name, value)
    fresh._change_reason = "The value its sources support best"
    fresh.save()
    for name in fields:
        setattr(record, name, getattr(fresh, name))
