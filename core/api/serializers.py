"""Serializer pieces every record shares: links to other records, evidence spans, provenance.

Convention throughout: a record has `id` and `url` (its API detail URL); a related
record appears as a link `{"id", "url", "name"}`.
"""

from django.contrib.contenttypes.models import ContentType
from django.urls import NoReverseMatch, reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

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


def api_url(request, model_name: str, pk) -> str | None:
    basename = API_BASENAMES.get(model_name)
    if basename is None:
        return None
    kwarg = "key" if basename == "actor" else "pk"
    try:
        path = reverse(f"api:{basename}-detail", kwargs={kwarg: pk})
    except NoReverseMatch:
        return None
    return request.build_absolute_uri(path) if request is not None else path


class LinkSerializer(serializers.Serializer):
    """A related record: its id, API URL and display name."""

    id = serializers.IntegerField()
    url = serializers.URLField(allow_null=True)
    name = serializers.CharField()

    def to_representation(self, instance):
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


class EvidenceSpanSerializer(serializers.Serializer):
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


class FactSerializer(serializers.ModelSerializer):
    """Provenance and review state, shared by every record type."""

    url = serializers.SerializerMethodField()
    evidence = EvidenceSpanSerializer(many=True, read_only=True)

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
