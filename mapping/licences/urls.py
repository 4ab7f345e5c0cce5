"""Licences (URL names "licences:..."): the public check, and the PDF for its parties."""

from django.urls import path

from . import views

app_name = "licences"

urlpatterns = [
    path("<str:number>/", views.LicenceVerifyView.as_view(), name="verify"),
    path("<str:number>/licence.pdf", views.LicenceDownloadView.as_view(), name="download"),
]
