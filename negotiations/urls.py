from django.urls import path

from negotiations.views import (
    about,
    actor_page,
    dashboard,
    disagreements,
    editing,
    history,
    network,
    records,
    review,
    search,
    sources,
    suggest,
    timeline,
)

app_name = "negotiations"

# An actor's page, mounted by config/urls.py under /actors/ with the actors app's own pages.
actor_page_patterns = [
    path("<slug:slug>/", actor_page.actor_detail, name="detail"),
]

# The dashboard and the timeline.
state_patterns = [
    path("", dashboard.dashboard, name="dashboard"),
    path("timeline/", timeline.timeline, name="timeline"),
    path("timeline/csv/", timeline.timeline_csv, name="timeline_csv"),
    path("network/", network.network, name="network"),
]

# Record pages, sources and search.
record_patterns = [
    path("offers/<int:pk>/", records.offer_detail, name="offer"),
    path("indictments/<int:pk>/", records.indictment_detail, name="indictment"),
    path("channels/<int:pk>/", records.channel_detail, name="channel"),
    path("events/<int:pk>/", records.event_detail, name="event"),
    path("positions/<int:pk>/", records.position_detail, name="position"),
    path("sources/<int:pk>/", sources.source_detail, name="source"),
    path("search/", search.search, name="search"),
    path("about/confidence/", about.about_confidence, name="about_confidence"),
    path("about/verdicts/", about.about_verdicts, name="about_verdicts"),
]

# Editors' pages.
editor_patterns = [
    path("developments/add/", editing.development_add, name="development_add"),
    path("articles/add/", editing.article_add, name="article_add"),
    path("articles/<int:pk>/progress/", editing.article_progress, name="article_progress"),
    path("articles/<int:pk>/status/", editing.article_status, name="article_status"),
    path("records/<str:model_name>/add/", editing.record_add, name="record_add"),
    path("records/<str:model_name>/suggest.json", suggest.record_suggest, name="record_suggest"),
    path("records/<str:model_name>/<int:pk>/edit/", editing.record_edit, name="record_edit"),
    path(
        "records/<str:model_name>/<int:pk>/history/", history.record_history, name="record_history"
    ),
    path(
        "records/<str:model_name>/<int:pk>/history/<int:history_id>/",
        history.record_version,
        name="record_version",
    ),
    path(
        "records/<str:model_name>/<int:pk>/history/<int:history_id>/revert/",
        history.record_revert,
        name="record_revert",
    ),
    path("review/", review.review, name="review"),
    path("disagreements/", disagreements.disagreements, name="disagreements"),
    path(
        "disagreements/<int:pk>/choose/",
        disagreements.disagreement_choose,
        name="disagreement_choose",
    ),
    path("review/links/<int:pk>/", review.review_link_decide, name="review_link_decide"),
    path("review/undo/", review.review_undo, name="review_undo"),
    path("review/<str:model_name>/<int:pk>/", review.review_decide, name="review_decide"),
    path(
        "review/articles/<int:pk>/confirm/",
        review.review_article_confirm,
        name="review_article_confirm",
    ),
]

urlpatterns = state_patterns + record_patterns + editor_patterns
