"""What every page's layout needs: the council whose pages these are, and the navigation for who is asking."""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from django.urls import reverse

from .admin_access import is_admin_user
from .models import Council
from .selectors import council_only

SERVICE_NAME = "Telecoms Site Portal"


@dataclass(frozen=True)
class NavItem:
    text: str
    href: str
    current: bool = False


def navigation_for(*, user, path: str) -> list[NavItem]:
    """The service navigation: everyone finds sites and sees the rollout; then per role."""
    items = [("Find sites", reverse("finder:list")), ("Rollout", reverse("rollout:map"))]
    if user.is_authenticated and is_admin_user(user):
        items.append(("Applications", reverse("applications:queue")))
        items += [("Asset register", reverse("admin:sites_asset_changelist")), ("Admin", reverse("admin:index"))]
    elif user.is_authenticated and getattr(user, "is_supplier", False):
        items.append(("Applications", reverse("applications:list")))
    # The longest matching prefix is the current section ("Admin" is "/admin/", the register below it).
    matches = [href for _, href in items if path.startswith(href)]
    current = max(matches, key=len, default=None)
    return [NavItem(text=text, href=href, current=href == current) for text, href in items]


def council_of(user) -> Council | None:
    """The council whose name, colour and logo head the page: council staff's own, else the portal's only one.

    None in a portal of several councils (the header names the service); a page about one
    council (its rollout, its finder) puts that council in its own context instead.
    """
    if user.is_authenticated and user.is_council_staff and user.council_id:
        return user.council
    return council_only()


def portal(request: HttpRequest) -> dict:
    user = getattr(request, "user", None) or AnonymousUser()
    return {
        "council": council_of(user),
        "service_name": SERVICE_NAME,
        "navigation": navigation_for(user=user, path=request.path),
        "map_tile_url": settings.MAP_TILE_URL,
    }
