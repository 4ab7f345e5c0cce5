from django.urls import path

from . import api, views

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("accessibility/", views.AccessibilityStatementView.as_view(), name="accessibility"),
    path("privacy/", views.PrivacyNoticeView.as_view(), name="privacy"),
    path("api/sites.geojson", api.SitesGeoJSONView.as_view(), name="api_sites"),
    path("api/wards.geojson", api.WardsGeoJSONView.as_view(), name="api_wards"),
]
