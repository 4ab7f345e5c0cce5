from django.urls import path

from . import api, feeds, rollout_data_views, views, views_licences, views_rollout

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("accessibility/", views.AccessibilityStatementView.as_view(), name="accessibility"),
    path("privacy/", views.PrivacyNoticeView.as_view(), name="privacy"),
    path("api/sites.geojson", api.SitesGeoJSONView.as_view(), name="api_sites"),
    path("api/wards.geojson", api.WardsGeoJSONView.as_view(), name="api_wards"),
    # The public rollout (mapping/views_rollout.py, rollout_data_views.py, feeds.py).
    path("rollout/", views_rollout.RolloutMapView.as_view(), name="rollout"),
    path("rollout/sites.geojson", rollout_data_views.RolloutSitesGeoJSONView.as_view(), name="rollout_sites_geojson"),
    path("rollout/sites/<int:pk>/", views_rollout.RolloutSiteView.as_view(), name="rollout_site"),
    path("rollout/wards/<str:code>/", views_rollout.RolloutWardView.as_view(), name="rollout_ward"),
    path("rollout/wards/<str:code>/feed/", feeds.RolloutLicencesFeed(), name="rollout_ward_feed"),
    path("rollout/feed/", feeds.RolloutLicencesFeed(), name="rollout_feed"),
    path("rollout/data/", rollout_data_views.RolloutDataView.as_view(), name="rollout_data"),
    path("rollout/data.<str:file_format>", rollout_data_views.RolloutDownloadView.as_view(), name="rollout_download"),
    # Licences (mapping/views_licences.py): the public check, and the PDF for its parties.
    path("licences/<str:number>/", views_licences.LicenceVerifyView.as_view(), name="licence_verify"),
    path("licences/<str:number>/licence.pdf", views_licences.LicenceDownloadView.as_view(), name="licence_download"),
]
