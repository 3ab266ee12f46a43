"""Editors' forms. They parse input; the services (and the models' clean) validate it."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse

from actors.forms import actor_picker
from actors.models import Actor, Alias
from actors.normalize import normalize_name
from core.forms import (
    IdField,
    IdsField,
    PartialDateField,
    RecordForm,
    VersionedForm,
    picker,
    record_formfield,
)
from core.models import ReviewState
from core.text import url_characters
from negotiations.choices import ChannelStatus, IndictmentStatus, OfferStatus
from negotiations.models import ChannelParticipant, Event, Indictment, Offer, Position, TalksChannel
from negotiations.selectors.labels import with_offer_labels
from sources.models import Article
from sources.services import SourceInput


def _live(model):
    return model.objects.exclude(review_state=ReviewState.REJECTED)


def _record_picker(field, model_name: str, queryset) -> None:
    """`field` picks among `queryset`'s records (an offer, channel or indictment), listed
    up to core.forms.PICKER_MAX of them and found by typing beyond."""
    field.queryset = queryset
    search_url = reverse("negotiations:record_suggest", args=[model_name])
    noun = {"channel": "talks channel"}.get(model_name, model_name)
    picker(field, search_url=search_url, noun=noun)


def _offers():
    """The offer picker's options, with what their labels read (Offer.label) loaded in
    three queries, not a query or two per option."""
    return with_offer_labels(_live(Offer)).order_by("-offered_on", "id")


class OfferForm(RecordForm):
    offered = PartialDateField(label="Offered", required=False)
    partial_dates = {"offered": "offered"}

    class Meta:
        model = Offer
        formfield_callback = record_formfield
        fields = ["kind", "offered_by", "recipients", "terms", "conditions", "status", "channel"]
        help_texts = {"status": "To record a change that happened, add a development instead."}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        actor_picker(self.fields["offered_by"])
        actor_picker(self.fields["recipients"])
        _record_picker(self.fields["channel"], "channel", _live(TalksChannel))


class ChannelForm(RecordForm):
    started = PartialDateField(label="Started", required=False)
    last_activity = PartialDateField(label="Last activity", required=False)
    participants = IdsField(queryset=Actor.objects.none(), required=False)
    mediators = IdsField(queryset=Actor.objects.none(), required=False)
    partial_dates = {"started": "started", "last_activity": "last_activity"}

    class Meta:
        model = TalksChannel
        formfield_callback = record_formfield
        fields = ["name", "mode", "is_secret", "venue", "status"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        actor_picker(self.fields["participants"])
        actor_picker(self.fields["mediators"])
        if self.instance.pk:
            roles = {p.actor_id: p.role for p in self.instance.participants.all()}
            self.initial.setdefault(
                "participants", [a for a, r in roles.items() if r != "mediator"]
            )
            self.initial.setdefault("mediators", [a for a, r in roles.items() if r == "mediator"])

    @classmethod
    def initial_at(cls, row) -> dict:
        """Who took part at `row`'s version: participants are set just after the channel's
        own save, so their history up to the channel's next version."""
        following = (
            row.instance_type.history.filter(id=row.id, version__gt=row.version)
            .order_by("history_date")
            .values_list("history_date", flat=True)
            .first()
        )
        rows = ChannelParticipant.history.filter(channel_id=row.id)
        if following is not None:
            rows = rows.filter(history_date__lt=following)
        latest = {p.id: p for p in rows.order_by("history_date", "history_id")}
        roles = {p.actor_id: p.role for p in latest.values() if p.history_type != "-"}
        return {
            "participants": [a for a, r in roles.items() if r != "mediator"],
            "mediators": [a for a, r in roles.items() if r == "mediator"],
        }

    def clean(self):
        data = super().clean()
        both = set(data.get("participants") or []) & set(data.get("mediators") or [])
        if both:
            names = ", ".join(sorted(a.name for a in both))
            self.add_error("mediators", f"Either a participant or a mediator, not both: {names}.")
        return data


class IndictmentForm(RecordForm):
    filed = PartialDateField(label="Filed", required=False)
    partial_dates = {"filed": "filed"}

    class Meta:
        model = Indictment
        formfield_callback = record_formfield
        fields = [
            "defendants",
            "authority",
            "charges",
            "bounty_amount",
            "bounty_currency",
            "status",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        actor_picker(self.fields["defendants"])
        actor_picker(self.fields["authority"])


class PositionForm(RecordForm):
    stated = PartialDateField(label="Stated", required=False)
    partial_dates = {"stated": "stated"}

    class Meta:
        model = Position
        formfield_callback = record_formfield
        fields = ["actor", "stance", "condition"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        actor_picker(self.fields["actor"])


# Each group is named after the event's field for its record ("Offer": `offer`), which
# static/js/editing.js reads to show only the statuses of the record chosen.
STATUS_GROUPS = {
    "offer": ("Offer", OfferStatus),
    "channel": ("Channel", ChannelStatus),
    "indictment": ("Indictment", IndictmentStatus),
}
NO_STATUS_CHANGE = ("", "— no status change —")


STATUS_CHOICES = [
    NO_STATUS_CHANGE,
    *[(label, list(statuses.choices)) for label, statuses in STATUS_GROUPS.values()],
]


class EventForm(RecordForm):
    occurred = PartialDateField(label="Date")
    status_to = forms.ChoiceField(
        label="Status change",
        choices=STATUS_CHOICES,
        required=False,
        help_text="The new status of the offer, channel or indictment this concerns.",
    )
    partial_dates = {"occurred": "occurred"}

    class Meta:
        model = Event
        formfield_callback = record_formfield
        fields = [
            "title",
            "kind",
            "status",
            "actors",
            "offer",
            "channel",
            "indictment",
            "status_to",
            "bounty_amount",
            "bounty_currency",
            "summary",
        ]
        labels = {
            "status": "Occurred or scheduled",
            "bounty_amount": "New bounty amount",
            "bounty_currency": "Currency",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        actor_picker(self.fields["actors"])
        self.fields["actors"].required = False
        _record_picker(self.fields["offer"], "offer", _offers())
        _record_picker(self.fields["channel"], "channel", _live(TalksChannel))
        _record_picker(self.fields["indictment"], "indictment", _live(Indictment))
        self.fields["status_to"].widget.attrs["data-status-by-record"] = ""
        if not self.is_bound:
            self._status_choices_of_record()

    def _status_choices_of_record(self) -> None:
        """A form opened for one record (`?offer=5`, or an event of that offer) lists only
        that kind's statuses. A posted form keeps them all: the model then says plainly
        which statuses the record chosen can take."""
        chosen = [
            name
            for name in STATUS_GROUPS
            if self.initial.get(name) or getattr(self.instance, f"{name}_id", None)
        ]
        if len(chosen) == 1:
            label, statuses = STATUS_GROUPS[chosen[0]]
            self.fields["status_to"].choices = [NO_STATUS_CHANGE, (label, list(statuses.choices))]

    def changes(self) -> dict:
        changes = super().changes()
        if changes.get("status_to") and changes.get("kind") in ("", "other", None):
            changes["kind"] = "status_change"
        return changes


SOURCE_KINDS = [
    ("article", "A span of an ingested article"),
    ("url", "A URL with a quote"),
    ("editor", "Editor's knowledge, with a note"),
]


class DevelopmentForm(EventForm):
    """A development: an event with actors (existing or new), its source and any status change."""

    actor_names = forms.CharField(
        label="Other actors",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text="One per line, by name or alias.",
    )
    create_missing = forms.BooleanField(
        label="Create the actors not found", required=False, initial=False
    )
    source_kind = forms.ChoiceField(
        label="Source", choices=SOURCE_KINDS, widget=forms.RadioSelect, initial="article"
    )
    article = IdField(queryset=Article.objects.order_by("-published_on", "-id"), required=False)
    quote = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="Exactly as in the article (or at the URL).",
    )
    url = forms.URLField(
        label="URL",
        required=False,
        max_length=2000,
        assume_scheme="https",
        validators=[url_characters],
    )
    speaker_label = forms.CharField(label="Who says it", required=False, max_length=300)
    note = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text="For editor's knowledge: what you know and how.",
    )
    published_on = forms.DateField(
        label="Published on",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="For a URL, the day the page was published (required); for a note, the day "
        "what it says became public, if known. The development is known from then.",
    )

    def clean(self):
        data = super().clean()
        self._actors_from_names(data)
        kind = data.get("source_kind")
        needed = {
            "article": ["article", "quote"],
            "url": ["url", "quote", "published_on"],
            "editor": ["note"],
        }
        for name in needed.get(kind, []):
            if not data.get(name):
                self.add_error(name, "Required for this kind of source.")
        return data

    def _actors_from_names(self, data) -> None:
        self.new_actor_names, self.named_actors = [], []
        lines = [line.strip() for line in (data.get("actor_names") or "").splitlines()]
        names = {normalize_name(line): line for line in lines if normalize_name(line)}
        if not names:
            return
        found = {
            alias.normalized: alias.actor
            for alias in Alias.objects.filter(normalized__in=names).select_related("actor")
        }
        missing = [line for form, line in names.items() if form not in found]
        self.named_actors = list(found.values())
        if missing and not data.get("create_missing"):
            self.add_error(
                "actor_names",
                f"No actor is called {', '.join(missing)}; tick “create” to add them.",
            )
        self.new_actor_names = missing

    def source(self) -> SourceInput:
        data = self.cleaned_data
        kind = data["source_kind"]
        return SourceInput(
            article=data["article"] if kind == "article" else None,
            quote=data["quote"].strip() if kind != "editor" else "",
            url=data["url"] if kind == "url" else "",
            note=data["note"].strip(),
            speaker_label=data["speaker_label"].strip(),
            published_on=data["published_on"] if kind != "article" else None,
        )


class ArticleForm(VersionedForm):
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 14}),
        required=False,
        strip=False,
        help_text="Paste the article's text, or upload a file.",
    )
    file = forms.FileField(label="or a .txt file", required=False)
    published_on = forms.DateField(
        label="Published on", widget=forms.DateInput(attrs={"type": "date"})
    )
    title = forms.CharField(required=False, max_length=1000)
    publisher = forms.CharField(required=False, max_length=1000)
    url = forms.URLField(
        label="URL",
        required=False,
        max_length=2048,
        assume_scheme="https",
        validators=[url_characters],
    )

    def clean(self):
        data = super().clean()
        upload = data.get("file")
        if upload:
            if not upload.name.lower().endswith(".txt"):
                self.add_error("file", "Upload a plain-text .txt file.")
            elif upload.size > settings.ARTICLE_MAX_BYTES:
                self.add_error(
                    "file", f"The file is larger than {settings.ARTICLE_MAX_BYTES:,} bytes."
                )
            else:
                try:
                    data["text"] = upload.read().decode("utf-8")
                except UnicodeDecodeError:
                    self.add_error("file", "The file is not UTF-8 text.")
        elif not (data.get("text") or "").strip():
            self.add_error("text", "Paste the article's text or upload a file.")
        return data

    def refuse_too_big(self) -> None:
        """The post was too big to read (core.request_size): say so where the text goes."""
        self.cleaned_data = {}
        self.add_error(
            "text",
            f"This is more than the {settings.DATA_UPLOAD_MAX_MEMORY_SIZE:,} bytes a form may "
            f"send; an article may be at most {settings.ARTICLE_MAX_BYTES:,} bytes. Paste a "
            "shorter text, or split it.",
        )

    def apply_error(self, error: ValidationError) -> None:
        if self.cleaned_data.get("file"):
            self.error_fields = {"text": "file"}
        super().apply_error(error)
