"""Writes. Every door (command line, editors' forms, API) submits articles and developments here."""

from django.db import transaction

from actors.services import actor_create
from core.editing import EditFollower, record_create, record_update
from negotiations.choices import ClaimProperty, EventStatus, ParticipantRole
from negotiations.claims import SUBJECT_LINK, claim_record
from negotiations.models import ChannelParticipant, Event, TalksChannel
from negotiations.selectors import status_changes
from sources.models import Evidence
from sources.services import SourceInput, evidence_add


@transaction.atomic
def event_record(
    *,
    by,
    fields: dict,
    actors: list | None = None,
    source: SourceInput | None = None,
) -> Event:
    """An editor's development on the timeline, cited, applying any status change it makes.

    A status change (`status_to` with its offer, channel or indictment) also sets the
    record's current status, unless a later change is already known: entering an old
    development never overrides a newer one (see subject_status_recompute). A new bounty
    (`bounty_amount` with its indictment) stays on the event: the indictment's reward on
    any date is its latest bounty by then (selectors.indictment_list). It is known from
    its source's date: the article's, or the day a URL or a note's fact was published
    (for a note without one, the day it is entered).
    """
    fields = dict(fields)
    if source and source.reported_on and not fields.get("first_reported_on"):
        fields["first_reported_on"] = source.reported_on
    event = record_create(model=Event, by=by, fields=fields, m2m={"actors": actors or []})
    evidence = evidence_add(record=event, source=source, by=by) if source else None
    if event.status_to and event.subject is not None:
        subject_status_recompute(subject=event.subject, by=by)
    if evidence is not None:
        _development_claims(event=event, evidence=evidence)
    return event


def _development_claims(*, event: Event, evidence: Evidence) -> None:
    """What a cited development states, as claims its source makes (negotiations.claims):
    its subject's status, or the indictment's reward, from its date."""
    holds = event.partial_date
    subject = event.subject
    if event.status_to and subject is not None and event.status == EventStatus.OCCURRED:
        claim_record(
            record=subject,
            property=ClaimProperty.STATUS,
            value=event.status_to,
            holds_on=holds,
            evidence=evidence,
        )
    if event.bounty_amount is not None and event.indictment_id:
        claim_record(
            record=event.indictment,
            property=ClaimProperty.BOUNTY_AMOUNT,
            value=(event.bounty_amount, event.bounty_currency),
            holds_on=holds,
            evidence=evidence,
        )


def subject_status_recompute(*, subject, by):
    """Set an offer's, channel's or indictment's status from its status-change events.

    The status is that of its latest occurred, not rejected change (by date, then entry).
    When its first change is recorded, the status it had until then (as first reported,
    or as an editor corrected it) is kept in `initial_status`: dates before the change
    show it (`_status_as_of` in the selectors). With no change left, that status is its
    status again. Called whenever such an event is recorded, edited or reviewed; a
    record already right is not touched.
    """
    wanted = subject_status_due(subject)
    if wanted is None:
        return subject
    return record_update(record=subject, by=by, changes=wanted)


def status_subjects(record) -> list:
    """The offer, channel or indictment whose status `record` (a status change) sets."""
    if getattr(record, "status_to", "") and getattr(record, "subject", None) is not None:
        return [record.subject]
    return []


def subjects_status_recompute(subjects: list, by) -> None:
    """A status change was recorded, edited or reviewed: its subjects' statuses follow."""
    seen = set()
    for subject in subjects:
        if (type(subject), subject.pk) not in seen:
            seen.add((type(subject), subject.pk))
            subject_status_recompute(subject=subject, by=by)


# Registered with the editors' write path (core.editing) in apps.py: any edit or review of
# a status change updates the status of what it is about.
STATUS_FOLLOWER = EditFollower(affected=status_subjects, update=subjects_status_recompute)


def subject_status_due(subject) -> dict | None:
    """The `status` and `initial_status` a subject's status changes call for, or None when
    it has them already (see subject_status_recompute). Ingestion applies them itself, as
    what articles report, without marking the record as an editor's correction."""
    model = type(subject)
    changes = status_changes(**{SUBJECT_LINK[model]: subject})
    latest = changes.values_list("status_to", flat=True).first()
    stored = model.objects.filter(pk=subject.pk).values_list("status", "initial_status").first()
    if stored is None:
        return None
    status, initial = stored
    if latest:
        wanted = {"status": latest, "initial_status": initial or status}
    else:
        wanted = {"status": initial or status, "initial_status": ""}
    return None if wanted == {"status": status, "initial_status": initial} else wanted


@transaction.atomic
def development_record(
    *,
    by,
    fields: dict,
    actors: list,
    new_actor_names: list[str] = (),
    source: SourceInput | None = None,
) -> Event:
    """An editor's development, creating the actors it names that are not known yet."""
    created = [actor_create(by=by, fields={"name": name}) for name in new_actor_names]
    return event_record(by=by, fields=fields, actors=[*actors, *created], source=source)


@transaction.atomic
def channel_update(
    *,
    channel: TalksChannel,
    by,
    changes: dict,
    participants: list,
    mediators: list,
    expected_version: int | None = None,
) -> TalksChannel:
    """Edit a channel and set who takes part in it, as a party or as a mediator."""
    channel = record_update(
        record=channel, by=by, changes=changes, expected_version=expected_version
    )
    channel_participants_set(channel=channel, participants=participants, mediators=mediators)
    return channel


def channel_participants_set(*, channel: TalksChannel, participants: list, mediators: list) -> None:
    wanted = {a.pk: ParticipantRole.PARTICIPANT for a in participants}
    wanted |= {a.pk: ParticipantRole.MEDIATOR for a in mediators}
    current = {p.actor_id: p for p in channel.participants.all()}
    for actor_id, row in current.items():
        if actor_id not in wanted:
            row.delete()
        elif row.role != wanted[actor_id]:
            row.role = wanted[actor_id]
            row.save()
    for actor_id, role in wanted.items():
        if actor_id not in current:
            ChannelParticipant.objects.create(channel=channel, actor_id=actor_id, role=role)


@transaction.atomic
def channel_create(*, by, fields: dict, participants: list, mediators: list) -> TalksChannel:
    channel = record_create(model=TalksChannel, by=by, fields=fields)
    channel_participants_set(channel=channel, participants=participants, mediators=mediators)
    return channel
