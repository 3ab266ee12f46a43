from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from actors.api.urls import urlpatterns as actor_api_patterns
from actors.urls import urlpatterns as actor_patterns
from core.views import favicon, healthz
from negotiations.api.urls import urlpatterns as api_patterns
from negotiations.feeds import DevelopmentFeed
from negotiations.urls import actor_page_patterns

admin.site.site_header = "Tablero administration"
admin.site.site_title = "Tablero"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("favicon.ico", favicon, name="favicon"),
    path("admin/", admin.site.urls),
    path("accounts/", include("django.contrib.auth.urls")),
    path("api/v1/", include((actor_api_patterns + api_patterns, "api"))),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # The split view serves its start-up script as a file: no inline script (the CSP).
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    path("feeds/developments/", DevelopmentFeed(), name="feed-developments"),
    path("actors/", include((actor_patterns + actor_page_patterns, "actors"))),
    path("", include("negotiations.urls")),
]

handler404 = "core.api.exceptions.not_found"
handler500 = "core.api.exceptions.server_error"
