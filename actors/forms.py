"""Editors' forms for actors; validation is the services' (and the models' clean)."""

from django import forms
from django.urls import reverse

from actors.models import Actor, Role
from core.forms import IdField, PartialDateField, RecordForm, picker, record_formfield
from core.models import ReviewState


def actor_picker(field: forms.ModelChoiceField) -> None:
    """Offer the actors not rejected in `field`'s picker, which editors search by name or
    alias (core.forms.picker)."""
    picker(field, search_url=reverse("actors:suggest"), noun="actor")
    field.queryset = Actor.objects.exclude(review_state=ReviewState.REJECTED).order_by("name")


class ActorForm(RecordForm):
    class Meta:
        model = Actor
        formfield_callback = record_formfield
        fields = ["name", "kind", "side", "description"]


class AliasForm(forms.Form):
    name = forms.CharField(label="New alias", max_length=200)


class RoleForm(RecordForm):
    started = PartialDateField(label="From", required=False)
    ended = PartialDateField(label="Until", required=False)
    partial_dates = {"started": "started", "ended": "ended"}

    class Meta:
        model = Role
        formfield_callback = record_formfield
        fields = ["title", "organization"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        actor_picker(self.fields["organization"])


class MergeForm(forms.Form):
    duplicate = IdField(
        queryset=Actor.objects.order_by("name"),
        label="Duplicate to fold into this actor",
        help_text="Its aliases, roles, links and evidence move here; it is then deleted.",
    )
