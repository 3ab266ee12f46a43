from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from actors.models import Actor, Alias, Role
from sources.admin import FACT_FILTERS, FactAdmin


class AliasInline(admin.TabularInline):
    model = Alias
    extra = 1
    fields = ("name",)


class RoleInline(admin.TabularInline):
    model = Role
    fk_name = "actor"
    extra = 0
    fields = ("title", "organization", "started_on", "started_precision", "review_state")
    raw_id_fields = ("organization",)


@admin.register(Actor)
class ActorAdmin(FactAdmin):
    list_display = ("name", "kind", "side", "origin", "review_state", "updated_at")
    list_filter = ("kind", "side", *FACT_FILTERS)
    search_fields = ("name", "aliases__name", "description")
    prepopulated_fields = {"slug": ("name",)}
    inlines = [AliasInline, RoleInline]


@admin.register(Alias)
class AliasAdmin(SimpleHistoryAdmin):
    list_display = ("name", "actor", "normalized")
    search_fields = ("name", "normalized", "actor__name")
    autocomplete_fields = ("actor",)


@admin.register(Role)
class RoleAdmin(FactAdmin):
    list_display = ("actor", "title", "organization", "started_on", "review_state")
    list_filter = FACT_FILTERS
    search_fields = ("title", "actor__name", "organization__name")
    autocomplete_fields = ("actor", "organization")
