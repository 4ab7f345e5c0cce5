"""The rollout's data: the map's GeoJSON, the open-data page and downloads (CSV, GeoJSON, GeoPackage).

Each takes the map's filters (status, technology, operator, ward); a value not in the
lists answers 400 with the reason, never a 500. Only applications.public's fields, and
nothing secret, so the answers are gzipped when the browser accepts it (20,000 sites:
4.4 MB of GeoJSON, about a tenth of that on the wire).
"""

import orjson
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.gzip import gzip_page
from django.views.generic import TemplateView

from applications.public import PUBLIC_COLUMNS, PUBLIC_STATUS_OF, TECHNOLOGY_LABELS, public_site_list, public_sites
from sites.models import Ward

from .export import FORMATS, rollout_export
from .filters import request_filters, rollout_council

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
        council = rollout_council()
        form = request_filters(request, council)
        if form.errors:
            return HttpResponse(
                orjson.dumps({"errors": form.error_dict()}), status=400, content_type="application/json"
            )
        rows = public_sites(council=council, **form.filters().selectors()).order_by("pk").values_list(*GEOJSON_FIELDS)
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
        council = rollout_council()
        context.update(
            council=council,
            columns=list(PUBLIC_COLUMNS.items()),
            total=public_sites(council=council).count(),
            wards=Ward.objects.filter(council=council).order_by("name").values_list("code", "name"),
        )
        return context


@method_decorator(gzip_page, name="get")
class RolloutDownloadView(View):
    """/rollout/data.<csv|geojson|gpkg>: the public sites (the map's filters apply), as a file."""

    def get(self, request, file_format: str):
        if file_format not in FORMATS:
            raise Http404("No such format.")
        council = rollout_council()
        form = request_filters(request, council)
        if form.errors:
            lines = [message for messages in form.error_dict().values() for message in messages]
            return HttpResponse(
                "The download was not made: " + "; ".join(lines) + ".\n",
                status=400,
                content_type="text/plain; charset=utf-8",
            )
        filters = form.filters()
        body = rollout_export(values=public_site_list(council=council, **filters.selectors()), file_format=file_format)
        name = f"{council.slug}-rollout{'-' + filters.ward_code if filters.ward_code else ''}"
        response = HttpResponse(body, content_type=FORMATS[file_format])
        response["Content-Disposition"] = f'attachment; filename="{name}-{timezone.localdate():%Y-%m-%d}.{file_format}"'
        patch_cache_control(response, public=True, max_age=300)
        return response
