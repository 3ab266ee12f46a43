"""An editor settles a disagreement: the chosen value is written to its record, as a field
or as a development, with history (the /disagreements/ page and the API call this)."""

from django.db import transaction
from django.utils import timezone

from core.editing import record_review, record_update
from core.models import Origin, ReviewState
from negotiations.choices import (
    ClaimProperty,
    ClaimState,
    EventKind,
    EventStatus,
)

# The records each property may be claimed of. A status or a reward on a date is the
# subject's (what a development says of it); a date is any dated record's own.
from negotiations.claims import (
    STATUS_LABELS,
    SUBJECT_LINK,
    ClaimGroup,
    claim_group_of,
    claim_holds,
    fields_hold,
    record_fields_for,
    stated_on,
    value_display,
    values_agree,
)
from negotiations.models import ChannelParticipant, Claim, Event, TalksChannel
from negotiations.services import event_record
from sources.services import SourceInput


@transaction.atomic
def claim_choose(*, claim: Claim, by) -> ClaimGroup:
    """An editor settles a disagreement: `claim`'s value holds for its time.

    The claims for that time agreeing with it become chosen, the others disputed (they
    stay, with their sources), and the value is written to the record through the
    editors' path (core.editing, with history; see the module's last rule). Choosing
    again, another value, changes the decision.
    """
    group = claim_group_of(claim)
    claim = next(c for c in group.claims if c.pk == claim.pk)
    now = timezone.now()
    changed = []
    for other in group.claims:
        other.state = ClaimState.CHOSEN if values_agree(other, claim) else ClaimState.DISPUTED
        other.chosen_by, other.chosen_at, other.updated_at = by, now, now
        changed.append(other)
    Claim.objects.bulk_update(changed, ["state", "chosen_by", "chosen_at", "updated_at"])
    group.chosen_keys = {c.value_key for c in group.claims if c.state == ClaimState.CHOSEN}
    group.decision = claim
    record = claim.content_type.get_object_for_this_type(pk=claim.object_id)
    _value_write(record=record, group=group, chosen=claim, by=by)
    return group


def _value_write(*, record, group: ClaimGroup, chosen: Claim, by) -> None:
    if chosen.property == ClaimProperty.PARTICIPANT:
        _role_write(channel=record, chosen=chosen, by=by)
    elif group.start is None or chosen.property == ClaimProperty.DATE:
        _fields_write(record, record_fields_for(record, chosen.property, chosen.value), by)
    else:
        _development_write(record=record, group=group, chosen=chosen, by=by)


def _fields_write(record, fields: dict, by) -> None:
    """Correct the record to `fields`, or, if it holds them, confirm it: either way an
    editor has decided, so ingestion leaves it alone from then on."""
    if not fields_hold(record, fields):
        record_update(record=record, by=by, changes=fields)
    elif record.origin == Origin.INGESTION and record.review_state == ReviewState.UNREVIEWED:
        record_review(record=record, by=by, decision=ReviewState.CONFIRMED)


def _role_write(*, channel: TalksChannel, chosen: Claim, by) -> None:
    record_update(record=channel, by=by, changes={}, reason="A participant's role chosen")
    row, _ = ChannelParticipant.objects.get_or_create(
        channel=channel, actor_id=chosen.value["actor"], defaults={"role": chosen.value["role"]}
    )
    if row.role != chosen.value["role"]:
        row.role = chosen.value["role"]
        row.save()


def _development_write(*, record, group: ClaimGroup, chosen: Claim, by) -> None:
    """A status or reward for a time: the developments in that time that say one."""
    link = SUBJECT_LINK[type(record)]
    fields = record_fields_for(Event, chosen.property, chosen.value)
    if chosen.property == ClaimProperty.STATUS:
        fields = {"status_to": fields["status"]}
    developments = Event.objects.filter(
        **{link: record},
        status=EventStatus.OCCURRED,
        occurred_on__gte=group.start,
        occurred_on__lte=group.end,
    ).order_by("occurred_on", "id")
    if chosen.property == ClaimProperty.STATUS:
        developments = developments.exclude(status_to="")
    else:
        developments = developments.filter(bounty_amount__isnull=False)
    live, rejected = [], []
    for development in developments:
        (rejected if development.review_state == ReviewState.REJECTED else live).append(development)
    keep = [d for d in live if fields_hold(d, fields)]
    if not keep:
        # One an earlier choice rejected says it (the choice changed): it is back.
        restored = [d for d in rejected if fields_hold(d, fields)]
        keep = restored[:1] or live[:1]
    for development in keep:
        if development.review_state == ReviewState.REJECTED:
            record_review(record=development, by=by, decision=ReviewState.CONFIRMED)
        else:
            _fields_write(development, fields, by)
    for development in live:
        if development not in keep:
            record_review(record=development, by=by, decision=ReviewState.REJECTED)
    if keep:
        return
    if chosen.property == ClaimProperty.STATUS and not record.events.exclude(status_to="").exists():
        # No change recorded: the status is the record's own, as first reported.
        _fields_write(record, {"status": chosen.value}, by)
        return
    _development_add(record=record, link=link, chosen=chosen, fields=fields, by=by)


def _development_add(*, record, link: str, chosen: Claim, fields: dict, by) -> None:
    quote = chosen.evidence
    holds = claim_holds(chosen)
    if chosen.property == ClaimProperty.STATUS:
        title = f"{record}: {STATUS_LABELS.get(chosen.value, chosen.value).lower()}"
        kind = EventKind.STATUS_CHANGE
    else:
        title = f"Reward set to {value_display(chosen.property, chosen.value)}"
        kind = EventKind.BOUNTY
    source = SourceInput(
        article=quote.article,
        start=quote.start,
        end=quote.end,
        quote=quote.quote if quote.article_id is None else "",
        url=quote.url,
        note=quote.note,
        # A URL's source needs its day: the quote's own, or the day it was stated.
        published_on=None if quote.article_id else stated_on(quote),
    )
    event_record(
        by=by,
        fields={
            "title": title[:300],
            "kind": kind,
            "status": EventStatus.OCCURRED,
            "occurred_on": holds.start,
            "occurred_precision": holds.precision,
            link: record,
            **fields,
        },
        source=source,
    )
