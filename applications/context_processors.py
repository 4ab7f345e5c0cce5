"""The unread notification count for the header (portal's own context processor cannot import applications)."""

from django.http import HttpRequest

from .selectors import notification_unread_count


def notifications(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"notification_unread_count": notification_unread_count(user=user)}
