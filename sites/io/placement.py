"""Geometry checks shared by the importers, and re-placing a council's assets.

Placing (ward, constraint flags, indexed coordinates) is sites.services.locate() and
apply_location(): the same code that places one asset edited in the admin.
"""

import json

import numpy as np
import shapely
from django.utils import timezone

from portal.models import Council, User

from ..models import Asset
from ..selectors import CouncilAreas
from ..services import Located, apply_location, locate, out_of_area
from .bulk import BATCH, insert_history, insert_rows, update_rows, values_of
from .progress import Progress, as_progress
from .read import SourceTable
from .report import ImportFileError

COORDINATE_FIELDS = [
    "longitude",
    "latitude",
    "min_longitude",
    "min_latitude",
    "max_longitude",
    "max_latitude",
    "easting",
    "northing",
]
PLACEMENT_FIELDS = ["ward_id", "in_conservation_area", "listed_building", "tree_preservation_order"]
DERIVED_FIELDS = COORDINATE_FIELDS + PLACEMENT_FIELDS  # what apply_location sets


def geometry_problems(geometries: np.ndarray) -> dict[int, str]:
    """{position: reason} for rows whose location cannot be used."""
    problems = {}
    missing = np.array([g is None for g in geometries], dtype=bool)
    present = np.flatnonzero(~missing)
    for i in np.flatnonzero(missing):
        problems[int(i)] = "no location"
    geoms = geometries[present]
    usable = ~shapely.is_empty(geoms) & np.isfinite(shapely.bounds(geoms)).all(axis=1)
    valid = shapely.is_valid(geoms)
    for j, i in enumerate(present):
        if not usable[j]:
            problems[int(i)] = "no location (the geometry is empty)"
        elif not valid[j]:
            problems[int(i)] = f"not a valid shape ({_invalid_reason(geoms[j])})"
    return problems


def _invalid_reason(geometry) -> str:
    reason = shapely.is_valid_reason(geometry)
    if reason.startswith(("Self-intersection", "Ring Self-intersection")):
        return "its outline crosses itself"
    if reason.startswith("Too few points"):
        return "too few points"
    return reason


def refuse_all_outside(table: SourceTable, outside: np.ndarray, council: Council) -> None:
    """When every location is outside the council, the coordinate reference system is
    wrong rather than the rows: refuse the file."""
    if len(outside) and outside.all():
        raise ImportFileError(
            f"None of the locations in {table.name} is inside {council.name}'s area, read as {table.crs}. "
            "Check the coordinate reference system: the file's own, or the one you gave."
        )


def locate_rows(
    table: SourceTable, positions: np.ndarray, council: Council, areas: CouncilAreas
) -> tuple[Located, np.ndarray]:
    """Locate the rows at `positions` (valid geometries); a mask of those outside the council."""
    located = locate(table.geometries[positions], areas)
    outside = out_of_area(located.fields, council, table.geometries[positions])
    refuse_all_outside(table, outside, council)
    return located, outside


def geojson_dicts(geometries: np.ndarray) -> list[dict]:
    """GeoJSON geometry dicts (vectorised; points built directly). read_source has rounded them."""
    points = shapely.get_type_id(geometries) == 0
    result: list = [None] * len(geometries)
    xs, ys = shapely.get_x(geometries[points]).tolist(), shapely.get_y(geometries[points]).tolist()
    for i, x, y in zip(np.flatnonzero(points).tolist(), xs, ys, strict=True):
        result[i] = {"type": "Point", "coordinates": [x, y]}
    others = np.flatnonzero(~points)
    for i, text in zip(others.tolist(), shapely.to_geojson(geometries[others]), strict=True):
        result[i] = json.loads(text)
    return result


def ward_warning(row_label: str, located: Located, i: int, areas: CouncilAreas) -> str | None:
    """Say so when a location is outside every ward (nearest taken, or none within reach)."""
    ward_i = int(located.ward_index[i])
    if ward_i >= 0 and located.ward_by_nearest[i]:
        return f"{row_label} is outside every ward; given the nearest ward within 250 m, {areas.wards[ward_i].name}."
    if ward_i < 0 and areas.wards:
        return f"{row_label} is outside every ward and more than 250 m from one; it has no ward."
    return None


def existing_links(asset_ids: list[int]) -> dict[int, set[int]]:
    """{asset id: {constraint area ids}} for assets already in the register."""
    through = Asset.constraint_areas.through
    links: dict[int, set[int]] = {}
    for start in range(0, len(asset_ids), 900):
        chunk = asset_ids[start : start + 900]
        for asset_id, area_id in through.objects.filter(asset_id__in=chunk).values_list(
            "asset_id", "constraintarea_id"
        ):
            links.setdefault(asset_id, set()).add(area_id)
    return links


def write_links(links: dict[int, set[int]], replace: list[int]) -> None:
    """Set the constraint areas of many assets at once through the M2M table."""
    through = Asset.constraint_areas.through
    for start in range(0, len(replace), 900):
        through.objects.filter(asset_id__in=replace[start : start + 900]).delete()
    rows = [(asset_id, area_id) for asset_id, area_ids in links.items() for area_id in sorted(area_ids)]
    insert_rows(through, ("asset_id", "constraintarea_id"), rows)


def assets_relocate(
    *, council: Council, areas: CouncilAreas, by: User | None = None, reason: str = "", progress: Progress | None = None
) -> int:
    """Re-place every asset of the council after its wards or constraints changed.

    Writes only the assets whose ward or constraints changed (with a history row);
    returns how many. Run inside the importer's transaction.
    """
    assets = list(Asset.objects.filter(council=council).order_by("pk"))
    if not assets:
        return 0
    geometries = np.array([shapely.geometry.shape(a.geometry) for a in assets], dtype=object)
    located = locate(geometries, areas)
    before_links = existing_links([a.pk for a in assets])
    changed, moved, new_links, now = [], [], {}, timezone.now()
    for i, asset in enumerate(assets):
        before = [getattr(asset, name) for name in DERIVED_FIELDS]
        constraints = {c.pk for c in apply_location(asset, located, i, areas)}
        after = [getattr(asset, name) for name in DERIVED_FIELDS]
        if before != after or constraints != before_links.get(asset.pk, set()):
            asset.updated_at = now
            # Usually only the ward and flags change; writing just those spares SQLite's
            # spatial-index trigger, which runs whenever the bounding box is written.
            same_place = before[: len(COORDINATE_FIELDS)] == after[: len(COORDINATE_FIELDS)]
            (changed if same_place else moved).append(asset)
            new_links[asset.pk] = constraints
    progress = as_progress(progress)
    progress.stage("placing", to_write=len(changed) + len(moved), written=0)
    for group, fields in ((changed, [*PLACEMENT_FIELDS, "updated_at"]), (moved, [*DERIVED_FIELDS, "updated_at"])):
        for start in range(0, len(group), BATCH):
            batch = group[start : start + BATCH]
            values = values_of(Asset, batch, fields)
            update_rows(Asset, fields, [row + (asset.pk,) for row, asset in zip(values, batch, strict=True)])
            insert_history(Asset, batch, history_type="~", by=by, reason=reason, date=now)
            progress.add(written=len(batch))
    write_links(new_links, list(new_links))
    return len(changed) + len(moved)
