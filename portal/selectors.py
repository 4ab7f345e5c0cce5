"""Reads of councils, organisations and users."""

import re

from django.conf import settings
from django.db.models import QuerySet

from .models import Council, Organisation, User


def portal_url(path: str) -> str:
    """The full address of a path on the portal (settings.PORTAL_URL), for emails and printed licences."""
    return getattr(settings, "PORTAL_URL", "").rstrip("/") + path


def email_signature(council: Council) -> str:
    """The last line of every email about a council's applications and licences: whose service it is."""
    contact = f" Contact the council at {council.contact_email}." if council.contact_email else ""
    return f"This message was sent by the Telecoms Site Portal for {council.name}.{contact}"


def council_default() -> Council | None:
    """The council the portal opens on (DEFAULT_COUNCIL_SLUG), or the first one."""
    return Council.objects.filter(slug=settings.DEFAULT_COUNCIL_SLUG).first() or Council.objects.order_by("pk").first()


def council_only() -> Council | None:
    """The portal's council while it has one only; None once there are several (or none)."""
    first_two = list(Council.objects.order_by("pk")[:2])
    return first_two[0] if len(first_two) == 1 else None


SLUG = re.compile(r"[-a-zA-Z0-9_]{1,50}")
NO_SUCH_COUNCIL = "Choose a council from the list."


def council_by_slug(slug: str) -> tuple[Council | None, str]:
    """The council a `?council=<slug>` names (None: every council) and what is wrong with it ("" if nothing)."""
    slug = (slug or "").strip()
    if not slug:
        return None, ""
    council = Council.objects.filter(slug=slug).first() if SLUG.fullmatch(slug) else None
    return council, "" if council is not None else NO_SUCH_COUNCIL


def council_choice_list() -> list[tuple[str, str]]:
    """(slug, name) of every council, ("", "All councils") first; empty while the portal has one council."""
    councils = list(Council.objects.order_by("name").values_list("slug", "name"))
    return [("", "All councils"), *councils] if len(councils) > 1 else []


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
