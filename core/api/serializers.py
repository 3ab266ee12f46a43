"""Serializer pieces every record shares: links to other records, evidence spans, provenance.

Convention throughout: a record has `id` and `url` (its API detail URL); a related
record appears as a link `{"id", "url", "name"}`.

Lists serialize hundreds of links and fields per response, so two things are cheap here:
`api_url` fills a per-route template (one reverse() per process) with the request's
origin (computed once per request), and `FastRepresentation` reads each field straight
from the instance. Both produce exactly what DRF's generic path and reverse() would.
"""

import functools

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.fields import SkipField
from rest_framework.relations import ManyRelatedField, RelatedField

from core.editing import NOT_EDITABLE, model_field_names
from core.models import shown
from core.text import no_control_characters, url_characters

# Model name -> API basename, for links to whatever record a piece of evidence supports.
API_BASENAMES = {
    "actor": "actor",
    "offer": "offer",
    "talkschannel": "channel",
    "indictment": "indictment",
    "event": "event",
    "position": "position",
    "article": "article",
    "evidence": "evidence",
}

# Stands in for the key when reversing a detail route once; matches every lookup regex.
_SENTINEL = 918273645546372819


@functools.cache
def _detail_path(basename: str, prefix: str, urlconf: str) -> tuple[str, str] | None:
    """The detail route's path around its key, as (head, tail); None if there is none."""
    kwarg = "key" if basename == "actor" else "pk"
    try:
        path = reverse(f"api:{basename}-detail", kwargs={kwarg: _SENTINEL}, urlconf=urlconf)
    except NoReverseMatch:
        return None
    head, _, tail = path.rpartition(str(_SENTINEL))
    return head, tail


def _link_templates(request) -> dict[str, tuple[str, str] | None]:
    """Per request: basename -> (`scheme://host` + path before the key, path after it).

    The host is validated once, and the script prefix and URLconf (thread-local) read once.
    """
    try:
        return request._api_link_templates
    except AttributeError:
        pass
    origin = request.build_absolute_uri("/").removesuffix("/")
    prefix, urlconf = get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF
    templates = {}
    for basename in API_BASENAMES.values():
        path = _detail_path(basename, prefix, urlconf)
        templates[basename] = (origin + path[0], path[1]) if path is not None else None
    request._api_link_templates = templates
    return templates


def api_url(request, model_name: str, pk) -> str | None:
    basename = API_BASENAMES.get(model_name)
    if basename is None:
        return None
    if type(pk) is not int:  # a key reverse() would have to quote: take the long way
        kwarg = "key" if basename == "actor" else "pk"
        try:
            path = reverse(f"api:{basename}-detail", kwargs={kwarg: pk})
        except NoReverseMatch:
            return None
        return request.build_absolute_uri(path) if request is not None else path
    if request is None:
        template = _detail_path(
            basename, get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF
        )
    else:
        template = _link_templates(request)[basename]
    return None if template is None else f"{template[0]}{pk}{template[1]}"


class FastRepresentation:
    """Serializer.to_representation without DRF's generic per-field attribute lookup.

    Each readable field is planned once per instance class: a method field calls its
    method; a field with one plain attribute as its source reads it with getattr; any
    other field (dotted sources, related fields, properties that raise) goes through
    DRF's own `get_attribute`. Values still pass through each field's own
    `to_representation`, so the output (and the schema, built from the declared fields)
    is the same as DRF's.
    """

    def _plan(self, cls) -> list[tuple]:
        plans = self.__dict__.setdefault("_plans", {})
        if cls not in plans:
            plan = []
            for field in self._readable_fields:
                name = field.field_name
                if isinstance(field, serializers.SerializerMethodField):
                    plan.append((name, "method", getattr(self, field.method_name), field))
                elif (
                    len(field.source_attrs) == 1
                    and not isinstance(field, RelatedField | ManyRelatedField)
                    and not callable(getattr(cls, field.source_attrs[0], None))
                ):
                    plan.append((name, field.source_attrs[0], field.to_representation, field))
                else:
                    plan.append((name, None, field.to_representation, field))
            plans[cls] = plan
        return plans[cls]

    def to_representation(self, instance):
        ret = {}
        for name, attr, represent, field in self._plan(type(instance)):
            if attr == "method":
                ret[name] = represent(instance)
                continue
            try:
                if attr is None:
                    raise AttributeError
                value = getattr(instance, attr)
            except (AttributeError, ObjectDoesNotExist):
                # DRF's path: defaults, SkipField and its error messages.
                try:
                    value = field.get_attribute(instance)
                except SkipField:
                    continue
                if isinstance(value, serializers.PKOnlyObject):
                    ret[name] = None if value.pk is None else represent(value)
                    continue
            ret[name] = None if value is None else represent(value)
        return ret


class LinkSerializer(serializers.Serializer):
    """A related record: its id, API URL and display name."""

    id = serializers.IntegerField()
    url = serializers.URLField(allow_null=True)
    name = serializers.CharField()

    def to_representation(self, instance):
        if shown(instance) is None:
            return None  # a rejected record is no link
        return {
            "id": instance.pk,
            "url": api_url(self.context.get("request"), instance._meta.model_name, instance.pk),
            "name": str(instance),
        }


class RecordRefSerializer(serializers.Serializer):
    """The record a piece of evidence supports, of any type."""

    type = serializers.CharField()
    id = serializers.IntegerField()
    url = serializers.URLField(allow_null=True)

    def to_representation(self, evidence):
        # get_for_id is cached per process: no query per row.
        model_name = ContentType.objects.get_for_id(evidence.content_type_id).model
        return {
            "type": API_BASENAMES.get(model_name, model_name),
            "id": evidence.object_id,
            "url": api_url(self.context.get("request"), model_name, evidence.object_id),
        }


class EvidenceSpanSerializer(FastRepresentation, serializers.Serializer):
    """A quote supporting a record: `quote` is exactly `article.text[start:end]`."""

    id = serializers.IntegerField()
    url = serializers.SerializerMethodField()
    article = LinkSerializer(allow_null=True)
    start = serializers.IntegerField(allow_null=True)
    end = serializers.IntegerField(allow_null=True)
    quote = serializers.CharField()
    source_url = serializers.CharField(source="url")
    note = serializers.CharField()
    attribution = serializers.CharField()
    attribution_text = serializers.CharField()
    speaker = LinkSerializer(allow_null=True)
    speaker_label = serializers.CharField()
    source_count = serializers.IntegerField(allow_null=True)

    @extend_schema_field(serializers.URLField())
    def get_url(self, evidence) -> str | None:
        return api_url(self.context.get("request"), "evidence", evidence.pk)


class FactSerializer(FastRepresentation, serializers.ModelSerializer):
    """Provenance and review state, shared by every record type."""

    url = serializers.SerializerMethodField()
    # The selectors' evidence_prefetch leaves a record's evidence in this list.
    evidence = EvidenceSpanSerializer(many=True, read_only=True, source="evidence_spans")

    PROVENANCE = [
        "origin",
        "review_state",
        "first_reported_on",
        "version",
        "created_at",
        "updated_at",
        "evidence",
    ]

    @extend_schema_field(serializers.URLField())
    def get_url(self, record) -> str | None:
        return api_url(self.context.get("request"), record._meta.model_name, record.pk)


class CleanTextInput:
    """Mixin for write serializers: every text field takes only a string and refuses
    control characters, and every URL field what no URL may hold (core.text), with an error
    naming the field. The models refuse the same characters (their full_clean), so this
    only answers sooner and names nested fields."""

    def get_fields(self):
        fields = super().get_fields()
        for field in fields.values():
            if field.read_only or not isinstance(field, serializers.CharField):
                continue
            # A URL's rule covers control characters too.
            url = isinstance(field, serializers.URLField)
            rule = url_characters if url else no_control_characters
            if rule not in field.validators:
                field.validators.append(rule)
            _strings_only(field)
        return fields


def _strings_only(field: serializers.CharField) -> None:
    """A text field takes a JSON string, as the schema says (DRF also takes a number)."""
    to_internal_value = field.to_internal_value

    def strict(data):
        if not isinstance(data, str):
            field.fail("invalid")
        return to_internal_value(data)

    field.to_internal_value = strict


class ChangeSerializer(CleanTextInput, serializers.ModelSerializer):
    """A partial update: a field editors may not set is refused, not silently ignored."""

    def validate(self, attrs: dict) -> dict:
        refused = sorted(set(self.initial_data) & NOT_EDITABLE)
        if refused:
            raise serializers.ValidationError(
                {name: "This field is not editable." for name in refused}
            )
        return attrs


def change_serializer_for(model) -> type[serializers.ModelSerializer]:
    """A partial-update serializer over the fields an editor may set on `model`."""
    meta = type("Meta", (), {"model": model, "fields": model_field_names(model)})
    return type(f"{model.__name__}Change", (ChangeSerializer,), {"Meta": meta})
