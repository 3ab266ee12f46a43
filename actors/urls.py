from django.urls import path

from actors.views import editing, suggest

app_name = "actors"

# A filter's type-ahead. Not a slug (a dot): no actor's address can take it.
suggest_patterns = [path("suggest.json", suggest.actor_suggest, name="suggest")]

# Editors' pages (an actor's own fields: negotiations:record_edit "actor").
editor_patterns = [
    path("<int:pk>/aliases/add/", editing.actor_alias_add, name="alias_add"),
    path("aliases/<int:pk>/delete/", editing.actor_alias_delete, name="alias_delete"),
    path("aliases/<int:pk>/split/", editing.actor_alias_split, name="alias_split"),
    path("<int:pk>/roles/add/", editing.actor_role_add, name="role_add"),
    path("<int:pk>/merge/", editing.actor_merge_view, name="merge"),
    # The editors' actor picker types ahead through this (static/js/actor_picker.js).
]

# An actor's page (actors:detail) is drawn by negotiations, which knows the records it
# lists; config/urls.py mounts it here, under the same names.
urlpatterns = suggest_patterns + editor_patterns
