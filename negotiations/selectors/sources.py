"""A source page: an article with every evidence span and the records they support."""

from dataclasses import dataclass

from django.db.models import (
    Model,
)

from actors.models import Actor, Role
from core.models import ReviewState
from negotiations.models import Event, Indictment, Offer, Position, TalksChannel
from sources.models import Article, Evidence

# --- source pages ---------------------------------------------------------------
# The order in which a source page lists the records an article supports.
SOURCE_RECORD_MODELS: tuple[type[Model], ...] = (
    Actor,
    Role,
    Offer,
    TalksChannel,
    Indictment,
    Position,
    Event,
)


@dataclass
class SourceDetail:
    """An article, its evidence with the records each supports, and those records by type."""

    article: Article
    evidence: list[Evidence]
    records: dict[Evidence, list]  # evidence -> the (non-rejected) record it supports
    groups: list[tuple[str, list]]  # ("Offers", [offer, ...]) in SOURCE_RECORD_MODELS order


def source_detail(*, pk: int) -> SourceDetail:
    """One article and what it supports, in a query per record type. Raises DoesNotExist."""
    article = Article.objects.get(pk=pk)
    evidence = list(
        article.evidence.select_related("content_type", "speaker").order_by("start", "id")
    )
    wanted: dict[type[Model], set[int]] = {}
    for item in evidence:
        model = item.content_type.model_class()
        if model in SOURCE_RECORD_MODELS:
            wanted.setdefault(model, set()).add(item.object_id)
    found: dict[type[Model], dict[int, Model]] = {}
    for model in SOURCE_RECORD_MODELS:
        if model not in wanted:
            continue
        queryset = model.objects.filter(pk__in=wanted[model]).exclude(
            review_state=ReviewState.REJECTED
        )
        if model in (Role, Position):
            # A role or position of an actor an editor rejected goes with the actor.
            queryset = queryset.select_related("actor").exclude(
                actor__review_state=ReviewState.REJECTED
            )
        found[model] = {record.pk: record for record in queryset}
    records = {}
    for item in evidence:
        record = found.get(item.content_type.model_class(), {}).get(item.object_id)
        records[item] = [record] if record is not None else []
    groups = [
        (model._meta.verbose_name_plural.capitalize(), list(found[model].values()))
        for model in SOURCE_RECORD_MODELS
        if found.get(model)
    ]
    return SourceDetail(article=article, evidence=evidence, records=records, groups=groups)
