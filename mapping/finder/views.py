"""The site finder: /sites/ (a map and a list driven by one search) and its exports.

The list is the page: it works without JavaScript, paginated and sortable, and its URL
carries the whole search (a GET form). The map (mapping.maps, static/portal/site-finder.js)
shows the same search's results, fetched from /api/sites.geojson as it moves.
"""

import tempfile
from pathlib import Path

import numpy as np
import shapely
from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.views import View

from mapping.maps import site_finder_map
from portal.models import Council
from portal.selectors import councils_bounds
from sites.filters import CONSTRAINT_FLAGS
from sites.io import assets_export
from sites.models import Availability, PowerSupply, Ward
from sites.search import SORTS, asset_search_queryset, geodesic_distance_m, own_council, visible_asset_types
from sites.shortlist_services import batch_limit, has_shortlist, shortlist_asset_ids

from .pages import count_up_to, search_pages
from .search import SitePageSearch, council_choices, page_search, where_choices

PAGE_SIZE = 25
DEFAULT_EXPORT_LIMIT = 10_000
EXPORT_FORMATS = {
    # format: (content type, file extension, label)
    "csv": ("text/csv; charset=utf-8", "csv", "CSV"),
    "geojson": ("application/geo+json", "geojson", "GeoJSON"),
    "gpkg": ("application/geopackage+sqlite3", "gpkg", "GeoPackage"),
}


def export_limit() -> int:
    """The most assets one export holds (settings.SITE_SEARCH["MAX_EXPORT_ROWS"], default 10,000)."""
    return int(settings.SITE_SEARCH.get("MAX_EXPORT_ROWS", DEFAULT_EXPORT_LIMIT))


def _portal_has_a_council() -> None:
    if not Council.objects.exists():
        raise Http404("There is no council in the portal yet.")


def _wards(council: Council | None):
    """The wards the form offers: the council's, or every council's (named with their council)."""
    wards = Ward.objects.order_by("name")
    if council is not None:
        return list(wards.filter(council=council).values_list("code", "name"))
    rows = list(wards.values_list("code", "name", "council__name"))
    several = len({row[2] for row in rows}) > 1
    return [(code, f"{name} ({council_name})" if several else name) for code, name, council_name in rows]


def _wards_url(council: Council | None) -> str:
    url = reverse("finder:api_wards")
    return f"{url}?council={council.slug}" if council is not None else url


def _file_prefix(council: Council | None) -> str:
    """The council's slug, or "all-councils" (the only council's slug while there is one)."""
    if council is None:
        slugs = list(Council.objects.values_list("slug", flat=True)[:2])
        return slugs[0] if len(slugs) == 1 else "all-councils"
    return council.slug


def no_shared_cache(response: HttpResponse) -> HttpResponse:
    """What a page shows depends on who asks (restricted types, the shortlist)."""
    patch_cache_control(response, private=True, no_cache=True)
    patch_vary_headers(response, ["Cookie"])
    return response


def _selected(params, name: str) -> set[str]:
    """The values of a repeated or comma-separated parameter, as the form shows them checked."""
    return {part.strip() for value in params.getlist(name) for part in value.split(",") if part.strip()}


def _map_area(finder: SitePageSearch) -> dict[str, str]:
    """The searched place for the map to draw (data attributes), when the search is valid."""
    if not finder.is_valid:
        return {}
    area = finder.search.area
    data = {}
    if area.bbox is not None:
        data["bbox"] = ",".join(f"{v:.6f}" for v in area.bbox)
    if area.near is not None:
        data["near"] = f"{area.near[0]:.6f},{area.near[1]:.6f}"
        data["radius"] = f"{area.radius_m:g}"
    if area.within is not None:
        data["within"] = shapely.to_geojson(area.within)
    wards = finder.search.filters.get("ward")
    if area.is_empty and wards:  # Open the map on the wards searched.
        box = (
            min(w.min_longitude for w in wards),
            min(w.min_latitude for w in wards),
            max(w.max_longitude for w in wards),
            max(w.max_latitude for w in wards),
        )
        data["fit"] = ",".join(f"{v:.6f}" for v in box)
    return data


def _page_links(page) -> list[int | None]:
    """The result pages to link to, None for a gap (includes/pagination.html): an elided range,
    so a million results (40,000 pages) never build 40,000 links."""
    if not page:
        return []
    elided = page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
    return [None if number == page.paginator.ELLIPSIS else number for number in elided]


def _with_distances(assets: list, finder: SitePageSearch) -> list:
    """Each asset of a page with `distance_m` (metres from the search's point, or None)."""
    near = finder.search.area.near if finder.is_valid else None
    if near is None or not assets:
        for asset in assets:
            asset.distance_m = None
        return assets
    lons = np.array([a.longitude for a in assets])
    lats = np.array([a.latitude for a in assets])
    for asset, metres in zip(assets, geodesic_distance_m(near[0], near[1], lons, lats), strict=True):
        asset.distance_m = float(metres)
    return assets


class SiteListView(View):
    """GET /sites/: the filters, the map and the paginated results of one search."""

    template_name = "mapping/finder/list.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        _portal_has_a_council()
        user = request.user
        finder = page_search(request.GET, user=user)
        council = finder.council
        page = count = total = None
        if finder.is_valid:
            paginator = search_pages(search=finder.search, user=user, council=council, per_page=PAGE_SIZE)
            page = paginator.get_page(request.GET.get("page"))
            page.object_list = _with_distances(list(page.object_list), finder)
            count, total = paginator.count, paginator.total
        shortlisted = shortlist_asset_ids(user=user)
        raw = request.GET
        context = {
            **({"council": council} if council is not None else {}),  # the layout's council (its brand)
            "finder": finder,
            "page_obj": page,
            "count": count,
            "total": total,
            "more": page.paginator.more if page else False,
            "page_range": _page_links(page),
            "query": finder.query(),
            "raw": raw,
            "selected": {name: _selected(raw, name) for name in ("asset_type", "ward", "power", "without")},
            "where_choices": where_choices(council),
            "council_choices": council_choices(user=user),
            "searched_council": council,
            "asset_types": list(visible_asset_types(user=user)),
            "wards": _wards(council),
            "availability_choices": Availability.choices,
            "power_choices": PowerSupply.choices,
            "constraint_choices": [(key, label) for key, (_, label) in CONSTRAINT_FLAGS.items()],
            "sort_choices": list(SORTS.items()),
            "sort": finder.params.get("sort", ""),
            "export_formats": [(fmt, label) for fmt, (_, _, label) in EXPORT_FORMATS.items()],
            "export_limit": export_limit(),
            "map": site_finder_map(bounds=councils_bounds(council), wards_url=_wards_url(council)),
            "map_area": _map_area(finder),
            "api_url": reverse("finder:api_sites"),
            "api_query": finder.api_query() if finder.is_valid else "",
            "can_shortlist": has_shortlist(user),
            "shortlisted": shortlisted,
            "shortlist_limit": batch_limit(),
            "finder_config": {
                "shortlist": {
                    "enabled": has_shortlist(user),
                    "add": reverse("finder:shortlist_add"),
                    "remove": reverse("finder:shortlist_remove"),
                    "ids": sorted(shortlisted),
                },
            },
        }
        return no_shared_cache(render(request, self.template_name, context))


class SiteExportView(View):
    """GET /sites/export.<csv|geojson|gpkg>?<the page's query>: the results as a file (sites.io)."""

    def get(self, request: HttpRequest, fmt: str) -> HttpResponse:
        if fmt not in EXPORT_FORMATS:
            raise Http404("No such export format.")
        _portal_has_a_council()
        user = request.user
        finder = page_search(request.GET, user=user)
        council = finder.council
        query = finder.query()
        back = f"{reverse('finder:list')}?{query}" if query else reverse("finder:list")
        if not finder.is_valid:
            return self.refused(request, [message for _, message in finder.errors], back)
        queryset = asset_search_queryset(search=finder.search, user=user, council=council)
        limit = export_limit()
        count = count_up_to(queryset, limit)
        if count > limit:
            message = (
                f"These results hold more than {limit:,} sites, and an export holds at most {limit:,}. "
                "Narrow the search (for example by ward, asset type or area) and export again."
            )
            return self.refused(request, [message], back)
        content_type, extension, _ = EXPORT_FORMATS[fmt]
        with tempfile.TemporaryDirectory(prefix="site-export-") as folder:
            written = assets_export(
                queryset=queryset,
                path=Path(folder) / f"sites.{extension}",
                file_format=fmt,
                # The notes are the council's own working notes: for its staff only (who search
                # their own council's register only: sites.search.own_council).
                exclude=() if own_council(user) is not None else ("notes",),
            )
            content = written.read_bytes()
        response = HttpResponse(content, content_type=content_type)
        filename = f"{_file_prefix(council)}-sites-{timezone.localdate():%Y-%m-%d}.{extension}"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        response["X-Result-Count"] = str(count)
        return no_shared_cache(response)

    @staticmethod
    def refused(request: HttpRequest, messages: list[str], back: str) -> HttpResponse:
        response = render(
            request, "mapping/finder/export_refused.html", {"messages_": messages, "back": back}, status=400
        )
        return no_shared_cache(response)
