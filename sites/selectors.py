"""Reads of the asset register."""

from dataclasses import dataclass

import numpy as np
from django.db.models import Count, Q, QuerySet

from portal.models import Council

from .geometry import from_geojson, project_to_bng
from .models import Asset, AssetType, ConstraintArea, Visibility, Ward


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


def asset_type_counts(*, council: Council | None, user=None) -> QuerySet[AssetType]:
    """Asset types in a council's register with `asset_count`, largest first.

    The public sees only the public types; signed-in users every type. Types with no assets are left out.
    """
    types = AssetType.objects.all()
    if user is None or not user.is_authenticated:
        types = types.filter(visibility=Visibility.PUBLIC)
    return (
        types.annotate(asset_count=Count("assets", filter=Q(assets__council=council)))
        .filter(asset_count__gt=0)
        .order_by("-asset_count", "name")
    )
