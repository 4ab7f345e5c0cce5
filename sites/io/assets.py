"""Importing assets: read the file, check every row, place it, then upsert by (council, reference).

Every row is checked before anything is written. Placing (ward, constraint flags,
indexed coordinates) is sites.services.locate()/apply_location(), the code that places an
asset saved in the admin. The write is one transaction (asset_write, bulk).
"""

from pathlib import Path

import numpy as np
import shapely
from django.db import DataError, IntegrityError
from shapely.errors import ShapelyError
from shapely.geometry import shape

from portal.models import Council, User

from ..models import AssetType, Availability
from ..selectors import council_areas
from ..services import apply_location
from .asset_rows import ASSET_FIELDS, AssetRows, check_rows
from .asset_write import AssetBuilder, existing_assets, write_assets
from .placement import DERIVED_FIELDS, existing_links, geojson_dicts, geometry_problems, locate_rows, ward_warning
from .progress import Progress, as_progress
from .read import COORDINATE_FIELDS, SourceTable, read_source
from .report import ImportFileError, ImportReport

__all__ = ["ASSET_FIELDS", "assets_import"]

# Differences this small are the import's rounding to about a centimetre, not a change.
TOLERANCE = {
    "geometry": 1.1e-7,
    **dict.fromkeys(
        ["longitude", "latitude", "min_longitude", "min_latitude", "max_longitude", "max_latitude"], 1.1e-7
    ),
    "easting": 0.011,
    "northing": 0.011,
}


def assets_import(
    *,
    council: Council,
    source: str | Path,
    asset_type: AssetType | None = None,
    layer: str | None = None,
    crs: str | None = None,
    mapping: dict[str, str] | None = None,
    skip_invalid: bool = False,
    dry_run: bool = False,
    by: User | None = None,
    progress: Progress | None = None,
    source_name: str | None = None,
) -> ImportReport:
    """Create or update the council's assets from a file (see sites/io/__init__.py).

    Raises ImportFileError, with nothing written, when the file as a whole is unusable.
    Bad rows go to report.rejected; unless `skip_invalid`, any of them stops the write.
    `source_name` is what the report calls the file (an upload's own name). `progress`
    hears the rows read, checked, written and rejected as it goes (sites.io.progress).
    """
    progress = as_progress(progress)
    progress.stage("reading")
    mapping = dict(mapping or {})
    coordinates = {name: mapping.pop(name) for name in COORDINATE_FIELDS if name in mapping}
    table = read_source(source, layer=layer, crs=crs, coordinate_columns=coordinates, name=source_name)
    rows = check_rows(table, mapping, asset_type)
    bad_geometry = geometry_problems(table.geometries)
    for i, reason in bad_geometry.items():
        rows.problem(i, reason)
    areas = council_areas(council=council)
    positions = np.array([i for i in range(len(table)) if i not in bad_geometry], dtype=int)
    located, outside = locate_rows(table, positions, council, areas)
    for i in positions[outside]:
        rows.problem(i, f"outside {council.name}'s area")
    located_at = np.full(len(table), -1)
    located_at[positions] = np.arange(len(positions))
    progress.stage("checking", total=len(table), read=len(table), rejected=len(rows.problems))

    report = ImportReport(source=table.name, dry_run=dry_run, skipped_invalid=skip_invalid)
    if not areas.wards:
        report.warnings.append(
            f"{council.name} has no wards yet, so no asset was given a ward. Import the wards first."
        )
    good = [i for i in range(len(table)) if i not in rows.problems]
    existing = existing_assets(council, [rows.references[i] for i in good])
    links_before = existing_links([a.pk for a in existing.values()])
    compared = [*rows.given, "asset_type_id", "geometry", *DERIVED_FIELDS]
    geometries = geojson_dicts(table.geometries[good]) if good else []
    builder = AssetBuilder(council)
    new, new_links, changed, changed_links = [], [], [], {}
    for k, i in enumerate(good):
        progress.update(checked=k + 1, rejected=len(rows.problems))
        values = {name: rows.values[name][i] for name in rows.given}
        values |= {"reference": rows.references[i], "asset_type_id": rows.type_ids[i], "geometry": geometries[k]}
        asset = existing.get(rows.references[i])
        if asset is None:
            before, asset = None, builder.new(values)
        else:
            before = [getattr(asset, name) for name in compared]
            old_type = asset.geometry.get("type")
            for name, value in values.items():
                setattr(asset, name, value)
        j = int(located_at[i])
        constraints = {c.pk for c in apply_location(asset, located, j, areas)}
        if asset.availability == Availability.UNAVAILABLE and not asset.unavailable_reason:
            rows.problem(i, "unavailable, but no unavailable_reason given")
            continue
        if asset.slots < asset.slots_used:
            rows.problem(
                i, f"slots: {asset.slots} is fewer than the {asset.slots_used} taken by approved installations"
            )
            continue
        label = f"row {table.rows[i]} ({rows.references[i]})"
        capacity = asset.structural_capacity_kg
        if capacity is not None and capacity < asset.load_used_kg:
            report.warnings.append(
                f"{label}: its structural capacity, {capacity} kg, is below the {asset.load_used_kg} kg "
                "already taken by approved installations."
            )
        warning = ward_warning(label, located, j, areas)
        if warning:
            report.warnings.append(warning)
        if before is None:
            new.append(asset)
            new_links.append(constraints)
        elif not _same(
            compared, before, [getattr(asset, name) for name in compared]
        ) or constraints != links_before.get(asset.pk, set()):
            if old_type != asset.geometry["type"]:
                report.warnings.append(f"{label}: its {old_type} location is replaced by a {asset.geometry['type']}.")
            changed.append(asset)
            changed_links[asset.pk] = constraints
        else:
            report.unchanged += 1
    report.created, report.updated = len(new), len(changed)
    _reject(report, table, rows)
    progress.update(checked=len(good), rejected=len(report.rejected))
    if dry_run or (report.rejected and not skip_invalid):
        progress.stage("done")
        return report

    fields = [*rows.given, "asset_type_id", "geometry", *DERIVED_FIELDS, "updated_at"]
    try:
        write_assets(
            council,
            new,
            new_links,
            changed,
            changed_links,
            fields,
            by=by,
            reason=f"Imported from {table.name}",
            progress=progress,
        )
    except (DataError, IntegrityError) as exc:
        raise ImportFileError(f"The register refused {table.name} ({exc}). Nothing was written.") from exc
    report.written = True
    progress.stage("done")
    return report


def _same(names: list[str], before: list, after: list) -> bool:
    """Whether an existing asset is unchanged, allowing for the centimetre rounding of the import
    (an asset drawn in the admin keeps more decimal places than an imported one)."""
    if before == after:
        return True
    for name, old, new in zip(names, before, after, strict=True):
        if old == new:
            continue
        if name == "geometry":
            try:
                # normalize(): a Shapefile turns polygon rings the other way round.
                old_shape, new_shape = shapely.normalize([shape(old), shape(new)])
                if not shapely.equals_exact(old_shape, new_shape, tolerance=TOLERANCE["geometry"]):
                    return False
            except (AttributeError, KeyError, TypeError, ValueError, ShapelyError):
                return False
        elif name not in TOLERANCE or old is None or new is None or abs(old - new) > TOLERANCE[name]:
            return False
    return True


def _reject(report: ImportReport, table: SourceTable, rows: AssetRows) -> None:
    for i, reasons in sorted(rows.problems.items()):
        report.reject(table.rows[i], f"{rows.references[i] or '(no reference)'}: {'; '.join(reasons)}")
