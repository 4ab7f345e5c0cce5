"""Root URLs. Each app adds its own; portal itself imports no app above it."""

from django.urls import include, path

from .admin_access import admin_site

urlpatterns = [
    path("", include("mapping.urls")),
    path("accounts/", include("django.contrib.auth.urls")),
    path("admin/", admin_site.urls),
]
