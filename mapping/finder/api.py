"""GeoJSON endpoints of the site finder: assets in view (or clusters of them), and wards.

    GET /api/sites.geojson?bbox=-4.262,55.858,-4.248,55.864&asset_type=lighting_column
    GET /api/sites.geojson?near=-4.2502,55.8611&radius=250&sort=distance
    GET /api/sites.geojson?bbox=...&zoom=12            -> clusters with counts
    GET /api/sites.geojson?council=glasgow&bbox=...  -> one council (default: every council)
    GET /api/wards.geojson[?council=glasgow]

Answers are RFC 7946 FeatureCollections with two foreign members at the top level:
`count` (every match) and `capped` (whether `features` holds fewer than `count`), plus
`clustered`. A bad parameter answers 400 with {"errors": {"<parameter>": ["message"]}}.

This is the hot path: plain values from the database, features built as dicts, encoded
with orjson; no model instances, no serializer per feature.
"""

import re
from urllib.parse import quote

import orjson
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.views import View

from portal.models import Council
from sites.clusters import asset_clusters
from sites.filters import AssetSearchFilterSet
from sites.models import AssetType, Ward
from sites.search import asset_search, search_setting

from .search import search_council

GEOJSON = "application/geo+json"


_URL_SAFE = re.compile(r"[A-Za-z0-9._~-]+")


_REFERENCE_MARK = "REFERENCE"


def asset_page_parts(council_slug: str) -> tuple[str, str]:
    """The asset page's address (URL name `finder:detail`) either side of the reference,
    e.g. ("/sites/glasgow/", "/"): reversed once per council, not once per feature."""
    url = reverse("finder:detail", kwargs={"council": council_slug, "reference": _REFERENCE_MARK})
    at = url.rindex(_REFERENCE_MARK)
    return url[:at], url[at + len(_REFERENCE_MARK) :]


def _reference_in_path(reference: str) -> str:
    """The reference as one path segment: a "/" or a space in it is percent-encoded too."""
    return reference if _URL_SAFE.fullmatch(reference) else quote(reference, safe="")


def asset_page_url(council_slug: str, reference: str) -> str:
    """The asset page (/sites/<council>/<reference>/)."""
    before, after = asset_page_parts(council_slug)
    return before + _reference_in_path(reference) + after


def json_response(data: dict, *, status: int = 200, content_type: str = GEOJSON) -> HttpResponse:
    return HttpResponse(orjson.dumps(data), status=status, content_type=content_type)


def errors_response(errors: dict[str, list[str]]) -> HttpResponse:
    return json_response({"errors": errors}, status=400, content_type="application/json")


def _no_council() -> HttpResponse:
    return json_response(
        {"errors": {"council": ["There is no council in the portal yet."]}},
        status=404,
        content_type="application/json",
    )


def _point(lon: float, lat: float) -> dict:
    return {"type": "Point", "coordinates": [lon, lat]}


class SitesGeoJSONView(View):
    """GET /api/sites.geojson: the assets the user may see that match, or clusters of them."""

    def get(self, request: HttpRequest) -> HttpResponse:
        if not Council.objects.exists():
            return _no_council()
        council, wrong = search_council(request.GET, user=request.user)
        if wrong:
            return errors_response({"council": [wrong]})
        filterset = AssetSearchFilterSet(request.GET, user=request.user, council=council)
        if not filterset.is_valid():
            return errors_response(filterset.error_dict())
        search = filterset.search()
        below = min(search_setting("CLUSTER_BELOW_ZOOM"), 15)
        if search.zoom is not None and search.zoom < below and not search.area.needs_shapes:
            body = self.clusters(search, request.user, council)
        else:
            body = self.features(search, request.user, council)
        response = json_response(body)
        # What a user sees depends on who they are: never share a cached answer.
        patch_cache_control(response, private=True, no_cache=True)
        patch_vary_headers(response, ["Cookie"])
        return response

    @staticmethod
    def features(search, user, council: Council | None) -> dict:
        result = asset_search(search=search, user=user, council=council)
        types = {pk: rest for pk, *rest in AssetType.objects.values_list("pk", "code", "name", "colour")}
        ward_rows = Ward.objects.filter(council=council) if council is not None else Ward.objects.all()
        wards = dict(ward_rows.values_list("pk", "name"))
        councils = {pk: (slug, name) for pk, slug, name in Council.objects.values_list("pk", "slug", "name")}
        # Type, ward and page address per row from small lookups; the loop only fills dicts.
        kinds = {pk: {"type": code, "type_name": name, "colour": colour} for pk, (code, name, colour) in types.items()}
        pages = {pk: asset_page_parts(slug) for pk, (slug, _) in councils.items()}
        safe = _URL_SAFE.fullmatch("".join(row.reference for row in result.rows) or "-") is not None
        fragment, point = orjson.Fragment, "Point"
        features = []
        for row in result.rows:
            reference = row.reference
            before, after = pages[row.council_id]
            properties = {
                "reference": reference,
                "name": row.name,
                "council": councils[row.council_id][1],
                **kinds[row.asset_type_id],
                "street": row.street,
                "ward": wards.get(row.ward_id),
                "height_m": row.height_m,
                "availability": row.availability,
                "url": before + (reference if safe else _reference_in_path(reference)) + after,
            }
            if row.distance_m is not None:
                properties["distance_m"] = row.distance_m
            if row.shape is None:
                geometry = {"type": point, "coordinates": [row.longitude, row.latitude]}
            else:  # Stored GeoJSON text, written out as it is.
                geometry = fragment(row.shape)
            features.append({"type": "Feature", "id": row.id, "geometry": geometry, "properties": properties})
        return {
            "type": "FeatureCollection",
            "clustered": False,
            "count": result.count,
            "capped": result.capped,
            "features": features,
        }

    @staticmethod
    def clusters(search, user, council: Council | None) -> dict:
        result = asset_clusters(search=search, user=user, council=council)
        features = [
            {
                "type": "Feature",
                "id": f"cluster-{result.zoom}-{c.cell[0]}-{c.cell[1]}",
                "geometry": _point(c.longitude, c.latitude),
                "properties": {"cluster": True, "count": c.count},
            }
            for c in result.clusters
        ]
        return {
            "type": "FeatureCollection",
            "clustered": True,
            "zoom": result.zoom,
            "count": result.count,
            "capped": False,
            "features": features,
        }


class WardsGeoJSONView(View):
    """GET /api/wards.geojson[?council=<slug>]: a council's wards, or every council's (code, name)."""

    def get(self, request: HttpRequest) -> HttpResponse:
        if not Council.objects.exists():
            return _no_council()
        # Ward boundaries are public and cached publicly: the council asked for, whoever asks.
        council, wrong = search_council(request.GET, user=None)
        if wrong:
            return errors_response({"council": [wrong]})
        wards = Ward.objects.filter(council=council) if council is not None else Ward.objects.all()
        rows = wards.order_by("name").values_list("pk", "code", "name", "geometry")
        body = {
            "type": "FeatureCollection",
            "features": [
                {"type": "Feature", "id": pk, "geometry": geometry, "properties": {"code": code, "name": name}}
                for pk, code, name, geometry in rows
            ],
        }
        response = json_response(body)
        patch_cache_control(response, public=True, max_age=300)
        return response
