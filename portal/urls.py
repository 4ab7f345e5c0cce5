"""Root URLs. Each app adds its own; portal itself imports no app above it."""

from django.contrib.auth.views import LoginView
from django.urls import include, path

from .admin_access import admin_site
from .forms import LoginForm
from .health import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("", include("mapping.urls")),
    path("", include("mapping.finder.urls")),
    path("rollout/", include("mapping.rollout.urls")),
    path("licences/", include("mapping.licences.urls")),
    path("accounts/login/", LoginView.as_view(authentication_form=LoginForm), name="login"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("accounts/", include("portal.account_urls")),
    path("applications/", include("applications.urls")),
    path("notifications/", include("applications.notification_urls")),
    path("ogc/", include("ogcapi.urls")),
    path("councils/", include("portal.council_urls")),
    path("admin/", admin_site.urls),
]

# A refusal says why and what to do (portal.refusals).
handler403 = "portal.refusals.permission_denied"
