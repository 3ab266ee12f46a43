"""Reads of articles and evidence shared by every app's pages and the API."""

import datetime as dt
from functools import cache

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Exists, Model, OuterRef, Prefetch, Q, QuerySet, Subquery

from core.asof import evidence_known_by
from core.models import ReviewState
from sources.models import Article, Evidence, SourcedFact


@cache
def sourced_models() -> tuple[type[SourcedFact], ...]:
    """Every model whose records cite evidence (actors, roles, offers, ...)."""
    return tuple(m for m in apps.get_models() if issubclass(m, SourcedFact))


def evidence_prefetch(as_of: dt.date | None = None) -> Prefetch:
    """A record's evidence with its article and speaker, only what was out by `as_of`, as
    the plain list `record.evidence_spans`.

    A list, not the related manager's cache: for that, Django builds a manager and a
    filtered queryset per record, which was most of a 50-record list's time.
    """
    # The article's text stays behind: a quote carries its own span of it.
    queryset = evidence_shown(as_of).select_related("article", "speaker").defer("article__text")
    return Prefetch("evidence", queryset=queryset, to_attr="evidence_spans")


def evidence_shown(as_of: dt.date | None = None) -> QuerySet[Evidence]:
    """Evidence out by `as_of`, in the order a record lists it: by publication, then span."""
    queryset = Evidence.objects.order_by("article__published_on", "article_id", "start", "id")
    return queryset.filter(evidence_known_by(as_of)) if as_of is not None else queryset


def evidence_prefetches(as_of: dt.date | None, evidence: bool) -> list[Prefetch]:
    """What a record list adds for its quotes: evidence_prefetch, unless `evidence` is
    False (the negotiation state loads them for all its lists at once: evidence_attach)."""
    return [evidence_prefetch(as_of)] if evidence else []


def evidence_attach(records: list, *, as_of: dt.date | None = None) -> None:
    """Give each record its `evidence_spans`, as evidence_prefetch would, in one query
    for records of every kind (none when there are no records)."""
    ids: dict[type[Model], set[int]] = {}
    for record in records:
        ids.setdefault(type(record), set()).add(record.pk)
    found: dict[tuple[int, int], list[Evidence]] = {}
    if ids:
        condition = Q(pk__in=[])
        for model, pks in ids.items():
            content_type = ContentType.objects.get_for_model(model)
            condition |= Q(content_type=content_type, object_id__in=pks)
        spans = evidence_shown(as_of).filter(condition).select_related("article", "speaker")
        for span in spans.defer("article__text"):
            found.setdefault((span.content_type_id, span.object_id), []).append(span)
    for record in records:
        key = (ContentType.objects.get_for_model(record).pk, record.pk)
        record.evidence_spans = found.get(key, [])


def evidence_citing(**record_filter) -> Q:
    """Evidence citing a record, of any type, that matches `record_filter`."""
    condition = Q(pk__in=[])
    for model in sourced_models():
        # The content type as a subquery: building the condition never queries (schema
        # generation builds querysets before any table exists).
        content_type = ContentType.objects.filter(
            app_label=model._meta.app_label, model=model._meta.model_name
        ).values("pk")
        matching = model.objects.filter(pk=OuterRef("object_id"), **record_filter)
        condition |= Q(content_type=Subquery(content_type)) & Q(Exists(matching))
    return condition


def evidence_of_rejected() -> Q:
    return evidence_citing(review_state=ReviewState.REJECTED)


def article_list(*, with_text: bool = False) -> QuerySet[Article]:
    """Articles, newest first, with how many quotes cite them; the text only when asked."""
    queryset = Article.objects.annotate(evidence_count=Count("evidence")).order_by(
        "-published_on", "-id"
    )
    if with_text:
        spans = (
            Evidence.objects.select_related("speaker")
            .exclude(evidence_of_rejected())
            .order_by("start", "id")
        )
        return queryset.prefetch_related(Prefetch("evidence", queryset=spans))
    return queryset.defer("text")


def evidence_list() -> QuerySet[Evidence]:
    """Every quote with its article (without the article's text) and speaker."""
    return (
        Evidence.objects.exclude(evidence_of_rejected())
        .select_related("article", "speaker")
        .defer("article__text")
        .order_by("id")
    )
