"""OGC API - Features, mounted at /ogc/ (portal.urls): the portal's default council's service there, and
each council's own at /ogc/councils/<slug>/ (the same names, reversed with the council first:
ogcapi.templatetags.ogc.ogc_url and OGCView.absolute)."""

from django.urls import include, path

from . import views

app_name = "ogcapi"
service = [
    path("", views.LandingView.as_view(), name="landing"),
    path("conformance", views.ConformanceView.as_view(), name="conformance"),
    path("api", views.APIDocumentView.as_view(), name="api"),
    path("collections", views.CollectionsView.as_view(), name="collections"),
    path("collections/<str:collection_id>", views.CollectionView.as_view(), name="collection"),
    path("collections/<str:collection_id>/items", views.ItemsView.as_view(), name="items"),
    path("collections/<str:collection_id>/queryables", views.QueryablesView.as_view(), name="queryables"),
    path("collections/<str:collection_id>/sortables", views.SortablesView.as_view(), name="sortables"),
    path("collections/<str:collection_id>/items/<str:feature_id>", views.ItemView.as_view(), name="item"),
]
urlpatterns = [*service, path("councils/<slug:council>/", include(service))]
