"""Articles and evidence in the admin, and the admin pieces every sourced record shares."""

from django.contrib import admin
from django.contrib.contenttypes.admin import GenericTabularInline
from simple_history.admin import SimpleHistoryAdmin

from sources.models import Article, Evidence

FACT_FILTERS = ("origin", "review_state", "extractor_version")
FACT_READONLY = ("fingerprint", "version", "created_at", "updated_at", "first_reported_on")


class EvidenceInline(GenericTabularInline):
    model = Evidence
    extra = 0
    fields = ("article", "start", "end", "quote", "attribution", "speaker_label", "source_count")
    raw_id_fields = ("article",)
    show_change_link = True


class FactAdmin(SimpleHistoryAdmin):
    """History, evidence and review fields for every fact-bearing model."""

    list_per_page = 50
    readonly_fields = FACT_READONLY
    raw_id_fields = ("created_by", "reviewed_by")

    def get_inlines(self, request, obj):
        return [*super().get_inlines(request, obj), EvidenceInline]


@admin.register(Article)
class ArticleAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "publisher", "published_on", "status", "extractor_version")
    list_filter = ("status", "publisher", "published_on")
    search_fields = ("title", "publisher", "url", "text")
    readonly_fields = ("content_hash", "status", "error", "extractor_version", "ingested_at")
    date_hierarchy = "published_on"


@admin.register(Evidence)
class EvidenceAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "content_type", "object_id", "article", "attribution")
    list_filter = ("attribution", "origin", "content_type")
    search_fields = ("quote", "speaker_label", "note")
    raw_id_fields = ("article", "speaker", "created_by")
    list_select_related = ("article", "content_type")
