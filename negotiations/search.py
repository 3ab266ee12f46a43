"""Search across actors (and their aliases), records, events and article text.

PostgreSQL gets full-text search (websearch syntax, ranked; article snippets by
ts_headline); the embedded SQLite default gets a case-insensitive match of every
word on the same fields. Each group is capped, with its full count; a fixed number
of queries whatever the data size. Rejected records never show.

A term that matches most of a large table ("talks" among a million events) is not ranked
or counted row by row: the planner's estimate gives its count ("about 830,000") and the
newest matches are shown, read from the date index until the page is full. Ranking a
hundred thousand equally good matches said little and took most of a second.
"""

import json
import re
from dataclasses import dataclass

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVector,
    SearchVectorField,
)
from django.db import connection
from django.db.models import Count, Expression, F, Model, Prefetch, Q, QuerySet, Window

from actors.models import Actor, Alias
from actors.normalize import normalize_name
from core.models import ReviewState
from core.text import CONTROL_CHARACTERS
from negotiations.models import Event, Indictment, Offer, Position, TalksChannel
from negotiations.selectors.labels import with_offer_labels
from sources.models import Article

GROUP_LIMIT = 20
# Above this many matches (the planner's estimate), a stored-document group shows its
# newest matches and an estimated count.
BROAD_MATCHES = 10_000
QUERY_MAX_LENGTH = 200
_MAX_WORDS = 8
_SNIPPET_CHARS = 220


@dataclass(frozen=True)
class SearchGroup:
    key: str  # "offers"
    label: str  # "Offers"
    items: list
    count: int
    is_estimate: bool = False  # count is the planner's estimate; items are the newest

    @property
    def count_label(self) -> str:
        """The count in words: "1,204", or an estimate to two figures, "about 830,000"."""
        if not self.is_estimate:
            return f"{self.count:,}"
        return f"about {round(self.count, 2 - len(str(self.count))):,}"


@dataclass(frozen=True)
class SearchSpec:
    model: type[Model]
    key: str
    fields: tuple[str, ...]
    order: tuple[str, ...]  # for SQLite, which has no rank


SPECS = (
    SearchSpec(Actor, "actors", ("name", "description"), ("name",)),
    SearchSpec(Offer, "offers", ("terms", "conditions"), ("-offered_on", "-id")),
    SearchSpec(Indictment, "indictments", ("charges",), ("-filed_on", "-id")),
    SearchSpec(TalksChannel, "channels", ("name", "venue"), ("-last_activity_on", "-id")),
    SearchSpec(Position, "positions", ("stance", "condition"), ("-stated_on", "-id")),
    SearchSpec(Event, "events", ("title", "summary"), ("-occurred_on", "-id")),
    SearchSpec(Article, "articles", ("title", "text"), ("-published_on", "-id")),
)


def search_query_clean(raw: str | None) -> str:
    """Words of plain text: a control character (PostgreSQL refuses a NUL) separates words
    as a space does; runs of spaces become one, and a long query is cut."""
    return " ".join(CONTROL_CHARACTERS.sub(" ", raw or "").split())[:QUERY_MAX_LENGTH]


def record_search(query: str, *, limit: int = GROUP_LIMIT) -> list[SearchGroup]:
    """Every group (empty ones too, in a fixed order) for `query`; [] for a blank query."""
    query = search_query_clean(query)
    if not query:
        return []
    postgres = connection.vendor == "postgresql"
    groups = []
    for spec in SPECS:
        queryset = _search_pg(spec, query) if postgres else _search_words(spec, query)
        queryset = _decorate(spec, queryset, query, postgres)
        if postgres and spec.model in _STORED:
            items, count, is_estimate = _stored_group(spec, queryset, limit)
        else:
            items, count, is_estimate = list(queryset[:limit]), queryset.order_by().count(), False
        if spec.model is Article:
            for article in items:
                article.snippet_pieces = article_snippet(article, query)
        label = spec.model._meta.verbose_name_plural.capitalize()
        groups.append(SearchGroup(spec.key, label, items, count, is_estimate))
    return groups


def _stored_group(spec: SearchSpec, queryset: QuerySet, limit: int) -> tuple[list, int, bool]:
    """A large table's page of matches and their count, in two queries at any size: the
    planner's estimate of the matches, then, for a narrow term, the best ranked with the
    exact count alongside (a window over the matches); for a broad one, the newest."""
    plan = json.loads(queryset.order_by().explain(format="json"))
    estimate = int(plan[0]["Plan"]["Plan Rows"])
    if estimate > BROAD_MATCHES:
        return list(queryset.order_by(*spec.order)[:limit]), estimate, True
    items = list(queryset.annotate(matches=Window(Count("pk")))[:limit])
    return items, items[0].matches if items else 0, False


def _base(spec: SearchSpec) -> QuerySet:
    queryset = spec.model.objects.all()
    if spec.model is not Article:
        queryset = queryset.exclude(review_state=ReviewState.REJECTED)
    return queryset


def _alias_match(query: str) -> Q:
    """Actors whose any alias contains the query, ignoring case, accents and punctuation."""
    normalized = normalize_name(query)
    if not normalized:
        return Q(pk__in=[])
    return Q(pk__in=Alias.objects.filter(normalized__contains=normalized).values("actor_id"))


class _StoredDocument(Expression):
    """The row's `search_document`: a generated tsvector column (migration 0015) that the
    ORM does not model, so ranking and counting read it instead of computing it."""

    output_field = SearchVectorField()

    def as_sql(self, compiler, connection):
        table = compiler.quote_name_unless_alias(compiler.query.base_table)
        return f"{table}.{connection.ops.quote_name('search_document')}", []


# Tables with a stored, GIN-indexed document (the large ones); the rest compute theirs.
_STORED = {Event, Article}


def _search_pg(spec: SearchSpec, query: str) -> QuerySet:
    search = SearchQuery(query, search_type="websearch", config="english")
    if spec.model in _STORED:
        vector = _StoredDocument()
    else:
        vector = SearchVector(*spec.fields, config="english")
    queryset = _base(spec).annotate(document=vector, rank=SearchRank(F("document"), search))
    match = Q(document=search)
    if spec.model is Actor:
        aliases = Alias.objects.annotate(v=SearchVector("name", config="english")).filter(v=search)
        match |= Q(pk__in=aliases.values("actor_id")) | _alias_match(query)
    return queryset.filter(match).order_by("-rank", *spec.order)


def _search_words(spec: SearchSpec, query: str) -> QuerySet:
    """Every word must appear in one of the fields (or, for actors, in an alias)."""
    words = re.findall(r"\w[\w'’.-]*", query)[:_MAX_WORDS] or [query]
    match = Q()
    for word in words:
        any_field = Q()
        for name in spec.fields:
            any_field |= Q(**{f"{name}__icontains": word})
        if spec.model is Actor:
            any_field |= Q(pk__in=Alias.objects.filter(name__icontains=word).values("actor_id"))
        match &= any_field
    if spec.model is Actor:
        match |= _alias_match(query)
    return _base(spec).filter(match).order_by(*spec.order)


def _decorate(spec: SearchSpec, queryset: QuerySet, query: str, postgres: bool) -> QuerySet:
    """What each group's result rows show, loaded in the same fixed number of queries."""
    if spec.model is Actor:
        return queryset.prefetch_related(
            Prefetch("aliases", queryset=Alias.objects.order_by("name"))
        )
    if spec.model is Position:
        return queryset.select_related("actor")
    if spec.model is Offer:
        return with_offer_labels(queryset)
    if spec.model is Article and postgres:
        # ts_headline marks matches with sentinel characters the template escapes around.
        return queryset.defer("text").annotate(
            snippet=SearchHeadline(
                "text",
                SearchQuery(query, search_type="websearch", config="english"),
                config="english",
                start_sel="\x02",
                stop_sel="\x03",
                max_words=35,
                min_words=15,
            )
        )
    return queryset


def article_snippet(article: Article, query: str) -> list[tuple[str, bool]]:
    """An article's snippet as (text, is_match) pieces, for the template to escape and mark."""
    headline = getattr(article, "snippet", None)
    if headline is None:
        headline = _snippet_around(article.text, query)
    pieces = []
    for part in re.split(r"(\x02[^\x03]*\x03)", headline):
        if part.startswith("\x02"):
            pieces.append((part.strip("\x02\x03"), True))
        elif part:
            pieces.append((part, False))
    return pieces


def _snippet_around(text: str, query: str) -> str:
    """SQLite's snippet: the text around the first matching word, matches marked."""
    words = [w for w in re.findall(r"\w[\w'’.-]*", query)[:_MAX_WORDS] if len(w) > 1]
    lowered = text.lower()
    hits = [i for i in (lowered.find(w.lower()) for w in words) if i >= 0]
    start = max(min(hits) - _SNIPPET_CHARS // 3, 0) if hits else 0
    window = text[start : start + _SNIPPET_CHARS]
    if words:
        pattern = re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE)
        window = pattern.sub(lambda m: f"\x02{m.group(0)}\x03", window)
    prefix = "…" if start else ""
    suffix = "…" if start + _SNIPPET_CHARS < len(text) else ""
    return f"{prefix}{window}{suffix}"
