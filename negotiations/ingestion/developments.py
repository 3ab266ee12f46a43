"""What an article says about records it did not make: dated developments and claims.

A later report's "the offer was declined", "the talks were suspended" or "the reward was
raised" is a status or a reward on a date: a development (an Event with `status_to` or a
bounty) on the known record, and claims of each source behind it (negotiations.claims).
The record's status then follows its latest development. store.py decides when; this
module says what each is.
"""

from dataclasses import dataclass, field

from django.db import models

from core.dates import PartialDate
from core.models import ReviewState
from negotiations.choices import ChannelStatus, ClaimProperty, EventStatus, OfferKind, OfferStatus
from negotiations.claims import claim_record
from negotiations.ingestion.facts import DEFAULT_CURRENCY
from negotiations.models import Event, Offer
from negotiations.services import SUBJECT_LINK, subject_status_due
from sources.models import Evidence


def link_name(record) -> str:
    """The Event field that links a development to `record` ("offer", "channel", ...)."""
    return SUBJECT_LINK[type(record)]


# Statuses a text reports with a verb of its own ("declined", "suspended"): a development
# even on a record first made from that report, so that reports read in any order agree.
REPORTED_CHANGES = {
    OfferStatus.DECLINED,
    OfferStatus.ACCEPTED,
    OfferStatus.WITHDRAWN,
    ChannelStatus.DORMANT,
}


@dataclass
class StatusReport:
    record: models.Model
    status: str
    date: PartialDate
    sources: list
    told: bool = False  # an event of the article's own carries it
    quoted: list = field(default_factory=list)  # another article's evidence, when not ours


def development_claims(event: Event, rows: list[Evidence]) -> None:
    """What a development's sources state about its subject on its date: its status, or
    the indictment's reward. Claims keep each source's word, so that two reports giving
    two values for one date show as a disagreement (negotiations.claims)."""
    if event.status != EventStatus.OCCURRED or event.review_state == ReviewState.REJECTED:
        return
    when = PartialDate(event.occurred_on, event.occurred_precision)
    said = []
    if event.status_to and event.subject is not None:
        said.append((event.subject, ClaimProperty.STATUS, event.status_to))
    if event.bounty_amount is not None and event.indictment is not None:
        value = (event.bounty_amount, event.bounty_currency or DEFAULT_CURRENCY)
        said.append((event.indictment, ClaimProperty.BOUNTY_AMOUNT, value))
    for record, name, value in said:
        for row in rows:
            claim_record(record=record, property=name, value=value, holds_on=when, evidence=row)


def status_follow(record) -> None:
    """The record's status follows its latest development, as articles report it: not an
    editor's correction (that would lock the record against later reports)."""
    wanted = subject_status_due(record)
    if wanted and not record.is_locked_by_editor:
        record.refresh_from_db()
        for name, value in wanted.items():
            setattr(record, name, value)
        record.save()


def record_date(record) -> PartialDate | None:
    if isinstance(record, Offer):
        return (
            PartialDate(record.offered_on, record.offered_precision) if record.offered_on else None
        )
    if record.last_activity_on:
        return PartialDate(record.last_activity_on, record.last_activity_precision)
    if record.started_on:
        return PartialDate(record.started_on, record.started_precision)
    return None


def development_title(record, status: str) -> str:
    if isinstance(record, Offer):
        return f"{OfferKind(record.kind).label} offer {OfferStatus(status).label.lower()}"
    verb = {ChannelStatus.ACTIVE: "held", ChannelStatus.DORMANT: "suspended",
            ChannelStatus.CONCLUDED: "ended"}.get(status, status)  # fmt: skip
    return f"{record.name}: talks {verb}"


def development_actors(record) -> list[int]:
    if isinstance(record, Offer):
        return [
            a for a in [record.offered_by_id, *record.recipients.values_list("pk", flat=True)] if a
        ]
    return list(record.participants.values_list("actor_id", flat=True))
