from django.contrib import admin
from django.urls import path

from core.views import healthz

admin.site.site_header = "Tablero administration"
admin.site.site_title = "Tablero"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
]
