"""Candidates into records, inside the caller's transaction.

A record is found again by its fingerprint (or, for actors, by any alias), so the
same fact from the same or another article gains evidence instead of a twin. What
an editor made, confirmed, corrected or rejected is never changed or resurrected.
"""

import hashlib
from collections import defaultdict
from functools import reduce
from operator import or_

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q, prefetch_related_objects
from django.utils.text import slugify
from simple_history.utils import bulk_create_with_history

from actors.models import Actor, Alias, Role
from actors.normalize import normalize_name
from core.dates import PRECISION_RANK, DatePrecision, PartialDate
from core.models import Origin, ReviewState
from negotiations.choices import (
    ChannelStatus,
    ClaimProperty,
    EventKind,
    EventStatus,
    LinkState,
    OfferKind,
    OfferStatus,
    ParticipantRole,
)
from negotiations.claims import claim_record
from negotiations.ingestion import EXTRACTOR_VERSION, developments, resolve
from negotiations.ingestion.candidates import Extraction, Source
from negotiations.ingestion.facts import DEFAULT_CURRENCY
from negotiations.models import (
    ChannelParticipant,
    Event,
    Indictment,
    Offer,
    Position,
    RecordLink,
    TalksChannel,
)
from negotiations.selectors import status_changes
from sources.models import Article, Evidence


def fingerprint(*parts) -> str:
    return hashlib.sha256("|".join(str(p) for p in parts).encode()).hexdigest()


class ArticleStore:
    def __init__(self, article: Article):
        self.article = article
        self.actors: dict[str, Actor] = {}
        self.touched: dict[type, set[int]] = defaultdict(set)
        # Made by this run: never a match for another candidate of the same article.
        self.created: dict[type, set[int]] = defaultdict(set)
        self.links: set[tuple[int, int]] = set()  # (content type, record) this run linked
        self.m2m_due: list[tuple] = []  # (record, its m2m) for `_m2m_write`
        self.status_claims: list[tuple] = []  # (record, status, date, sources, linked)
        self.status_reports: list[developments.StatusReport] = []
        self.unchanged: set = set()  # records with no status change before this run
        self.development_keys: set[str] = set()  # never taken for a development told again
        # What an editor said this article's reports are about (first choice of a match)
        # and are not about (never linked again).
        self.unlinked: dict[type, set[int]] = defaultdict(set)
        self.chosen: dict[type, list] = defaultdict(list)
        # This article's quotes a former run stored, by (content type, record, span).
        self.spans: dict[tuple, Evidence] = {
            (e.content_type_id, e.object_id, e.start, e.end): e
            for e in Evidence.objects.filter(article=article)
        }
        self.unwritten: list[Evidence] = []
        self.aliases: dict[str, Alias] = {}  # by normalized form: actors_store loads them
        self.unwritten_actors: list[Actor] = []  # new: actors_store writes them at once
        self.unwritten_aliases: list[Alias] = []
        self.slugs: set[str] = set()  # taken, of those a new actor's slug could clash with
        # Records by fingerprint, read ahead (_known_load, _known) for the next `_upsert`
        # of each, which takes them: one read per record, or per list, never a stale copy.
        self.known: dict[type, dict[str, models.Model | None]] = defaultdict(dict)
        for link in RecordLink.objects.filter(article=article).exclude(state=LinkState.LINKED):
            model = link.content_type.model_class()
            if link.state == LinkState.UNLINKED:
                self.unlinked[model].add(link.object_id)
            else:
                self.chosen[model].append(link)

    # --- shared -------------------------------------------------------------------
    def _upsert(
        self,
        model: type[models.Model],
        key: str,
        fields: dict,
        m2m: dict | None = None,
        first_reported: dict | None = None,
        m2m_later: bool = False,
    ):
        """The record with this fingerprint, created or refreshed; None if an editor rejected it.

        `first_reported` fields keep the value of the record's earliest article: a later
        article refreshes them only where they are still empty.
        """
        known = self.known[model]
        record = known.pop(key) if key in known else model.objects.filter(fingerprint=key).first()
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
            self.created[model].add(record.pk)
        elif record.review_state == ReviewState.REJECTED:
            return None
        elif not record.is_locked_by_editor:
            changes = _changes(record, fields)
            if record.extractor_version != EXTRACTOR_VERSION:
                changes["extractor_version"] = EXTRACTOR_VERSION
            if not record.first_reported_on or record.first_reported_on > self.article.published_on:
                changes["first_reported_on"] = self.article.published_on
            # Nothing new: no write, and no version in the record's history saying nothing.
            if changes:
                for name, value in changes.items():
                    setattr(record, name, value)
                record.save()
        if m2m and not record.is_locked_by_editor:
            if m2m_later:  # by `_m2m_write`, with the others' in one read
                self.m2m_due.append((record, m2m))
            else:
                self._m2m_add(record, m2m)
        self.touched[model].add(record.pk)
        return record

    def _m2m_add(self, record, m2m: dict) -> None:
        """Adds the parties `record` lacks (through the manager: its history follows); reads
        those it has from a prefetch when there is one."""
        for name, values in m2m.items():
            related = getattr(record, name)
            missing = set(values) - {party.pk for party in related.all()}
            if missing:
                related.add(*missing)

    def _m2m_write(self) -> None:
        """The parties of the records upserted with `m2m_later`, read in a query per field
        for them all; those missing are added as `_upsert` adds them."""
        # A record upserted twice (two candidates, one event) gets the union, once.
        due: dict[tuple, tuple] = {}
        for record, m2m in self.m2m_due:
            _, wanted = due.setdefault((type(record), record.pk), (record, defaultdict(set)))
            for name, values in m2m.items():
                wanted[name].update(values)
        self.m2m_due = []
        if not due:
            return
        names = {name for _, wanted in due.values() for name in wanted}
        prefetch_related_objects([record for record, _ in due.values()], *names)
        for record, wanted in due.values():
            self._m2m_add(record, wanted)

    def _evidence(self, record, sources: list[Source]) -> list[Evidence]:
        """The quotes supporting `record` in this article, each span stored once: those a
        former run stored are reused, new ones wait in `unwritten` for `_spans_write`
        (call it before the rows' ids are needed)."""
        content_type = ContentType.objects.get_for_model(record)
        rows = []
        for source in sources:
            key = (content_type.pk, record.pk, source.start, source.end)
            row = self.spans.get(key)
            if row is None:
                row = self.spans[key] = Evidence(
                    content_type=content_type,
                    object_id=record.pk,
                    article=self.article,
                    start=source.start,
                    end=source.end,
                    quote=self.article.text[source.start : source.end],
                    attribution=source.attribution,
                    speaker=self.actors.get(source.speaker_key or ""),
                    speaker_label=source.speaker_label[:300],
                    source_count=source.source_count,
                    extractor_version=EXTRACTOR_VERSION,
                )
                self.unwritten.append(row)
            rows.append(row)
        return rows

    def _spans_write(self) -> None:
        """New quotes in one INSERT (and one for their history), instead of a lookup, a
        savepoint and two INSERTs per quote: storing is mostly round trips to the database."""
        if self.unwritten:
            bulk_create_with_history(self.unwritten, Evidence)
            self.unwritten = []

    def _known_load(self, model: type[models.Model], keys) -> None:
        """The records of these fingerprints, in one query, for `_upsert` to find (None:
        none yet) instead of a query each."""
        known = self.known[model]
        known.update(dict.fromkeys(keys))
        # With the many-to-many parties `_upsert` compares, instead of a query each (a
        # channel's participants, a model of their own, are written apart).
        parties = [
            field.name
            for field in model._meta.many_to_many
            if field.remote_field.through._meta.auto_created
        ]
        for record in model.objects.filter(fingerprint__in=known).prefetch_related(*parties):
            known[record.fingerprint] = record

    def _known(self, model: type[models.Model], key: str) -> bool:
        """Whether a record has this fingerprint; read once with what `_upsert` needs."""
        if key not in self.known[model]:
            self.known[model][key] = model.objects.filter(fingerprint=key).first()
        return self.known[model][key] is not None

    def _ids(self, keys) -> list[int]:
        return [self.actors[k].pk for k in keys if k in self.actors]

    # --- actors -------------------------------------------------------------------
    def actors_store(self, extraction: Extraction) -> None:
        self._actors_load(extraction)
        for key, candidate in extraction.actors.items():
            actor = self._actor(key, candidate)
            if actor is not None:
                self.actors[key] = actor
        # New actors, then their aliases, in one INSERT each (and one for their history);
        # bulk creation skips Alias.save, so `_actor` sets their `normalized` form itself.
        bulk_create_with_history(self.unwritten_actors, Actor)
        bulk_create_with_history(self.unwritten_aliases, Alias)
        self.unwritten_actors, self.unwritten_aliases = [], []
        self.touched[Actor].update(actor.pk for actor in self.actors.values())
        stored = [(key, c) for key, c in extraction.actors.items() if key in self.actors]
        self._known_load(
            Role,
            [_role_key(self.actors[key], role) for key, c in stored for role in c.roles],
        )
        for key, candidate in stored:
            actor = self.actors[key]
            self._evidence(actor, candidate.sources)
            for role in candidate.roles:
                organization = self.actors.get(role.organization_key or "")
                record = self._upsert(
                    Role,
                    _role_key(actor, role),
                    {"actor": actor, "title": role.title[:300], "organization": organization},
                )
                if record and role.source:
                    self._evidence(record, [role.source])
        self._spans_write()

    def _actor(self, key: str, candidate) -> Actor | None:
        names = {candidate.name, *candidate.aliases}
        normalized = _forms(candidate)
        # As `.first()` over the aliases' ordering (by name) would pick.
        known = min(
            (self.aliases[form] for form in normalized if form in self.aliases),
            key=lambda alias: (alias.name, alias.pk or 0),
            default=None,
        )
        actor = known.actor if known else self.known[Actor].get(fingerprint(key))
        if actor is None:  # written with the article's other new actors (actors_store)
            actor = Actor(
                name=candidate.name[:200],
                slug=self._slug(candidate.name),
                kind=candidate.kind,
                side=candidate.side or "unknown",
                fingerprint=fingerprint(key),
                origin=Origin.INGESTION,
                extractor_version=EXTRACTOR_VERSION,
                first_reported_on=self.article.published_on,
            )
            self.unwritten_actors.append(actor)
        elif actor.review_state == ReviewState.REJECTED:
            return None
        elif not actor.is_locked_by_editor and actor.side == "unknown" and candidate.side:
            actor.side = candidate.side
            actor.save(update_fields=["side", "updated_at"])
        if not actor.is_locked_by_editor:
            for name in sorted(names, key=len):
                form = normalize_name(name)
                if form and form not in self.aliases:
                    alias = Alias(actor=actor, name=name[:200], normalized=form)
                    self.aliases[form] = alias
                    self.unwritten_aliases.append(alias)
        return actor

    def _actors_load(self, extraction: Extraction) -> None:
        """What finding the article's actors reads, in three queries, not three per actor:
        every known alias they go by, the actors of their fingerprints, and the slugs
        taken that a new actor's could clash with."""
        forms = set().union(*(_forms(c) for c in extraction.actors.values()))
        self.aliases = {
            alias.normalized: alias
            for alias in Alias.objects.filter(normalized__in=forms).select_related("actor")
        }
        # Those no alias finds are looked for by fingerprint (none: no query).
        unnamed = [
            key
            for key, candidate in extraction.actors.items()
            if not _forms(candidate) & self.aliases.keys()
        ]
        self._known_load(Actor, [fingerprint(key) for key in unnamed])
        bases = {_slug_base(extraction.actors[key].name) for key in unnamed}
        if bases:
            clash = reduce(or_, (Q(slug__startswith=base) for base in bases))
            self.slugs = set(Actor.objects.filter(clash).values_list("slug", flat=True))

    def _slug(self, name: str) -> str:
        base = _slug_base(name)
        slug, n = base, 1
        while slug in self.slugs:
            n += 1
            slug = f"{base}-{n}"
        self.slugs.add(slug)
        return slug

    # --- facts --------------------------------------------------------------------
    def facts_store(self, extraction: Extraction) -> None:
        """The article's facts, in the order they refer to each other: an offer names its
        channel, an event its offer or indictment."""
        channels = self._channels_store(extraction.channels)
        indictments = self._indictments_store(extraction.indictments)
        offers = self._offers_store(extraction.offers, channels)
        self._events_store(extraction.events, offers, indictments)
        self._positions_store(extraction.positions)
        self._spans_write()

    def _channels_store(self, candidates) -> dict[int, TalksChannel]:
        """Talks channels, new or linked to a known one; by candidate (its id)."""
        channels = {}
        reported = []  # the known channels this article is about
        self._known_load(TalksChannel, [self._channel_key(c) for c in candidates])
        # Offers to facilitate last: they join the talks the rest of the article is about.
        for candidate in sorted(candidates, key=lambda c: c.offered):
            participants = self._ids(candidate.participants)
            mediators = self._ids(candidate.mediators)
            date = candidate.date or self._publication_day()
            name = _channel_name(candidate, self.actors)
            key = self._channel_key(candidate)
            match = None
            if not self._known(TalksChannel, key):
                exclude = self.created[TalksChannel] | self.unlinked[TalksChannel]
                if candidate.offered:
                    match = resolve.facilitation_match(date, reported=reported, exclude=exclude)
                elif self.chosen[TalksChannel]:
                    match = _editors_match(self.chosen[TalksChannel][0])
                else:
                    match = resolve.channel_match(
                        candidate, date, parties=participants + mediators, exclude=exclude
                    )
            if match is not None:
                record = self._link(match)
                self._participants_add(record, [], mediators, date, candidate.sources)
                if not candidate.offered:
                    self._participants_add(record, participants, [], date, candidate.sources)
                    self._status_claim(record, candidate.status, date, candidate.sources, True)
            else:
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
                if not record.is_locked_by_editor:
                    _participants_write(record, participants, mediators)
                self._status_claim(record, candidate.status, date, candidate.sources, False)
            channels[id(candidate)] = record
            if participants and record not in reported:
                reported.append(record)
            self._evidence(record, candidate.sources)
        return channels

    def _channel_key(self, candidate) -> str:
        parties = self._ids(candidate.participants) + self._ids(candidate.mediators)
        return fingerprint(
            "channel",
            normalize_name(candidate.venue) or candidate.mode,
            sorted(parties),
            candidate.date.start.year if not candidate.is_current else "current",
        )

    def _indictments_store(self, candidates) -> dict[int, Indictment]:
        indictments = {}
        for candidate in candidates:
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
                    "bounty_currency": candidate.bounty_currency or DEFAULT_CURRENCY,
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
        return indictments

    def _offers_store(self, candidates, channels: dict) -> dict[int, Offer]:
        """Offers, new or linked to a known one, in the channel the article puts them in."""
        offers = {}
        self._known_load(Offer, [self._offer_key(c) for c in candidates])
        for candidate in candidates:
            maker = self.actors.get(candidate.offered_by or "")
            recipients = self._ids(candidate.recipients)
            key = self._offer_key(candidate)
            match = None
            if not self._known(Offer, key):
                chosen = [c for c in self.chosen[Offer] if c.record.kind == candidate.kind]
                match = (
                    _editors_match(chosen[0])
                    if chosen
                    else resolve.offer_match(
                        candidate,
                        maker=maker,
                        recipients=recipients,
                        exclude=self.created[Offer] | self.unlinked[Offer],
                    )
                )
            if match is not None:
                record = self._link(match)
                self._offer_fill(record, candidate, maker, recipients, channels)
                self._status_claim(
                    record, candidate.status, candidate.date, candidate.sources, True
                )
            else:
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
                    self._status_claim(
                        record, candidate.status, candidate.date, candidate.sources, False
                    )
            if record:
                offers[id(candidate)] = record
                self._evidence(record, candidate.sources)
        return offers

    def _offer_key(self, candidate) -> str:
        maker = self.actors.get(candidate.offered_by or "")
        return fingerprint(
            "offer",
            candidate.kind,
            maker.pk if maker else "",
            self._ids(candidate.recipients)[:1],
            candidate.status == OfferStatus.DECLINED,
            candidate.date.start.year,
        )

    def _events_store(self, candidates, offers: dict, indictments: dict) -> None:
        """Dated events with the claims they make, then the status developments reported."""
        self._status_claims_weigh()  # the events find the status reports they tell
        quoted = []
        for candidate in candidates:
            offer = offers.get(id(candidate.offer))
            indictment = indictments.get(id(candidate.indictment))
            record = self._event(candidate, offer, indictment)
            if record:
                quoted.append((record, self._evidence(record, candidate.sources)))
        self._m2m_write()
        self._spans_write()  # the claims need their quotes' ids: all the events' at once
        for record, rows in quoted:
            developments.development_claims(record, rows)
        self._developments_store()

    def _positions_store(self, candidates) -> None:
        candidates = [c for c in candidates if c.actor in self.actors]
        self._known_load(Position, [_position_key(self.actors[c.actor], c) for c in candidates])
        for candidate in candidates:
            actor = self.actors[candidate.actor]
            fields = {"actor": actor, "stance": candidate.stance, "condition": candidate.condition}
            if candidate.date:
                fields |= {
                    "stated_on": candidate.date.start,
                    "stated_precision": candidate.date.precision,
                }
            record = self._upsert(Position, _position_key(actor, candidate), fields)
            if record:
                self._evidence(record, candidate.sources)

    def _event(self, candidate, offer, indictment=None):
        date = candidate.date
        bounty = {}
        if indictment is not None and candidate.indictment.bounty_amount:
            bounty = {
                "bounty_amount": candidate.indictment.bounty_amount,
                "bounty_currency": candidate.indictment.bounty_currency or DEFAULT_CURRENCY,
            }
        # The same development reported at another precision: find it by overlapping dates.
        same = [
            e
            for e in Event.objects.filter(
                kind=candidate.kind,
                offer=offer,
                occurred_on__gte=date.start.replace(month=1, day=1),
                occurred_on__lte=date.end,
                **({"indictment": indictment, **bounty} if bounty else {}),
            ).exclude(fingerprint__in=self.development_keys)
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
                *([indictment.pk, bounty["bounty_amount"]] if bounty else []),
            )
        )
        fields = {
            "title": candidate.title[:300],
            "kind": candidate.kind,
            "status": EventStatus.SCHEDULED if candidate.scheduled else EventStatus.OCCURRED,
            "offer": offer,
            **({"indictment": indictment, **bounty} if bounty else {}),
        }
        report = self._report_told(date, candidate.sources)
        if report is not None:
            fields |= {
                "status_to": report.status,
                developments.link_name(report.record): report.record,
            }
        existing = same[0] if same else None
        if existing is not None and existing.fingerprint == key:
            self.known[Event][key] = existing  # just read: `_upsert` need not read it again
        if (
            existing is None
            or PRECISION_RANK[date.precision] >= PRECISION_RANK[existing.occurred_precision]
        ):
            fields |= {"occurred_on": date.start, "occurred_precision": date.precision}
        return self._upsert(
            Event, key, fields, {"actors": self._ids(candidate.actors)}, m2m_later=True
        )

    # --- what a report says about a known record: dated developments -----------------
    def _link(self, match: resolve.Match):
        """Record that this article reports `match.record`, with the reasons."""
        record = match.record
        content_type = ContentType.objects.get_for_model(record)
        link, _ = RecordLink.objects.get_or_create(
            article=self.article,
            content_type=content_type,
            object_id=record.pk,
            defaults={"reasons": match.reasons},
        )
        if link.reasons != match.reasons:
            link.reasons = match.reasons
            link.save(update_fields=["reasons"])
        self.links.add((content_type.pk, record.pk))
        self.touched[type(record)].add(record.pk)
        return record

    def _publication_day(self) -> PartialDate:
        return PartialDate(self.article.published_on, DatePrecision.DAY)

    def _status_claim(self, record, status: str, date: PartialDate, sources, linked) -> None:
        """What this article says `record`'s status was on `date`, weighed with the
        others by `_status_claims_weigh` (two queries for all, not two each)."""
        if not record.is_locked_by_editor:
            self.status_claims.append((record, status, date, list(sources), linked))

    def _status_claims_weigh(self) -> None:
        """Each status claim becomes a development when it is a change (or was made one by
        an earlier reading), so that the status on any date is the latest stated by then,
        whichever article was read first.

        Weak statements are no change: an offer "proposed" (any mention of an offer says
        as much), and talks "active" unless held on a given day.
        """
        claims, self.status_claims = self.status_claims, []
        self._known_load(Event, [_development_key(r, s, d) for r, s, d, _, _ in claims])
        changed = set()  # (link, record id) of the records with a status change
        records_by_link = defaultdict(set)
        for record, *_ in claims:
            records_by_link[developments.link_name(record)].add(record.pk)
        for link, ids in records_by_link.items():
            found = status_changes(**{f"{link}__in": ids}).values_list(link, flat=True)
            changed |= {(link, pk) for pk in found.distinct().order_by()}
        for record, status, date, sources, linked in claims:
            report = developments.StatusReport(record, status, date, sources)
            if self._known(Event, _development_key(record, status, date)):
                self.status_reports.append(report)
                continue
            weak = status == OfferStatus.PROPOSED or (
                status == ChannelStatus.ACTIVE and date.precision != DatePrecision.DAY
            )
            has_changed = (developments.link_name(record), record.pk) in changed
            if not has_changed:
                self.unchanged.add(record)
            # Known: even what is already the status, as a change dated between would hide
            # it. Not: only what the text says as a change ("declined", "suspended").
            claim = not weak if linked or has_changed else status in developments.REPORTED_CHANGES
            if claim:
                self.status_reports.append(report)

    def _report_told(self, date: PartialDate, sources) -> "developments.StatusReport | None":
        """The status report an event's own sentence makes that day: the event carries it."""
        for report in self.status_reports:
            if not report.told and report.date == date and set(report.sources) & set(sources):
                report.told = True
                return report
        return None

    def _developments_store(self) -> None:
        """Status reports no event of the article told become developments of their own;
        then each record's status follows its latest development (as editors' do)."""
        self.status_reports += self._first_statuses()
        for report in self.status_reports:
            record, link = report.record, developments.link_name(report.record)
            if not report.told:
                event = self._upsert(
                    Event,
                    _development_key(record, report.status, report.date),
                    {
                        "title": developments.development_title(record, report.status)[:300],
                        "kind": EventKind.STATUS_CHANGE,
                        "status": EventStatus.OCCURRED,
                        link: record,
                        "status_to": report.status,
                        "occurred_on": report.date.start,
                        "occurred_precision": report.date.precision,
                    },
                    {"actors": developments.development_actors(record)},
                )
                if event:
                    rows = self._evidence(event, report.sources)
                    self._spans_write()
                    rows += [self._evidence_copy(event, quote) for quote in report.quoted]
                    developments.development_claims(event, rows)
        for record in {r.record for r in self.status_reports}:
            developments.status_follow(record)

    def _first_statuses(self) -> list:
        """A record made from a later-dated report keeps that report's status as a
        development of its own, with that report's quote, when this article tells of an
        earlier change: otherwise the earlier change would read as the latest."""
        firsts = []
        for record in {r.record for r in self.status_reports} & self.unchanged:
            day = developments.record_date(record)
            earliest = min(r.date.start for r in self.status_reports if r.record == record)
            if day is None or day.start <= earliest:
                continue
            # The quote of the report the record was made from: its first evidence.
            quoted = list(record.evidence.order_by("id")[:1])
            if quoted and quoted[0].article_id not in (None, self.article.pk):
                firsts.append(
                    developments.StatusReport(record, record.status, day, [], quoted=quoted)
                )
        return firsts

    def _evidence_copy(self, record, quote: Evidence) -> Evidence:
        row, _ = Evidence.objects.get_or_create(
            content_type=ContentType.objects.get_for_model(record),
            object_id=record.pk,
            article=quote.article,
            start=quote.start,
            end=quote.end,
            defaults={
                "quote": quote.quote,
                "attribution": quote.attribution,
                "speaker": quote.speaker,
                "speaker_label": quote.speaker_label,
                "source_count": quote.source_count,
                "extractor_version": EXTRACTOR_VERSION,
            },
        )
        return row

    def _participants_add(self, channel, participants, mediators, date, sources) -> None:
        """Parties a later report names join a known channel; a new mediator is a development."""
        if channel.is_locked_by_editor:
            return
        for actor_id, role in [(i, ParticipantRole.PARTICIPANT) for i in participants] + [
            (i, ParticipantRole.MEDIATOR) for i in mediators
        ]:
            _, joined = ChannelParticipant.objects.get_or_create(
                channel=channel, actor_id=actor_id, defaults={"role": role}
            )
            key = fingerprint("mediator", channel.pk, actor_id)
            self.development_keys.add(key)
            # Joined now, or by this report on an earlier reading (which is kept).
            if role == ParticipantRole.MEDIATOR and (
                joined or Event.objects.filter(fingerprint=key).exists()
            ):
                actor = Actor.objects.get(pk=actor_id)
                event = self._upsert(
                    Event,
                    key,
                    {
                        "title": f"{actor.name} joins {channel.name} as mediator"[:300],
                        "kind": EventKind.TALKS,
                        "status": EventStatus.OCCURRED,
                        "channel": channel,
                        "occurred_on": date.start,
                        "occurred_precision": date.precision,
                    },
                    {"actors": [actor_id]},
                )
                if event:
                    rows = self._evidence(event, sources)
                    self._spans_write()
                    for row in rows:
                        claim_record(
                            record=channel,
                            property=ClaimProperty.PARTICIPANT,
                            value=(actor, role),
                            evidence=row,
                        )

    def _offer_fill(self, record, candidate, maker, recipients, channels) -> None:
        """What a later report adds to a known offer: only what it did not say yet."""
        if record.is_locked_by_editor:
            return
        changes = {}
        if record.offered_by_id is None and maker is not None:
            changes["offered_by"] = maker
        if not record.conditions and candidate.conditions:
            changes["conditions"] = candidate.conditions
        if record.channel_id is None and channels.get(id(candidate.channel)):
            changes["channel"] = channels[id(candidate.channel)]
        for name, value in changes.items():
            setattr(record, name, value)
        if changes:
            record.save()
        record.recipients.add(*recipients)

    # --- what an earlier run made that this one no longer finds ---------------------
    def prune(self) -> None:
        for link in RecordLink.objects.filter(article=self.article, state=LinkState.LINKED):
            if (link.content_type_id, link.object_id) not in self.links:
                link.delete()
        quoted = defaultdict(set)  # what this article's quotes support, by content type
        for content_type_id, object_id in Evidence.objects.filter(article=self.article).values_list(
            "content_type_id", "object_id"
        ):
            quoted[content_type_id].add(object_id)
        for model in (Role, TalksChannel, Indictment, Offer, Event, Position, Actor):
            content_type = ContentType.objects.get_for_model(model)
            from_here = Evidence.objects.filter(content_type=content_type, article=self.article)
            stale_ids = quoted[content_type.pk] - self.touched[model]
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
                    subject = record.subject if model is Event and record.status_to else None
                    record.delete()
                    if subject is not None:
                        developments.status_follow(subject)  # a change no report makes any more


def _participants_write(channel: TalksChannel, participants, mediators) -> None:
    """The channel's parties not in it yet, in one read and one INSERT (and one for their
    history); a party named both ways stays a participant, as first written."""
    roles = dict.fromkeys(participants, ParticipantRole.PARTICIPANT)
    for actor_id in mediators:
        roles.setdefault(actor_id, ParticipantRole.MEDIATOR)
    present = set(channel.participants.values_list("actor_id", flat=True))
    new = [
        ChannelParticipant(channel=channel, actor_id=actor_id, role=role)
        for actor_id, role in roles.items()
        if actor_id not in present
    ]
    if new:
        bulk_create_with_history(new, ChannelParticipant)


def _forms(candidate) -> set[str]:
    """An actor candidate's names as aliases are found by: normalised, none empty."""
    return {normalize_name(name) for name in (candidate.name, *candidate.aliases)} - {""}


def _slug_base(name: str) -> str:
    return slugify(name)[:200] or "actor"


def _role_key(actor: Actor, role) -> str:
    return fingerprint("role", actor.pk, normalize_name(role.title))


def _position_key(actor: Actor, candidate) -> str:
    return fingerprint("position", actor.pk, normalize_name(candidate.stance))


def _changes(record, fields: dict) -> dict:
    """The `fields` whose values differ from `record`'s; a related record is compared by
    its key, without loading the one `record` holds."""
    changes = {}
    for name, value in fields.items():
        field = record._meta.get_field(name)
        if field.is_relation:
            same = getattr(record, field.attname) == (value.pk if value is not None else None)
        else:
            same = getattr(record, name) == value
        if not same:
            changes[name] = value
    return changes


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


def _editors_match(link: RecordLink) -> resolve.Match:
    return resolve.Match(link.record, link.reasons)


def _development_key(record, status: str, date: PartialDate) -> str:
    return fingerprint("development", developments.link_name(record), record.pk, status, date.start)
