"""Reads shared by the pages and the API: record lists and the negotiation state as of a date.

Every list here owns its joins and prefetches, so templates and serializers never
query on their own, and each honours `as_of` the same way:

- a record shows only if it was known by then (`core.asof.known_by`);
- its evidence is only what had been published or entered by then;
- its status is the one its latest known status-change event gave it (an Event
  with `status_to`), or, when every change came later, the status it had before its
  first change (`initial_status`), never one no source gave.

`as_of=None` means today's knowledge: every record, with its current status.
Records an editor rejected are never shown.

One module per reader: `records` (the lists, and what record pages add), `state`
(the negotiation state), `status_history` (a record's statuses over time), `timeline`
(its aggregates and export), `event_values` (the API's events list as plain values),
`sources` (source pages), `review` (the editors' queue) and `claims` (where sources
disagree). Import from the package.
"""

from negotiations.selectors.claims import (
    claims_attach,
    claims_open,
    claims_prefetch,
    claims_prefetches,
    claims_shown,
    disagreement_list,
    disagreements_of,
    event_claims,
    record_disagreements,
)
from negotiations.selectors.event_values import (
    EVENT_VALUES,
    EVIDENCE_VALUES,
    event_relations,
    event_values,
)
from negotiations.selectors.records import (
    RELATED_LIMIT,
    Related,
    channel_list,
    event_list,
    event_list_related,
    events_known,
    indictment_list,
    offer_list,
    position_list,
    record_known_later,
    related,
    status_changes,
)
from negotiations.selectors.review import (
    CONTEXT_CHARS,
    ReviewArticle,
    ReviewItem,
    review_article_list,
    review_last_decision,
    review_queue,
    unreviewed_evidence,
)
from negotiations.selectors.sources import (
    SourceDetail,
    source_detail,
)
from negotiations.selectors.state import (
    DEADLINE_KINDS,
    STALE_DAYS,
    STANDING_OFFER,
    Deadline,
    Freshness,
    NegotiationState,
    channel_sides,
    data_dates,
    deadline_list,
    freshness,
    negotiation_state,
    passed_list,
    verdicts_as_of,
)
from negotiations.selectors.status_history import StatusHistory, StatusSpell, status_history
from negotiations.selectors.timeline import (
    EXPORT_COLUMNS,
    development_period_counts,
    event_export_rows,
    event_period_counts,
)

__all__ = [
    "claims_attach",
    "claims_open",
    "claims_prefetch",
    "claims_prefetches",
    "claims_shown",
    "disagreement_list",
    "disagreements_of",
    "event_claims",
    "record_disagreements",
    "EVENT_VALUES",
    "events_known",
    "EVIDENCE_VALUES",
    "event_relations",
    "event_values",
    "offer_list",
    "channel_list",
    "indictment_list",
    "position_list",
    "event_list",
    "RELATED_LIMIT",
    "Related",
    "related",
    "status_changes",
    "StatusHistory",
    "StatusSpell",
    "status_history",
    "event_list_related",
    "record_known_later",
    "STANDING_OFFER",
    "STALE_DAYS",
    "DEADLINE_KINDS",
    "Deadline",
    "Freshness",
    "NegotiationState",
    "deadline_list",
    "negotiation_state",
    "channel_sides",
    "data_dates",
    "freshness",
    "passed_list",
    "verdicts_as_of",
    "event_period_counts",
    "development_period_counts",
    "EXPORT_COLUMNS",
    "event_export_rows",
    "SourceDetail",
    "source_detail",
    "ReviewItem",
    "ReviewArticle",
    "unreviewed_evidence",
    "review_article_list",
    "review_last_decision",
    "review_queue",
    "CONTEXT_CHARS",
]
