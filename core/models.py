"""What every fact-bearing record carries: where it came from and whether an editor checked it."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from core.dates import date_range_problem
from core.text import TextFieldsClean


class Origin(models.TextChoices):
    INGESTION = "ingestion", "Ingestion"
    EDITOR = "editor", "Editor"


class ReviewState(models.TextChoices):
    UNREVIEWED = "unreviewed", "Unreviewed"
    CONFIRMED = "confirmed", "Confirmed"
    CORRECTED = "corrected", "Corrected"
    REJECTED = "rejected", "Rejected"


def shown(record):
    """`record`, or None if an editor rejected it: a link to a rejected record is no link.

    For records reached through a foreign key (an event's offer, a quote's speaker);
    lists of linked records leave rejected ones out in their query instead.
    """
    if record is None or getattr(record, "review_state", None) == ReviewState.REJECTED:
        return None
    return record


class Fact(TextFieldsClean, models.Model):
    """Abstract base: provenance, review state and an edit version for a record.

    `fingerprint` is the identity ingestion gives a record (say, the offer's kind,
    maker and recipients): the same fact seen again, in the same or another article,
    finds its record by it, and a unique constraint stops two workers storing it twice.
    `version` increases on every edit, so a stale form or API write can be refused.
    Its text refuses control characters (core.text), as every record's does.
    """

    origin = models.CharField(max_length=16, choices=Origin, default=Origin.INGESTION)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The editor who entered the record, when an editor did.",
    )
    extractor_version = models.CharField(max_length=32, blank=True)
    # NULL, not '': editors' records have no fingerprint and must not collide.
    fingerprint = models.CharField(max_length=64, null=True, blank=True, editable=False)  # noqa: DJ001
    review_state = models.CharField(
        max_length=16, choices=ReviewState, default=ReviewState.UNREVIEWED
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    first_reported_on = models.DateField(
        null=True,
        blank=True,
        db_index=True,
        help_text="When the record became known: its earliest source's publication date.",
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        abstract = True
        constraints = [
            models.UniqueConstraint(
                fields=["fingerprint"], name="%(app_label)s_%(class)s_unique_fingerprint"
            ),
            models.CheckConstraint(
                condition=Q(origin__in=Origin.values), name="%(app_label)s_%(class)s_valid_origin"
            ),
            models.CheckConstraint(
                condition=Q(review_state__in=ReviewState.values),
                name="%(app_label)s_%(class)s_valid_review_state",
            ),
        ]

    def clean_fields(self, exclude=None) -> None:
        super().clean_fields(exclude=exclude)
        # Every door (forms, API, ingestion) validates through here: one date range.
        errors = {
            field.name: problem
            for field in self._meta.concrete_fields
            if isinstance(field, models.DateField)
            and not isinstance(field, models.DateTimeField)
            and field.name not in (exclude or ())
            and (problem := date_range_problem(getattr(self, field.attname)))
        }
        if errors:
            raise ValidationError(errors)

    @property
    def is_locked_by_editor(self) -> bool:
        """Ingestion never changes, recreates or resurrects a record an editor decided on."""
        return self.origin == Origin.EDITOR or self.review_state != ReviewState.UNREVIEWED
