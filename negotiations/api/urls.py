"""/api/v1/: the negotiation records, articles and evidence, the state, and your token.

Mounted by config/urls.py with the actors app's routes, under the `api` names."""

from django.urls import include, path
from rest_framework.routers import DefaultRouter

from negotiations.api import views

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("offers", views.OfferViewSet, basename="offer")
router.register("channels", views.ChannelViewSet, basename="channel")
router.register("indictments", views.IndictmentViewSet, basename="indictment")
router.register("positions", views.PositionViewSet, basename="position")
router.register("events", views.EventViewSet, basename="event")
router.register("articles", views.ArticleViewSet, basename="article")
router.register("evidence", views.EvidenceViewSet, basename="evidence")

urlpatterns = [
    path("state/", views.StateView.as_view(), name="state"),
    path("auth/token/", views.TokenView.as_view(), name="token"),
    path("", include(router.urls)),
]
