"""The timeline's events as plain values: the API's events list, its busiest endpoint.

`event_list` gives model instances with prefetched actors and evidence, which suits a
page or a detail. For a list of 50 that cost the ORM building hundreds of instances
and related managers, most of an API response's time. Here the same rows, under the
same rules (actors an editor rejected left out, evidence only what was out by the
as-of date, in the same order), come as dicts: one query for the events, with what
names their offer, channel and indictment, one for their actors and one for their
evidence. tests/api/test_event_values.py checks the API's output is the same either way.
"""

import datetime as dt
from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.db.models import F, QuerySet

from actors.selectors import actors_shown
from negotiations.models import Event
from negotiations.selectors.claims import claims_open
from sources.selectors import evidence_shown

# A linked record comes as its id, the fields its name (`__str__`) reads, and its review
# state (a rejected one is no link).
EVENT_VALUES = (
    "id",
    "title",
    "summary",
    "kind",
    "status",
    "occurred_on",
    "occurred_precision",
    "status_to",
    "bounty_amount",
    "bounty_currency",
    "origin",
    "review_state",
    "first_reported_on",
    "version",
    "created_at",
    "updated_at",
    "offer_id",
    "offer__terms",
    "offer__review_state",
    "channel_id",
    "channel__name",
    "channel__review_state",
    "indictment_id",
    "indictment__charges",
    "indictment__review_state",
)

EVIDENCE_VALUES = (
    "id",
    "object_id",
    "article_id",
    "article__title",
    "article__published_on",
    # What the confidence rules read (negotiations.confidence); not shown as such.
    "article__publisher",
    "article__url",
    "start",
    "end",
    "quote",
    "url",
    "note",
    "attribution",
    "speaker_id",
    "speaker__name",
    "speaker__review_state",
    "speaker_label",
    "source_count",
)


def event_values(events: QuerySet[Event]) -> QuerySet:
    """`events` (events_known's queryset, filtered) as dicts of EVENT_VALUES, and
    `claims_open`: whether the event has claims in a disagreement (event_claims)."""
    return events.annotate(claims_open=claims_open(Event)).values(*EVENT_VALUES, "claims_open")


def event_relations(
    event_ids: list[int], *, as_of: dt.date | None = None
) -> tuple[dict[int, list[dict]], dict[int, list[dict]]]:
    """The events' shown actors ({id, name}) and evidence (EVIDENCE_VALUES), by event id."""
    actors = defaultdict(list)
    evidence = defaultdict(list)
    if not event_ids:
        return actors, evidence
    # The filter and the annotation share one join: each row is one (actor, event) link.
    for row in actors_shown().filter(events__in=event_ids).values("id", "name", event=F("events")):
        actors[row["event"]].append(row)
    quotes = evidence_shown(as_of).filter(
        content_type=ContentType.objects.get_for_model(Event), object_id__in=event_ids
    )
    for row in quotes.values(*EVIDENCE_VALUES):
        evidence[row["object_id"]].append(row)
    return actors, evidence
