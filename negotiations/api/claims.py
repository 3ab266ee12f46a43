"""Where sources disagree, as JSON: each record says whether they do, and shows each claim
with its source. Nothing here queries: the selectors prefetched the claims
(claims_prefetch), with their quotes, articles and speakers."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.api.serializers import EvidenceSpanSerializer
from core.asof import AsOfError, as_of_parse
from negotiations.choices import ClaimProperty, ClaimState
from negotiations.claims import ClaimGroup, source_name, value_display
from negotiations.selectors import record_disagreements

VALUE_HELP = (
    "As the property has it: a status code ('declined'); a reward "
    '{"amount": "25000000.00", "currency": "USD"}; a date {"date": "2024-09-05", '
    '"precision": "day"}; a role {"actor": 12, "name": "...", "role": "mediator"}.'
)


class ClaimSerializer(serializers.Serializer):
    """One source's statement of a value, with the quote that last stated it."""

    id = serializers.IntegerField()
    value = serializers.JSONField(help_text=VALUE_HELP)
    value_display = serializers.SerializerMethodField()
    state = serializers.ChoiceField(choices=ClaimState.choices)
    source = serializers.SerializerMethodField(
        help_text="Who states it: a publisher, a web site, or the editors."
    )
    first_stated_on = serializers.DateField()
    last_stated_on = serializers.DateField()
    chosen_at = serializers.DateTimeField(
        allow_null=True, help_text="When an editor chose a value for its time, if one did."
    )
    evidence = EvidenceSpanSerializer(help_text="The quote that last stated it.")

    def get_value_display(self, claim) -> str:
        return value_display(claim.property, claim.value)

    def get_source(self, claim) -> str:
        return source_name(claim.source_key, claim.evidence)


class ClaimValueSerializer(serializers.Serializer):
    value = serializers.JSONField(help_text=VALUE_HELP)
    value_display = serializers.CharField(source="display")
    sources = serializers.IntegerField(
        help_text="Distinct sources stating it, or a value agreeing with it (a month holds "
        "its days), each counted for its latest word."
    )
    chosen = serializers.BooleanField(help_text="An editor chose it for this time.")
    claims = ClaimSerializer(many=True)


class DisagreementSerializer(serializers.Serializer):
    """Claims of different values for one property and time, best supported first."""

    property = serializers.ChoiceField(choices=ClaimProperty.choices)
    label = serializers.CharField()
    holds_on = serializers.SerializerMethodField(
        help_text="The time the values are claimed for (its first day); null for a value "
        "of the record itself, such as its date."
    )
    holds_precision = serializers.SerializerMethodField()
    holds_display = serializers.CharField()
    state = serializers.ChoiceField(
        choices=[("open", "Open"), ("resolved", "Settled by an editor")],
        help_text="Open until an editor chooses a value.",
    )
    value_shown = serializers.JSONField(source="shown.value", help_text=VALUE_HELP)
    value_shown_display = serializers.CharField(
        source="shown.display",
        help_text="The value the record shows for this time: the editor's choice, else the "
        "best supported (most sources, then the more precise date, then the latest stated).",
    )
    values = ClaimValueSerializer(many=True)

    @extend_schema_field(serializers.DateField(allow_null=True))
    def get_holds_on(self, group: ClaimGroup) -> str | None:
        return group.holds.start.isoformat() if group.holds else None

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_holds_precision(self, group: ClaimGroup) -> str | None:
        return group.holds.precision if group.holds else None


def context_as_of(context: dict):
    """The as-of date the response is for: the request's (a malformed one was answered
    with a 400 before anything was serialized)."""
    request = context.get("request")
    if request is None:
        return None
    try:
        return as_of_parse(getattr(request, "query_params", request.GET).get("as_of"))
    except AsOfError:
        return None


def record_groups(record, context: dict) -> list[ClaimGroup]:
    return record_disagreements(record, as_of=context_as_of(context))


class DisagreementFields(serializers.Serializer):
    """Mixin for a record's serializer: whether its sources disagree, and where."""

    sources_disagree = serializers.SerializerMethodField(
        help_text="Sources give different values for the same property and time, whether or "
        "not an editor has chosen one (see `disagreements`)."
    )
    disagreements = serializers.SerializerMethodField()

    DISAGREEMENT = ["sources_disagree", "disagreements"]

    def get_sources_disagree(self, record) -> bool:
        return bool(record_groups(record, self.context))

    @extend_schema_field(DisagreementSerializer(many=True))
    def get_disagreements(self, record) -> list:
        return disagreements_json(record_groups(record, self.context), self.context)


def disagreements_json(groups: list[ClaimGroup], context: dict) -> list:
    return DisagreementSerializer(groups, many=True, context=context).data
