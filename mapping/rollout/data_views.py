"""The rollout's data: the map's GeoJSON, the open-data page and downloads (CSV, GeoJSON, GeoPackage).

Each takes the map's filters (status, technology, operator, ward); a value not in the
lists answers 400 with the reason, never a 500. Only applications.public's fields, and
nothing secret, so the answers are gzipped when the browser accepts it (20,000 sites:
4.4 MB of GeoJSON, about a tenth of that on the wire).
"""

import orjson
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.gzip import gzip_page
from django.views.generic import TemplateView

from applications.public import PUBLIC_COLUMNS, PUBLIC_STATUS_OF, TECHNOLOGY_LABELS, public_site_list, public_sites
from portal.models import Council

from .export import FORMATS, rollout_export
from .filters import council_query, place_name, request_filters, rollout_council, rollout_wards

GEOJSON_FIELDS = (
    "pk",
    "asset__longitude",
    "asset__latitude",
    "application__status",
    "asset__asset_type__name",
    "technology",
    "application__organisation__name",
    "asset__ward__name",
)


@method_decorator(gzip_page, name="get")
class RolloutSitesGeoJSONView(View):
    """/rollout/sites.geojson: the public sites matching the filters, for the maps.

    Plain values built into features and encoded with orjson (no model instances). Each
    site's page is /rollout/sites/<id>/ (the map's script makes the link from the id).
    """

    def get(self, request):
        form = request_filters(request)
        if form.errors:
            return HttpResponse(
                orjson.dumps({"errors": form.error_dict()}), status=400, content_type="application/json"
            )
        rows = public_sites(**form.filters().selectors()).order_by("pk").values_list(*GEOJSON_FIELDS)
        shown = {status: public.value for status, public in PUBLIC_STATUS_OF.items()}
        features = [
            {
                "type": "Feature",
                "id": pk,
                "geometry": {"type": "Point", "coordinates": [round(lon, 6), round(lat, 6)]},
                "properties": {
                    "status": shown[status],
                    "type": type_name,
                    "technology": TECHNOLOGY_LABELS.get(technology, technology),
                    "operator": operator,
                    "ward": ward or "",
                },
            }
            for pk, lon, lat, status, type_name, technology, operator, ward in rows
        ]
        response = HttpResponse(
            orjson.dumps({"type": "FeatureCollection", "features": features}), content_type="application/geo+json"
        )
        patch_cache_control(response, public=True, max_age=60)
        return response


class RolloutDataView(TemplateView):
    """/rollout/data/: the open data: formats, licence, the stable column list, the feeds."""

    template_name = "mapping/rollout/data.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        council = rollout_council(self.request.GET)
        context.update(
            council=council,
            place_name=place_name(council),
            council_query=council_query(council),
            columns=list(PUBLIC_COLUMNS.items()),
            total=public_sites(council=council).count(),
            wards=[(code, name) for _, code, name in rollout_wards(council)],
            feeds=council_feeds(council),
        )
        return context


def council_feeds(council: Council | None) -> list[tuple[str, str]]:
    """(place, address) of the feed of the council's licences; of each council's and everyone's for None."""
    feed = reverse("rollout:feed")
    if council is not None:
        return [(council.name, feed + council_query(council))]
    councils = [(c.name, feed + council_query(c)) for c in Council.objects.order_by("name")]
    return [("the councils", feed), *councils]


@method_decorator(gzip_page, name="get")
class RolloutDownloadView(View):
    """/rollout/data.<csv|geojson|gpkg>: the public sites (the map's filters apply), as a file."""

    def get(self, request, file_format: str):
        if file_format not in FORMATS:
            raise Http404("No such format.")
        form = request_filters(request)
        if form.errors:
            lines = [message for messages in form.error_dict().values() for message in messages]
            return HttpResponse(
                "The download was not made: " + "; ".join(lines) + ".\n",
                status=400,
                content_type="text/plain; charset=utf-8",
            )
        filters = form.filters()
        body = rollout_export(values=public_site_list(**filters.selectors()), file_format=file_format)
        place = filters.council
        if place is None and filters.ward_id is not None:
            place = Council.objects.filter(wards__pk=filters.ward_id).first()
        place = place.slug if place is not None else "all-councils"
        name = f"{place}-rollout{'-' + filters.ward_code if filters.ward_code else ''}"
        response = HttpResponse(body, content_type=FORMATS[file_format])
        response["Content-Disposition"] = f'attachment; filename="{name}-{timezone.localdate():%Y-%m-%d}.{file_format}"'
        patch_cache_control(response, public=True, max_age=300)
        return response
