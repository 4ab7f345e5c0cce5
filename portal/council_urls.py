"""/councils/<slug>/...: each council's branding (URL names "councils:...")."""

from django.urls import path

from . import council_views as views

app_name = "councils"

urlpatterns = [
    path("<slug:slug>/logo.png", views.CouncilLogoView.as_view(), name="logo"),
    path("<slug:slug>/brand.css", views.CouncilBrandStylesheetView.as_view(), name="brand_css"),
]
