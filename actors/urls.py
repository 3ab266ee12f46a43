from django.urls import path

from actors.views import editing, pages

app_name = "actors"

# Analysts' pages.
record_patterns = [
    # Not a slug (a dot): no actor's address can take it.
    path("suggest.json", pages.actor_suggest, name="suggest"),
    path("<slug:slug>/", pages.actor_detail, name="detail"),
]

# Editors' pages (an actor's own fields: negotiations:record_edit "actor").
editor_patterns = [
    path("<int:pk>/aliases/add/", editing.actor_alias_add, name="alias_add"),
    path("aliases/<int:pk>/delete/", editing.actor_alias_delete, name="alias_delete"),
    path("aliases/<int:pk>/split/", editing.actor_alias_split, name="alias_split"),
    path("<int:pk>/roles/add/", editing.actor_role_add, name="role_add"),
    path("<int:pk>/merge/", editing.actor_merge_view, name="merge"),
]

urlpatterns = record_patterns + editor_patterns
