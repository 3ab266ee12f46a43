"""Writes. Every door (command line, editors' forms, API) submits articles and developments here."""

import hashlib
import unicodedata
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from core.dates import date_range_problem
from core.editing import record_create, record_update
from core.models import Origin
from core.text import LETTER, control_character_problem
from negotiations.choices import ClaimProperty, EventStatus, ParticipantRole
from negotiations.claims import claim_record
from negotiations.ingestion.lease import lease_end
from negotiations.models import ChannelParticipant, Event, Indictment, Offer, TalksChannel
from negotiations.selectors import status_changes
from sources.choices import ArticleStatus, Attribution
from sources.models import Article, Evidence


def article_text_normalize(text: str) -> str:
    """Unicode NFC and '\\n' line endings; quotes and dashes are kept as received."""
    text = unicodedata.normalize("NFC", text)
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


def article_text_problem(text: object) -> str | None:
    """Why this cannot be ingested as an article's text, or None if it can."""
    if not isinstance(text, str):
        return "The article's text must be text."
    if not text.strip():
        return "The article's text is empty."
    size = len(text.encode("utf-8"))
    if size > settings.ARTICLE_MAX_BYTES:
        return f"The article is {size:,} bytes; the limit is {settings.ARTICLE_MAX_BYTES:,}."
    if "\x00" in text:
        return "The article's text contains NUL bytes: it is not plain text."
    problem = control_character_problem(text)
    if problem:
        return f"The article's text {problem[0].lower()}{problem[1:]}"
    if not LETTER.search(text):
        return "The article's text has no words."
    return None


@dataclass(frozen=True)
class Submission:
    article: Article
    created: bool
    notes: tuple[str, ...] = ()


def _article_metadata_fit(fields: dict[str, str], metadata: dict) -> list[str]:
    """Fit title, publisher and URL to their columns, in place, saying what changed.

    A long title or publisher is trimmed; a URL is left out rather than cut into a wrong
    link. Either way the full value goes to `metadata["untrimmed"]`, and the article is kept.
    """
    notes = []
    for name, value in fields.items():
        limit = Article._meta.get_field(name).max_length
        if len(value) <= limit:
            continue
        metadata.setdefault("untrimmed", {})[name] = value
        if name == "url":
            fields[name] = ""
            notes.append(
                f"url: {len(value):,} characters, over the {limit:,} allowed; "
                "left out (kept in metadata)."
            )
        else:
            fields[name] = value[: limit - 1].rstrip() + "…"
            notes.append(
                f"{name}: trimmed from {len(value):,} to {limit:,} characters "
                "(kept whole in metadata)."
            )
    return notes


def article_submit(
    *,
    text: str,
    published_on: date,
    title: str = "",
    publisher: str = "",
    url: str = "",
    metadata: dict | None = None,
    submitted_by=None,
) -> Submission:
    """Store an article once by content hash and queue its ingestion.

    The same text again returns the existing article, queued again if its ingestion
    failed or is still due. Metadata too long for its column is trimmed, never refused;
    `notes` says what was trimmed. With the broker down the article is stored all the same
    and `article.waiting_for_queue` says so.
    """
    problem = article_text_problem(text)
    if problem:
        raise ValidationError({"text": problem})
    problem = date_range_problem(published_on)
    if problem:
        raise ValidationError({"published_on": problem})
    text = article_text_normalize(text)
    content_hash = hashlib.sha256(text.encode("utf-8")).hexdigest()

    existing = Article.objects.filter(content_hash=content_hash).first()
    if existing is not None:
        _article_retry(existing)
        return Submission(existing, created=False)

    fields = {"title": title.strip(), "publisher": publisher.strip(), "url": url.strip()}
    metadata = dict(metadata or {})
    notes = _article_metadata_fit(fields, metadata)
    article = Article(
        text=text,
        content_hash=content_hash,
        published_on=published_on,
        **fields,
        metadata=metadata,
        submitted_by=submitted_by,
        # Queued once this commits; if the process stops before that, the lease runs out
        # and the sweep queues it. A failed publish clears it (`waiting_for_queue`).
        lease_until=lease_end(),
    )
    article.full_clean(exclude=["content_hash"])
    try:
        with transaction.atomic():
            article.save()
            transaction.on_commit(lambda: _enqueue_ingestion(article.pk))
    except IntegrityError:
        # Submitted at the same moment by someone else: theirs is the article.
        return Submission(Article.objects.get(content_hash=content_hash), created=False)
    article.refresh_from_db(fields=["status", "error", "lease_until"])
    return Submission(article, created=True, notes=tuple(notes))


def _enqueue_ingestion(article_id: int) -> None:
    from negotiations.tasks import article_enqueue

    article_enqueue(article_id)


def _article_retry(article: Article) -> None:
    """Queue a known article again if its ingestion failed or has not started.

    A pending article may have been lost by the broker: a second message is harmless, as
    the first task to start claims the article and the other finds nothing to do. A done
    article, or one running within its lease, is left alone (see tasks.article_enqueue).
    """
    if article.status == ArticleStatus.FAILED:
        # A fresh start: the reason and the attempts of the last try are dropped.
        Article.objects.filter(pk=article.pk, status=ArticleStatus.FAILED).update(
            status=ArticleStatus.PENDING,
            error="",
            attempts=0,
            lease_until=lease_end(),
            updated_at=timezone.now(),
        )
    transaction.on_commit(lambda: _enqueue_ingestion(article.pk))
    article.refresh_from_db(fields=["status", "error", "lease_until"])


# --- editors' writes (the site's forms and the API call these) -------------------
@dataclass(frozen=True)
class SourceInput:
    """Where an editor's fact comes from: an article span or quote, a URL with a quote,
    or the editor's own knowledge with a note."""

    article: Article | None = None
    start: int | None = None
    end: int | None = None
    quote: str = ""
    url: str = ""
    note: str = ""
    speaker_label: str = ""
    # When the page at the URL was published (required), or what the note says became
    # public (optional): the day the fact became known. An article's date is its own.
    published_on: date | None = None

    @property
    def reported_on(self) -> date | None:
        """When what this source says became known (None: from the day it is entered)."""
        return self.article.published_on if self.article else self.published_on


def source_date_problem(source: SourceInput) -> str | None:
    """Why the source's "published on" date cannot stand, or None."""
    if source.article:
        return None
    if source.url and not source.published_on:
        return "Give the day the page at this URL was published: the fact is known from then."
    if source.published_on and source.published_on > timezone.localdate():
        return "A source cannot be published after today."
    return date_range_problem(source.published_on)


def evidence_add(*, record, source: SourceInput, by) -> Evidence:
    """Cite `source` for `record`; a quote not found in its article is a ValidationError."""
    if source.article:
        attribution = Attribution.NAMED if source.speaker_label else Attribution.PUBLICATION
    else:
        attribution = Attribution.EDITOR if not source.url else Attribution.PUBLICATION
    evidence = Evidence(
        record=record,
        article=source.article,
        start=source.start,
        end=source.end,
        quote=source.quote,
        url=source.url,
        note=source.note,
        attribution=attribution,
        speaker_label=source.speaker_label,
        published_on=None if source.article else source.published_on,
        origin=Origin.EDITOR,
        created_by=by,
    )
    evidence.full_clean(exclude=["content_type", "object_id"])
    # After the fields' own checks, so a broken URL is named before its missing date.
    problem = source_date_problem(source)
    if problem:
        raise ValidationError({"published_on": problem})
    evidence._history_user = by
    evidence.save()
    return evidence


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


SUBJECT_LINK = {Offer: "offer", TalksChannel: "channel", Indictment: "indictment"}


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
    from actors.services import actor_create

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
