"""What every page's layout needs: the council whose portal this is, and the navigation for who is asking."""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from django.urls import reverse

from .admin_access import is_admin_user
from .selectors import council_default

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


def portal(request: HttpRequest) -> dict:
    user = getattr(request, "user", None) or AnonymousUser()
    return {
        "council": council_default(),
        "service_name": SERVICE_NAME,
        "navigation": navigation_for(user=user, path=request.path),
        "map_tile_url": settings.MAP_TILE_URL,
    }
