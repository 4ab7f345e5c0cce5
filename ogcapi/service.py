"""Which OGC service a request is to, and its addresses: the default council's at /ogc/, or a
council's own at /ogc/councils/<slug>/ (the same URL names, with the council first)."""

from django.http import HttpRequest
from django.urls import reverse

from portal.models import Council
from portal.selectors import council_default

from .errors import not_found

JSON = "application/json"


def service_council(slug: str | None) -> Council:
    """The council a service serves: /ogc/councils/<slug>/'s, or the portal's default at /ogc/."""
    council = Council.objects.filter(slug=slug).first() if slug else council_default()
    if council is None:
        raise not_found(
            f"There is no council {slug!r} in the portal." if slug else "There is no council in the portal yet."
        )
    return council


def service_url(request: HttpRequest, name: str, **kwargs) -> str:
    """A page of the service the request is to: /ogc/councils/<slug>/... when it names a council, else /ogc/..."""
    slug = request.resolver_match.kwargs.get("council") if request.resolver_match else None
    return reverse(f"ogcapi:{name}", kwargs={"council": slug, **kwargs} if slug else kwargs)


def link(href: str, rel: str, media_type: str, title: str) -> dict:
    return {"href": href, "rel": rel, "type": media_type, "title": title}


def council_services(request: HttpRequest) -> list[dict]:
    """A "related" link to each council's own service, while the portal has several councils."""
    councils = list(Council.objects.order_by("name").values_list("slug", "name"))
    if len(councils) < 2:
        return []
    return [
        link(
            request.build_absolute_uri(reverse("ogcapi:landing", kwargs={"council": slug})),
            "related",
            JSON,
            f"{name}: its own service",
        )
        for slug, name in councils
    ]
