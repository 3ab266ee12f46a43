"""Reads for actors: an actor's page (as known on a date, with bounded related lists), where
a merged actor's address leads, and the known actors close to a new name."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Case, Exists, F, OuterRef, Prefetch, Q, Value, When

from actors.models import Actor, ActorRedirect, Alias, Role
from actors.normalize import name_similarity, normalize_name
from core.asof import known_by
from core.models import ReviewState
from negotiations.models import Event, Indictment, Offer
from negotiations.selectors import (
    RELATED_LIMIT,
    Related,
    actor_list,
    channel_list,
    event_list_related,
    evidence_prefetch,
    indictment_list,
    offer_list,
    position_list,
    related,
)


@dataclass
class ActorDetail:
    """An actor and, newest first, the first few of each kind of record it appears in."""

    actor: Actor
    offers: Related
    indictments: Related
    channels: Related
    positions: Related
    events: Related


def _roles(as_of: dt.date | None) -> Prefetch:
    roles = Role.objects.exclude(review_state=ReviewState.REJECTED)
    if as_of is not None:
        roles = roles.filter(known_by(as_of))
    roles = (
        roles.select_related("organization")
        .prefetch_related(evidence_prefetch(as_of))
        .order_by(F("started_on").desc(nulls_last=True), "title")
    )
    return Prefetch("roles", queryset=roles)


def actor_detail(
    *, slug: str, as_of: dt.date | None = None, limit: int = RELATED_LIMIT
) -> ActorDetail:
    """The actor known on `as_of` (raises Actor.DoesNotExist), in a fixed number of queries."""
    # actor_list already prefetches the actor's evidence as of the date.
    actor = actor_list(as_of=as_of).prefetch_related(_roles(as_of)).get(slug=slug)
    offer_ids = Offer.objects.filter(Q(offered_by=actor) | Q(recipients=actor)).values("pk")
    indictment_ids = Indictment.objects.filter(Q(defendants=actor) | Q(authority=actor)).values(
        "pk"
    )
    return ActorDetail(
        actor=actor,
        offers=related(
            offer_list(as_of=as_of)
            .filter(pk__in=offer_ids)
            .order_by(F("status_since").desc(nulls_last=True), "-id"),
            limit=limit,
        ),
        indictments=related(
            indictment_list(as_of=as_of)
            .filter(pk__in=indictment_ids)
            .order_by(F("filed_on").desc(nulls_last=True), "-id"),
            limit=limit,
        ),
        channels=related(
            channel_list(as_of=as_of)
            .filter(pk__in=actor.channel_roles.values("channel_id"))
            .order_by(F("last_seen_on").desc(nulls_last=True), "-id"),
            limit=limit,
        ),
        positions=related(
            position_list(as_of=as_of)
            .filter(actor=actor)
            .order_by(F("stated_on").desc(nulls_last=True), "-id"),
            limit=limit,
        ),
        events=event_list_related(
            as_of=as_of,
            limit=limit,
            pk__in=Event.actors.through.objects.filter(actor=actor).values("event_id"),
        ),
    )


def actor_merged_into(*, slug: str = "", old_id: int | None = None) -> Actor | None:
    """The actor that a merged actor's slug (or id) now leads to, if it was merged and
    no actor holds that address now."""
    by_slug = Q(slug=slug) if slug else Q(pk__in=[])
    match, taken = by_slug, by_slug
    if old_id is not None:
        match |= Q(old_id=old_id)
        taken |= Q(pk=old_id)
    if Actor.objects.filter(taken).exists():
        return None
    found = ActorRedirect.objects.filter(match).select_related("actor").order_by("-id").first()
    return found.actor if found else None


def _actors_known(as_of: dt.date | None):
    """Actors a reader sees as of the date (as negotiations.selectors.actor_list), bare."""
    actors = Actor.objects.exclude(review_state=ReviewState.REJECTED)
    return actors.filter(known_by(as_of)) if as_of is not None else actors


def actor_resolve(*, text: str, as_of: dt.date | None = None) -> str | None:
    """The slug of the actor `text` names, as a reader types it into a filter: its slug,
    else its name or an alias (case, accents and punctuation aside). One query."""
    text = text.strip()
    if not text:
        return None
    alias = Alias.objects.filter(actor=OuterRef("pk"), normalized=normalize_name(text))
    match = Q(slug=text) | Q(name__iexact=text) | Exists(alias)
    return (
        _actors_known(as_of)
        .filter(match)
        .annotate(by_slug=Case(When(slug=text, then=Value(0)), default=Value(1)))
        .order_by("by_slug", "name", "id")
        .values_list("slug", flat=True)
        .first()
    )


SUGGESTIONS_MAX = 10


def actor_suggestions(
    *, text: str, as_of: dt.date | None = None, limit: int = SUGGESTIONS_MAX
) -> list[dict]:
    """Up to `limit` actors whose name, slug or an alias contains `text`, those whose name
    starts with it first, as {"slug", "name"}: a filter's type-ahead. One query."""
    text = text.strip()
    folded = normalize_name(text)
    if not text or not folded:
        return []
    alias = Alias.objects.filter(actor=OuterRef("pk"), normalized__contains=folded)
    match = Q(name__icontains=text) | Q(slug__icontains=text) | Exists(alias)
    return list(
        _actors_known(as_of)
        .filter(match)
        .annotate(later=Case(When(name__istartswith=text, then=Value(0)), default=Value(1)))
        .order_by("later", "name", "id")
        .values("slug", "name")[:limit]
    )


SIMILAR_AT = 0.85  # name_similarity from which a new name is "close" to a known one


@dataclass(frozen=True)
class SimilarActor:
    """A known actor whose name or alias is close to a new name (`alias`: the one matched)."""

    actor: Actor
    alias: str
    score: float


def actor_similar(*, name: str, limit: int = 5) -> list[SimilarActor]:
    """Actors not rejected whose name or an alias is close to `name`, closest first.

    A name already taken exactly is not listed: creating it is refused outright. One
    pass over the normalised aliases in Python (difflib): creation is rare, and this
    needs no database extension.
    """
    wanted = normalize_name(name)
    if not wanted:
        return []
    aliases = Alias.objects.exclude(actor__review_state=ReviewState.REJECTED)
    actors = Actor.objects.exclude(review_state=ReviewState.REJECTED)
    known = list(aliases.values_list("normalized", "name", "actor_id"))
    known += [(normalize_name(n), n, pk) for pk, n in actors.values_list("pk", "name")]
    if any(normalized == wanted for normalized, _name, _pk in known):
        return []
    best: dict[int, tuple[float, str]] = {}
    for normalized, alias, actor_id in known:
        score = name_similarity(wanted, normalized)
        if score >= SIMILAR_AT and score > best.get(actor_id, (0, ""))[0]:
            best[actor_id] = (score, alias)
    ranked = sorted(best.items(), key=lambda item: -item[1][0])[:limit]
    found = actors.in_bulk([actor_id for actor_id, _match in ranked])
    return [
        SimilarActor(found[actor_id], alias, score)
        for actor_id, (score, alias) in ranked
        if actor_id in found
    ]
