"""Reads of councils, organisations and users."""

from django.conf import settings
from django.db.models import QuerySet

from .models import Council, Organisation, User


def portal_url(path: str) -> str:
    """The full address of a path on the portal (settings.PORTAL_URL), for emails and printed licences."""
    return getattr(settings, "PORTAL_URL", "").rstrip("/") + path


def council_default() -> Council | None:
    """The council the portal opens on (DEFAULT_COUNCIL_SLUG), or the first one."""
    return Council.objects.filter(slug=settings.DEFAULT_COUNCIL_SLUG).first() or Council.objects.order_by("pk").first()


def organisation_list_for(*, user: User) -> QuerySet[Organisation]:
    """Organisations a user may see: council staff and admins all, a supplier its own."""
    if user.is_supplier:
        return Organisation.objects.filter(pk=user.organisation_id)
    return Organisation.objects.all()
