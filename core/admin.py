"""Admin pieces shared by every fact-bearing model."""

from django.contrib.contenttypes.admin import GenericTabularInline
from simple_history.admin import SimpleHistoryAdmin

FACT_FILTERS = ("origin", "review_state", "extractor_version")
FACT_READONLY = ("fingerprint", "version", "created_at", "updated_at", "first_reported_on")


class EvidenceInline(GenericTabularInline):
    model = None  # set below, once negotiations is importable (it imports actors)
    extra = 0
    fields = ("article", "start", "end", "quote", "attribution", "speaker_label", "source_count")
    raw_id_fields = ("article",)
    show_change_link = True


def evidence_inline() -> type[GenericTabularInline]:
    from negotiations.models import Evidence

    return type("EvidenceInline", (EvidenceInline,), {"model": Evidence})


class FactAdmin(SimpleHistoryAdmin):
    """History, evidence and review fields for every fact-bearing model."""

    list_per_page = 50
    readonly_fields = FACT_READONLY
    raw_id_fields = ("created_by", "reviewed_by")

    def get_inlines(self, request, obj):
        return [*super().get_inlines(request, obj), evidence_inline()]
