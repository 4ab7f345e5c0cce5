from django.urls import path

from . import views

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("accessibility/", views.AccessibilityStatementView.as_view(), name="accessibility"),
    path("privacy/", views.PrivacyNoticeView.as_view(), name="privacy"),
]
