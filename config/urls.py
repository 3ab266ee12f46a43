from django.contrib import admin
from django.urls import include, path

from core.views import healthz

admin.site.site_header = "Tablero administration"
admin.site.site_title = "Tablero"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("accounts/", include("django.contrib.auth.urls")),
    # The REST API (issue 5) mounts here.
    path("actors/", include("actors.urls")),
    path("", include("negotiations.urls")),
]
