"""Editors' word on ingestion's record links (RecordLink): what a later report is about."""

from django.core.exceptions import ValidationError
from django.db import transaction

from negotiations.choices import LinkState
from negotiations.models import RecordLink
from negotiations.tasks import article_reingest


@transaction.atomic
def record_link_decide(*, link: RecordLink, by, decision: str) -> RecordLink:
    """Confirm a link, or unlink it: the article is then read again, and what it reports
    becomes a record of its own (ingestion never links the two again)."""
    if decision not in (LinkState.CONFIRMED, LinkState.UNLINKED):
        raise ValidationError({"decision": "Choose confirmed or unlinked."})
    link.state, link.decided_by = decision, by
    link.save(update_fields=["state", "decided_by"])
    if decision == LinkState.UNLINKED:
        article_reingest(link.article_id)
    return link
