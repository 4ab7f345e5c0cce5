"""/notifications/...: the signed-in person's notifications."""

from django.urls import path
from django.views.decorators.http import require_POST

from . import views

app_name = "notifications"

urlpatterns = [
    path("", views.NotificationListView.as_view(), name="list"),
    path("read-all/", require_POST(views.NotificationReadAllView.as_view()), name="read_all"),
    path("<int:pk>/read/", require_POST(views.NotificationReadView.as_view()), name="read"),
]
