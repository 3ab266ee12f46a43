"""The records editors work on, by the name used in URLs (`/records/<model_name>/...`)."""

from django.db import models
from django.urls import reverse

from actors.models import Actor, Role
from negotiations.models import Event, Indictment, Offer, Position, TalksChannel

RECORD_MODELS: dict[str, type[models.Model]] = {
    "actor": Actor,
    "offer": Offer,
    "channel": TalksChannel,
    "indictment": Indictment,
    "event": Event,
    "position": Position,
}
# Reviewable too (ingestion makes roles), edited on their actor's page.
REVIEW_MODELS = {**RECORD_MODELS, "role": Role}
MODEL_NAMES = {model: name for name, model in REVIEW_MODELS.items()}


def model_name_of(record) -> str:
    return MODEL_NAMES[type(record)]


def record_label(record) -> str:
    """A record's name where records of a kind must be told apart: its `label` if it has
    one (an offer's what, who to whom and when; selectors.labels loads it for lists), else
    its text."""
    return getattr(record, "label", None) or str(record)


def record_url(record) -> str:
    """The record's own page; a role has none, so its actor's edit page (where roles are)."""
    if isinstance(record, Role):
        return reverse("negotiations:record_edit", args=["actor", record.actor_id])
    return record.get_absolute_url()
