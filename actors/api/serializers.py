from rest_framework import serializers

from actors.models import Actor
from core.api.serializers import FactSerializer


class ActorSerializer(FactSerializer):
    aliases = serializers.SlugRelatedField(many=True, read_only=True, slug_field="name")

    class Meta:
        model = Actor
        fields = [
            "id",
            "url",
            "name",
            "slug",
            "kind",
            "side",
            "description",
            "aliases",
            *FactSerializer.PROVENANCE,
        ]
        read_only_fields = fields
