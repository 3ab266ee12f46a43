"""Editors' forms for actors; validation is the services' (and the models' clean)."""

from django import forms
from django.urls import reverse

from actors.models import Actor, Role
from core.forms import IdField, PartialDateField, RecordForm, record_formfield
from core.models import ReviewState

# Up to this many actors a picker lists them all; beyond, only the chosen ones, and the
# type-ahead finds the others (5,000 actors made every editors' form 500 KB and a second).
ACTOR_PICKER_MAX = 200


class _ChosenWhenMany:
    """A select of actors that, past ACTOR_PICKER_MAX of them, renders only the chosen
    options (one query each way to know which); the page's script (static/js/editing.js)
    adds what the editor finds by typing. Validation still takes any actor of the field's
    queryset. As Django admin's autocomplete widgets do."""

    def optgroups(self, name, value, attrs=None):
        queryset = self.choices.queryset
        if queryset[: ACTOR_PICKER_MAX + 1].count() <= ACTOR_PICKER_MAX:
            return super().optgroups(name, value, attrs)
        chosen = {str(v) for v in value if str(v) not in self.choices.field.empty_values}
        options = []
        if not self.allow_multiple_selected:
            options.append(self.create_option(name, "", self.choices.field.empty_label, False, 0))
        for actor in queryset.filter(pk__in=[v for v in chosen if v.isdecimal()]):
            options.append(self.create_option(name, str(actor.pk), str(actor), True, len(options)))
        return [(None, options, 0)]


class ActorSelect(_ChosenWhenMany, forms.Select):
    """One actor (a maker, an authority, an organisation)."""


class ActorSelectMultiple(_ChosenWhenMany, forms.SelectMultiple):
    """Several actors (recipients, participants, defendants)."""


def actor_picker(field: forms.ModelChoiceField) -> None:
    """Offer the actors not rejected in `field`'s select (every one up to ACTOR_PICKER_MAX,
    else the chosen ones), which a small script (static/js/editing.js) lets editors search
    by typing."""
    multiple = isinstance(field, forms.ModelMultipleChoiceField)
    attrs = {**field.widget.attrs, "data-actor-search": reverse("actors:suggest")}
    field.widget = (ActorSelectMultiple if multiple else ActorSelect)(attrs=attrs)
    field.widget.is_required = field.required
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
