from django.contrib import admin

from negotiations.models import (
    ChannelParticipant,
    Claim,
    Event,
    Indictment,
    Offer,
    Position,
    TalksChannel,
)
from sources.admin import FACT_FILTERS, FactAdmin


@admin.register(Claim)
class ClaimAdmin(admin.ModelAdmin):
    """To look at: editors settle disagreements at /disagreements/, which keeps every claim
    for the same time in step and writes the value to its record with history."""

    list_display = ("__str__", "content_type", "object_id", "holds_on", "source_key", "state")
    list_filter = ("property", "state", "content_type")
    search_fields = ("value_key", "source_key")
    raw_id_fields = ("evidence", "chosen_by")
    list_select_related = ("content_type",)

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class ParticipantInline(admin.TabularInline):
    model = ChannelParticipant
    extra = 1
    autocomplete_fields = ("actor",)


@admin.register(TalksChannel)
class TalksChannelAdmin(FactAdmin):
    list_display = ("name", "mode", "is_secret", "venue", "status", "last_activity_on")
    list_filter = ("mode", "status", "is_secret", *FACT_FILTERS)
    search_fields = ("name", "venue", "actors__name")
    inlines = [ParticipantInline]


@admin.register(Indictment)
class IndictmentAdmin(FactAdmin):
    list_display = (
        "__str__",
        "authority",
        "filed_on",
        "bounty_amount",
        "bounty_currency",
        "status",
    )
    list_filter = ("status", *FACT_FILTERS)
    search_fields = ("charges", "defendants__name", "authority__name")
    autocomplete_fields = ("defendants", "authority")


@admin.register(Offer)
class OfferAdmin(FactAdmin):
    list_display = ("__str__", "kind", "offered_by", "status", "offered_on", "review_state")
    list_filter = ("kind", "status", *FACT_FILTERS)
    search_fields = ("terms", "conditions", "offered_by__name", "recipients__name")
    autocomplete_fields = ("offered_by", "recipients", "channel")


@admin.register(Position)
class PositionAdmin(FactAdmin):
    list_display = ("actor", "stance", "stated_on", "review_state")
    list_filter = FACT_FILTERS
    search_fields = ("stance", "condition", "actor__name")
    autocomplete_fields = ("actor",)


@admin.register(Event)
class EventAdmin(FactAdmin):
    list_display = ("title", "kind", "status", "occurred_on", "occurred_precision", "review_state")
    list_filter = ("kind", "status", "occurred_precision", *FACT_FILTERS)
    search_fields = ("title", "summary", "actors__name")
    autocomplete_fields = ("actors", "offer", "channel", "indictment")
    date_hierarchy = "occurred_on"
