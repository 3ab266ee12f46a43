from django.db import models


class ActorKind(models.TextChoices):
    PERSON = "person", "Person"
    ORGANIZATION = "organization", "Organization"
    GOVERNMENT = "government", "Government"
    INSTITUTION = "institution", "Institution"
    GROUP = "group", "Group"


class Side(models.TextChoices):
    """Where an actor stands in the negotiation."""

    US_GOVERNMENT = "us_government", "U.S. government"
    VENEZUELAN_GOVERNMENT = "venezuelan_government", "Venezuelan government"
    OPPOSITION = "opposition", "Opposition"
    MEDIATOR = "mediator", "Mediator"
    OTHER = "other", "Other"
    UNKNOWN = "unknown", "Unknown"
