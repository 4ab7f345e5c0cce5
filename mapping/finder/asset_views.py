"""/sites/<council>/<reference>/: everything an engineer needs about one asset, a small map,
the application types and fees, and whether others are applying (a count, never who).

Restricted asset types are 404 (not 403) for anyone who may not see them, so their
existence does not leak.
"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views import View

from mapping.maps import features_map
from portal.models import Council
from sites.search import assets_visible_to
from sites.shortlist_services import batch_limit, has_shortlist, shortlist_asset_ids

from .api import asset_page_url
from .facts import application_start_url, apply_blocker, asset_fee_rows, asset_interest
from .search import NEAR_ASSET_RADIUS_M, near_asset_query
from .views import no_shared_cache


def asset_feature(asset) -> dict:
    """The asset as a GeoJSON Feature with what a popup shows (as the API's features)."""
    return {
        "type": "Feature",
        "id": asset.pk,
        "geometry": asset.geometry,
        "properties": {
            "reference": asset.reference,
            "name": asset.name,
            "type_name": asset.asset_type.name,
            "colour": asset.asset_type.colour,
            "street": asset.street,
            "height_m": float(asset.height_m) if asset.height_m is not None else None,
            "availability": asset.availability,
            "url": asset_page_url(asset.council.slug, asset.reference),
        },
    }


def asset_bounds(assets) -> tuple[float, float, float, float] | None:
    assets = list(assets)
    if not assets:
        return None
    return (
        min(a.min_longitude for a in assets),
        min(a.min_latitude for a in assets),
        max(a.max_longitude for a in assets),
        max(a.max_latitude for a in assets),
    )


class SiteDetailView(View):
    template_name = "mapping/finder/detail.html"

    def get(self, request: HttpRequest, council: str, reference: str) -> HttpResponse:
        council_obj = get_object_or_404(Council, slug=council)
        user = request.user
        visible = assets_visible_to(user=user, council=council_obj).select_related("council", "asset_type", "ward")
        asset = get_object_or_404(visible, reference=reference)
        shortlisted = shortlist_asset_ids(user=user)
        blocker = apply_blocker(user)
        context = {
            "asset": asset,
            "constraints": list(asset.constraint_areas.order_by("kind", "name")),
            "accepted": asset_fee_rows(asset=asset),
            "interest": asset_interest(asset=asset, user=user),
            "apply_blocker": blocker,
            "apply_url": application_start_url([asset.pk]) if blocker is None and asset.is_available else "",
            "can_shortlist": has_shortlist(user),
            "shortlisted": shortlisted,
            "shortlist_full": len(shortlisted) >= batch_limit(),
            "near_query": near_asset_query(asset),
            "near_name": f"{asset.asset_type.name} sites near {asset.reference}",
            "near_hint": f"A saved search for {asset.asset_type.name.lower()} sites within {NEAR_ASSET_RADIUS_M} m of "
            "this one: come back to it, and get an email when new ones are added.",
            "map": features_map(key="asset", features=[asset_feature(asset)], bounds=asset_bounds([asset]), zoom=17),
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
