from django.urls import path  # noqa: F401

from actors.views import pages

app_name = "actors"

# Analysts' pages.
record_patterns = [
    path("<slug:slug>/", pages.actor_detail, name="detail"),
]

# Editors' pages.
editor_patterns = []

urlpatterns = record_patterns + editor_patterns
