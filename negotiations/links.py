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


@transaction.atomic
def record_link_move(*, link: RecordLink, by, target_pk) -> RecordLink:
    """Link the article's report to another known record of the same kind instead: the
    article is read again, and its developments go to that record."""
    model = link.content_type.model_class()
    name = model._meta.verbose_name
    target = None
    if str(target_pk).isdecimal():
        target = model.objects.filter(pk=int(target_pk)).first()
    if target is None:
        raise ValidationError({"record": f"There is no {name} #{target_pk}."})
    if target.pk == link.object_id:
        raise ValidationError({"record": f"The report is already linked to {name} #{target.pk}."})
    link.state, link.decided_by = LinkState.UNLINKED, by
    link.save(update_fields=["state", "decided_by"])
    chosen, _ = RecordLink.objects.update_or_create(
        article_id=link.article_id,
        content_type=link.content_type,
        object_id=target.pk,
        defaults={
            "state": LinkState.CONFIRMED,
            "decided_by": by,
            "reasons": f"chosen by an editor instead of {name} #{link.object_id}",
        },
    )
    article_reingest(link.article_id)
    return chosen
