"""/sites/...: the site finder, its exports, the shortlist and the asset pages (URL names "sites:...").

The views live in mapping (they show applications' fees and counts; sites may not import
applications), so these URLs are here rather than in sites/urls.py.
"""

from django.urls import path

from . import views_asset, views_saved_searches, views_shortlist, views_sites

app_name = "sites"

urlpatterns = [
    path("", views_sites.SiteListView.as_view(), name="list"),
    path("export.<str:fmt>", views_sites.SiteExportView.as_view(), name="export"),
    path("shortlist/", views_shortlist.ShortlistView.as_view(), name="shortlist"),
    path("shortlist/add/", views_shortlist.ShortlistAddView.as_view(), name="shortlist_add"),
    path("shortlist/remove/", views_shortlist.ShortlistRemoveView.as_view(), name="shortlist_remove"),
    path("saved/", views_saved_searches.SavedSearchListView.as_view(), name="saved"),
    path("saved/<int:pk>/delete/", views_saved_searches.SavedSearchDeleteView.as_view(), name="saved_delete"),
    path("saved/<int:pk>/alerts/", views_saved_searches.SavedSearchAlertsView.as_view(), name="saved_alerts"),
    # Last: a council reference may hold a slash ("RT 2/B", sent as RT%202%2FB).
    path("<slug:council>/<path:reference>/", views_asset.SiteDetailView.as_view(), name="detail"),
]
