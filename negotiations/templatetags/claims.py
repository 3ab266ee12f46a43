"""Filters for where sources disagree (negotiations.claims)."""

import datetime as dt

from django import template

from negotiations.claims import ClaimGroup, source_name
from negotiations.models import Claim
from negotiations.selectors import record_disagreements

register = template.Library()


@register.filter
def disagreements(record, as_of: dt.date | None = None) -> list[ClaimGroup]:
    """`{% with groups=record|disagreements:as_of %}`: from the claims its selector
    prefetched, so no query; nothing for a record loaded without them."""
    if getattr(record, "claims_disputed", None) is None:
        return []
    return record_disagreements(record, as_of=as_of or None)


@register.filter
def claim_source(claim: Claim) -> str:
    """Who states the claim, as readers know them: 'Harbour Post', 'example.org'."""
    return source_name(claim.source_key, claim.evidence)


@register.filter
def model_kind(record) -> str:
    """'Offer', 'Talks channel', 'Event': what kind of record a disagreement is about."""
    return str(record._meta.verbose_name).capitalize()
