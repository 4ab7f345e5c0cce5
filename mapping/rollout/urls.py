"""The public rollout (URL names "rollout:..."): the map, ward and site pages, open data and Atom feeds."""

from django.urls import path

from . import data_views, feeds, views

app_name = "rollout"

urlpatterns = [
    path("", views.RolloutMapView.as_view(), name="map"),
    path("sites.geojson", data_views.RolloutSitesGeoJSONView.as_view(), name="sites_geojson"),
    path("sites/<int:pk>/", views.RolloutSiteView.as_view(), name="site"),
    path("wards/<str:code>/", views.RolloutWardView.as_view(), name="ward"),
    path("wards/<str:code>/feed/", feeds.RolloutLicencesFeed(), name="ward_feed"),
    path("feed/", feeds.RolloutLicencesFeed(), name="feed"),
    path("data/", data_views.RolloutDataView.as_view(), name="data"),
    path("data.<str:file_format>", data_views.RolloutDownloadView.as_view(), name="download"),
]
