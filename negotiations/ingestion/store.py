"""Candidates into records, inside the caller's transaction.

A record is found again by its fingerprint (or, for actors, by any alias), so the
same fact from the same or another article gains evidence instead of a twin. What
an editor made, confirmed, corrected or rejected is never changed or resurrected.
"""

import hashlib
from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.text import slugify

from actors.models import Actor, Alias, Role
from actors.normalize import normalize_name
from core.models import Origin, ReviewState
from negotiations.choices import EventKind, EventStatus, OfferKind
from negotiations.ingestion import EXTRACTOR_VERSION
from negotiations.ingestion.candidates import Extraction, Source
from negotiations.models import (
    Article,
    ChannelParticipant,
    Event,
    Evidence,
    Indictment,
    Offer,
    Position,
    TalksChannel,
)


def fingerprint(*parts) -> str:
    return hashlib.sha256("|".join(str(p) for p in parts).encode()).hexdigest()


class ArticleStore:
    def __init__(self, article: Article):
        self.article = article
        self.actors: dict[str, Actor] = {}
        self.touched: dict[type, set[int]] = defaultdict(set)

    # --- shared -------------------------------------------------------------------
    def _upsert(
        self,
        model: type[models.Model],
        key: str,
        fields: dict,
        m2m: dict | None = None,
        first_reported: dict | None = None,
    ):
        """The record with this fingerprint, created or refreshed; None if an editor rejected it.

        `first_reported` fields keep the value of the record's earliest article: a later
        article refreshes them only where they are still empty.
        """
        record = model.objects.filter(fingerprint=key).first()
        first_reported = first_reported or {}
        if record is not None and record.first_reported_on:
            later = self.article.published_on > record.first_reported_on
            if later and any(getattr(record, name) not in (None, "") for name in first_reported):
                first_reported = {}
        fields = {**fields, **first_reported}
        if record is None:
            record = model(
                fingerprint=key,
                origin=Origin.INGESTION,
                extractor_version=EXTRACTOR_VERSION,
                first_reported_on=self.article.published_on,
                **fields,
            )
            record.save()
        elif record.review_state == ReviewState.REJECTED:
            return None
        elif not record.is_locked_by_editor:
            for name, value in fields.items():
                setattr(record, name, value)
            record.extractor_version = EXTRACTOR_VERSION
            if not record.first_reported_on or record.first_reported_on > self.article.published_on:
                record.first_reported_on = self.article.published_on
            record.save()
        if m2m and not record.is_locked_by_editor:
            for name, values in m2m.items():
                getattr(record, name).add(*values)
        self.touched[model].add(record.pk)
        return record

    def _evidence(self, record, sources: list[Source]) -> None:
        content_type = ContentType.objects.get_for_model(record)
        for source in sources:
            speaker = self.actors.get(source.speaker_key or "")
            Evidence.objects.get_or_create(
                content_type=content_type,
                object_id=record.pk,
                article=self.article,
                start=source.start,
                end=source.end,
                defaults={
                    "quote": self.article.text[source.start : source.end],
                    "attribution": source.attribution,
                    "speaker": speaker,
                    "speaker_label": source.speaker_label[:300],
                    "source_count": source.source_count,
                    "extractor_version": EXTRACTOR_VERSION,
                },
            )

    def _ids(self, keys) -> list[int]:
        return [self.actors[k].pk for k in keys if k in self.actors]

    # --- actors -------------------------------------------------------------------
    def actors_store(self, extraction: Extraction) -> None:
        for key, candidate in extraction.actors.items():
            actor = self._actor(key, candidate)
            if actor is not None:
                self.actors[key] = actor
        for key, candidate in extraction.actors.items():
            actor = self.actors.get(key)
            if actor is None:
                continue
            self._evidence(actor, candidate.sources)
            for role in candidate.roles:
                organization = self.actors.get(role.organization_key or "")
                record = self._upsert(
                    Role,
                    fingerprint("role", actor.pk, normalize_name(role.title)),
                    {"actor": actor, "title": role.title[:300], "organization": organization},
                )
                if record and role.source:
                    self._evidence(record, [role.source])

    def _actor(self, key: str, candidate) -> Actor | None:
        names = {candidate.name, *candidate.aliases}
        normalized = {normalize_name(n) for n in names} - {""}
        known = Alias.objects.filter(normalized__in=normalized).select_related("actor").first()
        actor = known.actor if known else Actor.objects.filter(fingerprint=fingerprint(key)).first()
        if actor is None:
            actor = Actor.objects.create(
                name=candidate.name[:200],
                slug=self._slug(candidate.name),
                kind=candidate.kind,
                side=candidate.side or "unknown",
                fingerprint=fingerprint(key),
                origin=Origin.INGESTION,
                extractor_version=EXTRACTOR_VERSION,
                first_reported_on=self.article.published_on,
            )
        elif actor.review_state == ReviewState.REJECTED:
            return None
        elif not actor.is_locked_by_editor and actor.side == "unknown" and candidate.side:
            actor.side = candidate.side
            actor.save(update_fields=["side", "updated_at"])
        if not actor.is_locked_by_editor:
            taken = set(
                Alias.objects.filter(normalized__in=normalized).values_list("normalized", flat=True)
            )
            for name in sorted(names, key=len):
                form = normalize_name(name)
                if form and form not in taken:
                    Alias.objects.create(actor=actor, name=name[:200])
                    taken.add(form)
        self.touched[Actor].add(actor.pk)
        return actor

    def _slug(self, name: str) -> str:
        base = slugify(name)[:200] or "actor"
        slug, n = base, 1
        while Actor.objects.filter(slug=slug).exists():
            n += 1
            slug = f"{base}-{n}"
        return slug

    # --- facts --------------------------------------------------------------------
    def facts_store(self, extraction: Extraction) -> None:
        channels = {}
        for candidate in extraction.channels:
            participants = self._ids(candidate.participants)
            mediators = self._ids(candidate.mediators)
            name = _channel_name(candidate, self.actors)
            key = fingerprint(
                "channel",
                normalize_name(candidate.venue) or candidate.mode,
                sorted(participants + mediators),
                candidate.date.start.year if not candidate.is_current else "current",
            )
            record = self._upsert(
                TalksChannel,
                key,
                {
                    "name": name[:200],
                    "mode": candidate.mode,
                    "is_secret": candidate.is_secret,
                    "venue": candidate.venue[:200],
                    "status": candidate.status,
                    "started_on": candidate.date.start,
                    "started_precision": candidate.date.precision,
                    "last_activity_on": candidate.date.start,
                    "last_activity_precision": candidate.date.precision,
                },
            )
            if record is None:
                continue
            channels[id(candidate)] = record
            if not record.is_locked_by_editor:
                for actor_id, role in [(i, "participant") for i in participants] + [
                    (i, "mediator") for i in mediators
                ]:
                    ChannelParticipant.objects.get_or_create(
                        channel=record, actor_id=actor_id, defaults={"role": role}
                    )
            self._evidence(record, candidate.sources)

        indictments = {}
        for candidate in extraction.indictments:
            defendants = self._ids(candidate.defendants)
            if not defendants:
                continue
            authority = self.actors.get(candidate.authority or "")
            fields = {"authority": authority, "charges": candidate.charges or "Charges not stated"}
            if candidate.date:
                fields |= {
                    "filed_on": candidate.date.start,
                    "filed_precision": candidate.date.precision,
                }
            # The reward as first reported: a later change is a bounty development, which
            # an editor records with its date (see selectors.indictment_list).
            reward = {}
            if candidate.bounty_amount:
                reward = {
                    "bounty_amount": candidate.bounty_amount,
                    "bounty_currency": candidate.bounty_currency or "USD",
                }
            record = self._upsert(
                Indictment,
                fingerprint("indictment", sorted(defendants)),
                fields,
                {"defendants": defendants},
                first_reported=reward,
            )
            if record:
                indictments[id(candidate)] = record
                self._evidence(record, candidate.sources)

        offers = {}
        for candidate in extraction.offers:
            maker = self.actors.get(candidate.offered_by or "")
            recipients = self._ids(candidate.recipients)
            key = fingerprint(
                "offer",
                candidate.kind,
                maker.pk if maker else "",
                recipients[:1],
                candidate.status == "declined",
                candidate.date.start.year,
            )
            record = self._upsert(
                Offer,
                key,
                {
                    "kind": candidate.kind,
                    "offered_by": maker,
                    "terms": OfferKind(candidate.kind).label,
                    "conditions": candidate.conditions,
                    "status": candidate.status,
                    "offered_on": candidate.date.start,
                    "offered_precision": candidate.date.precision,
                    "channel": channels.get(id(candidate.channel)),
                },
                {"recipients": recipients},
            )
            if record:
                offers[id(candidate)] = record
                self._evidence(record, candidate.sources)

        for candidate in extraction.events:
            offer = offers.get(id(candidate.offer))
            record = self._event(candidate, offer)
            if record:
                self._evidence(record, candidate.sources)

        for candidate in extraction.positions:
            actor = self.actors.get(candidate.actor)
            if actor is None:
                continue
            fields = {"actor": actor, "stance": candidate.stance, "condition": candidate.condition}
            if candidate.date:
                fields |= {
                    "stated_on": candidate.date.start,
                    "stated_precision": candidate.date.precision,
                }
            record = self._upsert(
                Position,
                fingerprint("position", actor.pk, normalize_name(candidate.stance)),
                fields,
            )
            if record:
                self._evidence(record, candidate.sources)

    def _event(self, candidate, offer):
        date = candidate.date
        # The same development reported at another precision: find it by overlapping dates.
        same = [
            e
            for e in Event.objects.filter(
                kind=candidate.kind,
                offer=offer,
                occurred_on__gte=date.start.replace(month=1, day=1),
                occurred_on__lte=date.end,
            )
            if e.partial_date.start <= date.end
            and date.start <= e.partial_date.end
            # Developments of no kind are told apart by what they say.
            and (candidate.kind != EventKind.OTHER or e.title == candidate.title[:300])
        ]
        key = (
            same[0].fingerprint
            if same and same[0].fingerprint
            else fingerprint(
                "event",
                candidate.kind,
                date.start,
                date.precision,
                offer.pk if offer else "",
                *([candidate.title] if candidate.kind == EventKind.OTHER else []),
            )
        )
        fields = {
            "title": candidate.title[:300],
            "kind": candidate.kind,
            "status": EventStatus.SCHEDULED if candidate.scheduled else EventStatus.OCCURRED,
            "offer": offer,
        }
        existing = same[0] if same else None
        if existing is None or _rank(date.precision) >= _rank(existing.occurred_precision):
            fields |= {"occurred_on": date.start, "occurred_precision": date.precision}
        return self._upsert(Event, key, fields, {"actors": self._ids(candidate.actors)})

    # --- what an earlier run made that this one no longer finds ---------------------
    def prune(self) -> None:
        for model in (Role, TalksChannel, Indictment, Offer, Event, Position, Actor):
            content_type = ContentType.objects.get_for_model(model)
            from_here = Evidence.objects.filter(content_type=content_type, article=self.article)
            stale_ids = set(from_here.values_list("object_id", flat=True)) - self.touched[model]
            if not stale_ids:
                continue
            stale = model.objects.filter(
                pk__in=stale_ids, origin=Origin.INGESTION, review_state=ReviewState.UNREVIEWED
            )
            for record in stale:
                from_here.filter(object_id=record.pk).delete()
                if not Evidence.objects.filter(
                    content_type=content_type, object_id=record.pk
                ).exists():
                    record.delete()


def _rank(precision: str) -> int:
    return {"year": 0, "month": 1, "day": 2}[precision]


def _channel_name(candidate, actors: dict[str, Actor]) -> str:
    people = [actors[k].name for k in candidate.participants if k in actors][:3]
    mediators = [actors[k].name for k in candidate.mediators if k in actors][:3]
    label = {"virtual": "Virtual talks", "in_person": "Talks", "back_channel": "Back channel",
             "multilateral": "Mediation", "unknown": "Talks"}[candidate.mode]  # fmt: skip
    if candidate.venue:
        label = f"{label} in {candidate.venue}"
    if mediators:
        return f"{label} by {', '.join(mediators)}"
    return f"{label}: {' – '.join(people)}" if people else label
