"""The public pages that belong to no one area (URL names "pages:..."): the home page and the footer's statements.

Each area of mapping has its own URLs and namespace: mapping/finder/urls.py ("finder:"),
mapping/rollout/urls.py ("rollout:"), mapping/licences/urls.py ("licences:").
"""

from django.urls import path

from . import views

app_name = "pages"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("accessibility/", views.AccessibilityStatementView.as_view(), name="accessibility"),
    path("privacy/", views.PrivacyNoticeView.as_view(), name="privacy"),
]
