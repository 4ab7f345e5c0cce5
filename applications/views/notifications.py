"""The person's notifications: the same news as the emails, each linking to its application."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views import View
from django.views.generic import ListView

from applications import services
from applications.selectors import notification_list_for

from .base import safe_url


class NotificationListView(LoginRequiredMixin, ListView):
    template_name = "applications/notifications.html"
    context_object_name = "notifications"
    paginate_by = 25

    def get_queryset(self):
        return notification_list_for(user=self.request.user).select_related("application")


class NotificationReadView(LoginRequiredMixin, View):
    """Mark one notification read and open what it is about (404 for anyone else's)."""

    def post(self, request, *args, **kwargs):
        notification = get_object_or_404(notification_list_for(user=request.user), pk=kwargs["pk"])
        services.notification_mark_read(notification=notification, by=request.user)
        return redirect(safe_url(request, notification.url, reverse("notifications:list")))


class NotificationReadAllView(LoginRequiredMixin, View):
    def post(self, request, *args, **kwargs):
        count = services.notification_mark_all_read(by=request.user)
        messages.success(request, f"{count} notification{'s' if count != 1 else ''} marked as read.")
        return redirect("notifications:list")
