"""Reads for actors: the actor list as known on a date, where a merged actor's address
leads, and the known actors close to a new name. (An actor's page lists the negotiation
records it appears in, so negotiations.selectors.actor_page reads it.)"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Case, Exists, OuterRef, Prefetch, Q, QuerySet, Value, When

from actors.models import Actor, ActorRedirect, Alias
from actors.normalize import name_similarity, normalize_name
from core.asof import visible
from core.models import ReviewState
from sources.selectors import evidence_prefetch


def actors_shown() -> QuerySet[Actor]:
    """Actors linked from a record (recipients, defendants...): never one an editor rejected."""
    return Actor.objects.exclude(review_state=ReviewState.REJECTED).order_by("name", "id")


def actor_list(*, as_of: dt.date | None = None) -> QuerySet[Actor]:
    return visible(Actor.objects.all(), as_of).prefetch_related(
        Prefetch("aliases", queryset=Alias.objects.order_by("name")), evidence_prefetch(as_of)
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


def actor_resolve(*, text: str, as_of: dt.date | None = None) -> str | None:
    """The slug of the actor `text` names, as a reader types it into a filter: its slug,
    else its name or an alias (case, accents and punctuation aside). One query."""
    text = text.strip()
    if not text:
        return None
    alias = Alias.objects.filter(actor=OuterRef("pk"), normalized=normalize_name(text))
    match = Q(slug=text) | Q(name__iexact=text) | Exists(alias)
    return (
        visible(Actor.objects.all(), as_of)
        .filter(match)
        .annotate(by_slug=Case(When(slug=text, then=Value(0)), default=Value(1)))
        .order_by("by_slug", "name", "id")
        .values_list("slug", flat=True)
        .first()
    )


SUGGESTIONS_MAX = 10


def actor_text_match(text: str, folded: str) -> Q:
    """Actors whose name, slug or an alias contains `text` (`folded`: it as normalize_name
    gives it, as aliases are stored: case, accents, punctuation folded)."""
    alias = Alias.objects.filter(actor=OuterRef("pk"), normalized__contains=folded)
    return Q(name__icontains=text) | Q(slug__icontains=text) | Exists(alias)


def actor_suggestions(
    *, text: str, as_of: dt.date | None = None, limit: int = SUGGESTIONS_MAX
) -> list[Actor]:
    """Up to `limit` actors whose name, slug or an alias contains `text` (aliases folded:
    case, accents, punctuation), those whose name starts with it first, known by `as_of`
    and never rejected: the type-ahead of the timeline's filter and of editors' pickers.
    One query."""
    text = text.strip()
    folded = normalize_name(text)
    if not text or not folded:
        return []
    return list(
        visible(Actor.objects.all(), as_of)
        .filter(actor_text_match(text, folded))
        .annotate(later=Case(When(name__istartswith=text, then=Value(0)), default=Value(1)))
        .order_by("later", "name", "id")
        .only("id", "slug", "name", "side")[:limit]
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
