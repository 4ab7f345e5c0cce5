"""The site finder (URL names "finder:..."): /sites/ with its exports, the shortlist and the asset pages,
and the GeoJSON its map reads (/api/...).

The views live in mapping (they show applications' fees and counts; sites may not import
applications), so these URLs are here rather than in sites/.
"""

from django.urls import path

from . import api, asset_views, saved_search_views, shortlist_views, views

app_name = "finder"

urlpatterns = [
    path("api/sites.geojson", api.SitesGeoJSONView.as_view(), name="api_sites"),
    path("api/wards.geojson", api.WardsGeoJSONView.as_view(), name="api_wards"),
    path("sites/", views.SiteListView.as_view(), name="list"),
    path("sites/export.<str:fmt>", views.SiteExportView.as_view(), name="export"),
    path("sites/shortlist/", shortlist_views.ShortlistView.as_view(), name="shortlist"),
    path("sites/shortlist/add/", shortlist_views.ShortlistAddView.as_view(), name="shortlist_add"),
    path("sites/shortlist/remove/", shortlist_views.ShortlistRemoveView.as_view(), name="shortlist_remove"),
    path("sites/saved/", saved_search_views.SavedSearchListView.as_view(), name="saved"),
    path("sites/saved/<int:pk>/delete/", saved_search_views.SavedSearchDeleteView.as_view(), name="saved_delete"),
    path("sites/saved/<int:pk>/alerts/", saved_search_views.SavedSearchAlertsView.as_view(), name="saved_alerts"),
    # Last: a council reference may hold a slash ("RT 2/B", sent as RT%202%2FB).
    path("sites/<slug:council>/<path:reference>/", asset_views.SiteDetailView.as_view(), name="detail"),
]
