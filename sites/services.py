"""Changes to the asset register. Each public function is one transaction."""

from dataclasses import dataclass

import numpy as np
from django.core.exceptions import ValidationError
from django.db import transaction
from shapely.errors import ShapelyError
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

from portal.councils import outside_boundary
from portal.models import Council, User

from .geometry import (
    SpatialFields,
    intersecting_pairs,
    place_in_areas,
    project_to_bng,
    spatial_fields,
)
from .models import Asset, ConstraintKind
from .selectors import CouncilAreas, council_areas

CONSTRAINT_FLAGS = {
    ConstraintKind.CONSERVATION_AREA: "in_conservation_area",
    ConstraintKind.LISTED_BUILDING: "listed_building",
    ConstraintKind.TREE_PRESERVATION_ORDER: "tree_preservation_order",
}


@dataclass(frozen=True)
class Located:
    """Where each geometry is: derived fields, ward, constraints (all index-aligned)."""

    fields: SpatialFields
    ward_index: np.ndarray  # into areas.wards, -1 for none
    ward_by_nearest: np.ndarray
    constraint_pairs: tuple[np.ndarray, np.ndarray]  # (geometry index, areas.constraints index)

    def constraints_of(self, i: int, areas: CouncilAreas) -> list:
        # The pairs are sorted by geometry index (locate), so this is a binary search,
        # not a scan: an import of 100,000 rows asks once per row.
        geom_idx, area_idx = self.constraint_pairs
        start, stop = np.searchsorted(geom_idx, [i, i + 1])
        return [areas.constraints[j] for j in area_idx[start:stop]]


def locate(geometries: np.ndarray, areas: CouncilAreas) -> Located:
    """Ward, constraints and indexed coordinates for WGS84 geometries (vectorised)."""
    bng = project_to_bng(geometries)
    placement = place_in_areas(bng, areas.wards_bng)
    geom_idx, area_idx = intersecting_pairs(bng, areas.constraints_bng)
    order = np.lexsort((area_idx, geom_idx))
    return Located(
        fields=spatial_fields(geometries),
        ward_index=placement.area,
        ward_by_nearest=placement.by_nearest,
        constraint_pairs=(geom_idx[order], area_idx[order]),
    )


def out_of_area(fields: SpatialFields, council: Council, geometries: np.ndarray) -> np.ndarray:
    """True where a geometry's box is not inside the council's box, or the geometry misses its
    exact boundary (when the council has one: portal.councils.outside_boundary)."""
    min_lon, min_lat, max_lon, max_lat = council.bounds
    outside = ~(
        (fields.min_longitude >= min_lon)
        & (fields.max_longitude <= max_lon)
        & (fields.min_latitude >= min_lat)
        & (fields.max_latitude <= max_lat)
    )
    if council.boundary:
        inside = np.flatnonzero(~outside)
        outside[inside] = outside_boundary(council, geometries[inside])
    return outside


def apply_location(asset: Asset, located: Located, i: int, areas: CouncilAreas) -> list:
    """Set the derived columns of one asset from row `i`; returns its constraint areas."""
    for name, value in located.fields.row(i).items():
        setattr(asset, name, value)
    ward_i = int(located.ward_index[i])
    asset.ward = areas.wards[ward_i] if ward_i >= 0 else None
    constraints = located.constraints_of(i, areas)
    kinds = {c.kind for c in constraints}
    for kind, flag in CONSTRAINT_FLAGS.items():
        setattr(asset, flag, kind in kinds)
    return constraints


def parse_geometry(geometry: dict) -> BaseGeometry:
    """A shapely geometry from GeoJSON, or a ValidationError in plain English."""
    try:
        geom = shape(geometry)
    except (AttributeError, KeyError, TypeError, ValueError, IndexError, ShapelyError) as exc:
        raise ValidationError({"geometry": "Enter the location as a GeoJSON geometry."}) from exc
    if geom.is_empty:
        raise ValidationError({"geometry": "The location is empty."})
    if not geom.is_valid:
        raise ValidationError({"geometry": "The location is not a valid shape (it may cross itself)."})
    return geom


def asset_locate(*, asset: Asset) -> list:
    """Check an asset's geometry and set its derived columns in memory; writes nothing.

    Returns the constraint areas it falls in. Raises ValidationError when the geometry is
    unusable or outside the council. Forms call this to show the error on the field.
    """
    geom = parse_geometry(asset.geometry)
    areas = council_areas(council=asset.council)
    located = locate(np.array([geom], dtype=object), areas)
    if out_of_area(located.fields, asset.council, np.array([geom], dtype=object))[0]:
        raise ValidationError({"geometry": f"The location is outside {asset.council.name}."})
    return apply_location(asset, located, 0, areas)


@transaction.atomic
def asset_save(*, asset: Asset, by: User | None = None) -> Asset:
    """Create or update one asset, deriving its coordinates, ward and constraints."""
    constraints = asset_locate(asset=asset)
    asset.full_clean()
    if by is not None:
        asset._history_user = by
    asset.save()
    asset.constraint_areas.set(constraints)
    return asset


@transaction.atomic
def asset_capacity_reserve(*, asset: Asset, slots: int, load_kg: int) -> Asset:
    """Take slots and structural load for an approved installation (the applications use this).

    Locks the row so two approvals at once cannot both take the last slot.
    """
    locked = Asset.objects.select_for_update().get(pk=asset.pk)
    if slots > locked.free_slots:
        raise ValidationError(f"{locked.reference} has {locked.free_slots} free slot(s); {slots} asked for.")
    remaining = locked.remaining_load_kg
    if remaining is not None and load_kg > remaining:
        raise ValidationError(f"{locked.reference} can carry {remaining} kg more; {load_kg} kg asked for.")
    locked.slots_used += slots
    locked.load_used_kg += load_kg
    locked.save(update_fields=["slots_used", "load_used_kg", "updated_at"])
    return locked


@transaction.atomic
def asset_capacity_release(*, asset: Asset, slots: int, load_kg: int) -> Asset:
    """Give back what asset_capacity_reserve took (refusal, withdrawal, removal)."""
    locked = Asset.objects.select_for_update().get(pk=asset.pk)
    locked.slots_used = max(locked.slots_used - slots, 0)
    locked.load_used_kg = max(locked.load_used_kg - load_kg, 0)
    locked.save(update_fields=["slots_used", "load_used_kg", "updated_at"])
    return locked
