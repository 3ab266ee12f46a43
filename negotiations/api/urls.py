"""/api/v1/: every record, the timeline, the negotiation state, and your token."""

from django.urls import include, path
from rest_framework.routers import DefaultRouter

from actors.api.views import ActorViewSet
from negotiations.api import views

app_name = "api"

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("actors", ActorViewSet, basename="actor")
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
