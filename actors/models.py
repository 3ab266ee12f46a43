from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from actors.choices import ActorKind, Side
from actors.normalize import normalize_name
from core.dates import DatePrecision, format_partial_date
from core.text import TextFieldsClean
from sources.models import SourcedFact


class Actor(SourcedFact):
    """A person, organization, government, institution or group in the negotiation."""

    name = models.CharField(max_length=200, help_text="The fullest name seen, for display.")
    slug = models.SlugField(max_length=220, unique=True)
    kind = models.CharField(max_length=16, choices=ActorKind, default=ActorKind.PERSON)
    side = models.CharField(max_length=32, choices=Side, default=Side.UNKNOWN, db_index=True)
    description = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta(SourcedFact.Meta):
        ordering = ["name"]
        constraints = [
            *SourcedFact.Meta.constraints,
            models.CheckConstraint(condition=Q(kind__in=ActorKind.values), name="actor_valid_kind"),
            models.CheckConstraint(condition=Q(side__in=Side.values), name="actor_valid_side"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("actors:detail", args=[self.slug])


class Alias(TextFieldsClean, models.Model):
    """One spelling of an actor's name; unique across all actors by its normalised form."""

    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=200)
    normalized = models.CharField(max_length=200, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "aliases"
        constraints = [
            models.CheckConstraint(condition=~Q(normalized=""), name="alias_not_empty"),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.normalized = normalize_name(self.name)
        super().save(*args, **kwargs)

    def clean(self) -> None:
        self.normalized = normalize_name(self.name)
        if not self.normalized:
            raise ValidationError({"name": "An alias needs at least one letter or digit."})
        taken = Alias.objects.filter(normalized=self.normalized).exclude(pk=self.pk)
        owner = taken.select_related("actor").first()
        if owner is not None:
            raise ValidationError(
                {"name": f"“{self.name}” is already an alias of {owner.actor.name}."}
            )


class Role(SourcedFact):
    """A title or affiliation an actor held, over a period when the source gives one."""

    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="roles")
    title = models.CharField(max_length=300)
    organization = models.ForeignKey(
        Actor, null=True, blank=True, on_delete=models.SET_NULL, related_name="member_roles"
    )
    started_on = models.DateField(null=True, blank=True)
    started_precision = models.CharField(
        max_length=8, choices=DatePrecision, default=DatePrecision.DAY
    )
    ended_on = models.DateField(null=True, blank=True)
    ended_precision = models.CharField(
        max_length=8, choices=DatePrecision, default=DatePrecision.DAY
    )

    history = HistoricalRecords()

    class Meta(SourcedFact.Meta):
        ordering = ["actor", "-started_on"]
        constraints = [
            *SourcedFact.Meta.constraints,
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True)
                | Q(started_on__isnull=True)
                | Q(ended_on__gte=F("started_on")),
                name="role_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.actor}: {self.title}"

    def clean(self) -> None:
        if self.started_on and self.ended_on and self.ended_on < self.started_on:
            raise ValidationError({"ended_on": "The end is before the start."})

    @property
    def period(self) -> str:
        start = format_partial_date(self.started_on, self.started_precision)
        end = format_partial_date(self.ended_on, self.ended_precision)
        return f"{start}–{end}" if start or end else ""


class ActorRedirect(models.Model):
    """The address of an actor merged into another: its slug (and id) lead to the one kept.

    Links to the duplicate's page, bookmarks and API clients keep working (a 301); a
    later merge of the kept actor moves these along with its other links.
    """

    slug = models.SlugField(max_length=220, unique=True)
    old_id = models.PositiveBigIntegerField(db_index=True, help_text="The merged actor's id.")
    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="redirects")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["slug"]

    def __str__(self) -> str:
        return f"{self.slug} → {self.actor_id}"
