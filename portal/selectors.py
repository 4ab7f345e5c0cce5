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


def council_only() -> Council | None:
    """The portal's council while it has one only; None once there are several (or none)."""
    first_two = list(Council.objects.order_by("pk")[:2])
    return first_two[0] if len(first_two) == 1 else None


def councils_bounds(council: Council | None) -> tuple[float, float, float, float]:
    """The council's box, or (None) the box around every council's; Glasgow's while there is none."""
    if council is not None:
        return council.bounds
    boxes = list(Council.objects.values_list("min_longitude", "min_latitude", "max_longitude", "max_latitude"))
    if not boxes:
        return (-4.45, 55.77, -4.05, 55.94)
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )


def organisation_list_for(*, user: User) -> QuerySet[Organisation]:
    """Organisations a user may see: council staff and admins all, a supplier its own."""
    if user.is_supplier:
        return Organisation.objects.filter(pk=user.organisation_id)
    return Organisation.objects.all()
