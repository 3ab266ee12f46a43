"""/api/v1/actors/: mounted by config/urls.py with negotiations' routes, under the `api` names."""

from rest_framework.routers import DefaultRouter

from actors.api.views import ActorViewSet

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("actors", ActorViewSet, basename="actor")

urlpatterns = router.urls
