"""Importing wards and constraint areas, then re-placing the council's assets against them.

Wards are matched by ONS code, or by name when the code changed at a boundary review;
constraint areas by (kind, reference). Areas missing from the file are kept.
"""

import re
from collections import Counter
from pathlib import Path

import numpy as np
import shapely
from django.core.exceptions import ValidationError
from django.db import DataError, IntegrityError, transaction
from shapely.geometry import MultiPolygon

from portal.models import Council, User

from ..geometry import spatial_fields
from ..models import ConstraintArea, ConstraintKind, Ward
from ..selectors import council_areas
from ..services import out_of_area
from .columns import as_text, convert_column, resolve_columns
from .placement import assets_relocate, geojson_dicts, geometry_problems, refuse_all_outside
from .progress import Progress, as_progress
from .read import SourceTable, read_source
from .report import ImportFileError, ImportReport
from .statistics import AREA_TABLES, tables_analyze

BBOX = ["min_longitude", "min_latitude", "max_longitude", "max_latitude"]


def wards_import(
    *,
    council: Council,
    source: str | Path,
    layer: str | None = None,
    crs: str | None = None,
    mapping: dict[str, str] | None = None,
    skip_invalid: bool = False,
    dry_run: bool = False,
    by: User | None = None,
    progress: Progress | None = None,
) -> ImportReport:
    """Create or update the council's wards (code and name from WDyyCD/WDyyNM by default)."""
    progress = as_progress(progress)
    progress.stage("reading")
    table = read_source(source, layer=layer, crs=crs)
    progress.stage("checking", total=len(table), read=len(table))
    columns = resolve_columns(table.name, table.columns, {**_ward_columns(table), **(mapping or {})}, ("code", "name"))
    _require(table, columns, ("code", "name"), "code=WD22CD name=WD22NM")
    codes = _texts(table, columns["code"])
    names = _texts(table, columns["name"])
    keep = _this_council(table, council)
    _refuse_duplicates(table, [c if k else "" for c, k in zip(codes, keep, strict=True)], "ward code")
    _refuse_duplicates(table, [n if k else "" for n, k in zip(names, keep, strict=True)], "ward name")
    report = ImportReport(noun="wards", source=table.name, dry_run=dry_run)
    if not keep.all():
        report.notes.append(f"{int((~keep).sum())} wards of other councils in the file were left out.")
    problems, positions, fields = _check_areas(table, council, keep, polygons=True)

    ours = {w.code: w for w in Ward.objects.filter(council=council)}
    by_name = {w.name: w for w in ours.values()}
    elsewhere = set(Ward.objects.filter(code__in=codes).exclude(council=council).values_list("code", flat=True))
    geometries = _geojson(table, positions, multipolygon=True)
    new, changed, seen = [], [], set()
    for k, i in enumerate(positions):
        if codes[i] in elsewhere:
            problems.setdefault(i, []).append(f"ward code {codes[i]} belongs to another council")
        ward = ours.get(codes[i]) or by_name.get(names[i]) or Ward(council=council)
        seen.add(ward.pk)
        if i in problems:
            continue
        values = {"code": codes[i], "name": names[i], "geometry": geometries[k], **_bbox(fields, k)}
        _upsert(ward, values, new, changed, report, problems, i)
    kept = sorted(w.name for w in ours.values() if w.pk not in seen)
    if kept:
        report.notes.append(f"{len(kept)} wards in the register are not in the file and were kept: {', '.join(kept)}.")
    return _finish(
        table,
        council,
        Ward,
        new,
        changed,
        ["code", "name", "geometry", *BBOX],
        report,
        problems,
        codes,
        skip_invalid=skip_invalid,
        by=by,
        progress=progress,
    )


def constraints_import(
    *,
    council: Council,
    source: str | Path,
    kind: str | None = None,
    layer: str | None = None,
    crs: str | None = None,
    mapping: dict[str, str] | None = None,
    skip_invalid: bool = False,
    dry_run: bool = False,
    by: User | None = None,
    progress: Progress | None = None,
) -> ImportReport:
    """Create or update constraint areas (conservation areas, listed buildings, TPOs, ...)."""
    kind_field = ConstraintArea._meta.get_field("kind")
    if kind is not None:
        kinds, errors = convert_column(kind_field, [kind])
        if errors:
            raise ImportFileError(
                f"'{kind}' is not a kind of constraint: use one of {', '.join(ConstraintKind.values)}."
            )
        kind = kinds[0]
    progress = as_progress(progress)
    progress.stage("reading")
    table = read_source(source, layer=layer, crs=crs)
    progress.stage("checking", total=len(table), read=len(table))
    columns = resolve_columns(table.name, table.columns, mapping or {}, ("reference", "name", "kind"))
    _require(table, columns, ("reference",) if kind else ("reference", "kind"), "reference=REF_NO")
    references = _texts(table, columns["reference"])
    names = _texts(table, columns["name"]) if "name" in columns else references
    problems: dict[int, list[str]] = {}
    if kind:
        kinds = [kind] * len(table)
    else:
        kinds, errors = convert_column(kind_field, table.attributes[columns["kind"]].to_numpy())
        for i, reason in errors.items():
            problems.setdefault(i, []).append(reason)
    keys = [f"{k} {r}" if r and k else "" for k, r in zip(kinds, references, strict=True)]
    _refuse_duplicates(table, keys, "kind and reference")
    report = ImportReport(noun="constraint areas", source=table.name, dry_run=dry_run)
    more, positions, fields = _check_areas(table, council, np.ones(len(table), dtype=bool), polygons=False)
    for i, reasons in more.items():
        problems.setdefault(i, []).extend(reasons)

    ours = {(c.kind, c.reference): c for c in ConstraintArea.objects.filter(council=council)}
    geometries = _geojson(table, positions, multipolygon=False)
    new, changed = [], []
    for k, i in enumerate(positions):
        if i in problems:
            continue
        area = ours.get((kinds[i], references[i])) or ConstraintArea(council=council)
        values = {
            "kind": kinds[i],
            "reference": references[i],
            "name": names[i] or references[i],
            "geometry": geometries[k],
            **_bbox(fields, k),
        }
        _upsert(area, values, new, changed, report, problems, i)
    return _finish(
        table,
        council,
        ConstraintArea,
        new,
        changed,
        ["name", "geometry", *BBOX],
        report,
        problems,
        references,
        skip_invalid=skip_invalid,
        by=by,
        progress=progress,
    )


def _ward_columns(table: SourceTable) -> dict[str, str]:
    """ONS ward columns (WD22CD, WD22NM, any year) when the file has them."""
    found = {}
    for column in table.columns:
        if re.fullmatch(r"WD\d\dCD", column, re.IGNORECASE):
            found.setdefault("code", column)
        elif re.fullmatch(r"WD\d\dNM", column, re.IGNORECASE):
            found.setdefault("name", column)
    return found


def _this_council(table: SourceTable, council: Council) -> np.ndarray:
    """Rows to keep: when the file says which council (LADyyCD) each ward is in, only ours."""
    column = next((c for c in table.columns if re.fullmatch(r"LAD\d\dCD", c, re.IGNORECASE)), None)
    keep = np.ones(len(table), dtype=bool)
    if column is not None:
        ours = np.array([as_text(v) == council.ons_code for v in table.attributes[column]], dtype=bool)
        if ours.any():
            keep = ours
    return keep


def _require(table: SourceTable, columns: dict, fields: tuple[str, ...], example: str) -> None:
    missing = [f for f in fields if f not in columns]
    if missing:
        raise ImportFileError(
            f"{table.name} has no {' or '.join(missing)} column. Map them, for example {example}. "
            f"Its columns are: {', '.join(table.columns)}."
        )


def _texts(table: SourceTable, column: str) -> list[str]:
    return [as_text(v) for v in table.attributes[column]]


def _refuse_duplicates(table: SourceTable, keys: list[str], what: str) -> None:
    duplicates = [key for key, n in Counter(k for k in keys if k).items() if n > 1]
    if duplicates:
        raise ImportFileError(
            f"{table.name} has the same {what} on more than one row: {', '.join(duplicates[:5])}. Each must be unique."
        )


def _check_areas(
    table: SourceTable, council: Council, keep: np.ndarray, *, polygons: bool
) -> tuple[dict[int, list[str]], list[int], object]:
    """Row problems of the kept rows, the positions with usable geometry, and their bboxes."""
    problems: dict[int, list[str]] = {}
    bad = geometry_problems(table.geometries)
    for i, reason in bad.items():
        if keep[i]:
            problems.setdefault(i, []).append(reason)
    positions = [i for i in range(len(table)) if keep[i] and i not in bad]
    if polygons:
        kinds = shapely.get_type_id(table.geometries[positions]) if positions else []
        for i, type_id in zip(list(positions), kinds, strict=True):
            if type_id not in (3, 6):
                problems.setdefault(i, []).append(f"a ward must be a polygon, not a {table.geometries[i].geom_type}")
                positions.remove(i)
    fields = spatial_fields(table.geometries[positions])
    outside = out_of_area(fields, council, table.geometries[positions])
    refuse_all_outside(table, outside, council)
    for k in np.flatnonzero(outside):
        problems.setdefault(positions[k], []).append(f"outside {council.name}'s area")
    return problems, positions, fields


def _geojson(table: SourceTable, positions: list[int], *, multipolygon: bool) -> list[dict]:
    geoms = table.geometries[positions]
    if multipolygon:
        geoms = np.array([g if g.geom_type == "MultiPolygon" else MultiPolygon([g]) for g in geoms], dtype=object)
    return geojson_dicts(geoms) if len(geoms) else []


def _bbox(fields, k: int) -> dict[str, float]:
    return {name: float(getattr(fields, name)[k]) for name in BBOX}


def _upsert(row, values: dict, new: list, changed: list, report: ImportReport, problems: dict, i: int) -> None:
    before = {name: getattr(row, name) for name in values} if row.pk else None
    for name, value in values.items():
        setattr(row, name, value)
    try:
        row.full_clean(exclude=["council"], validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        problems.setdefault(i, []).extend(f"{field}: {' '.join(errs)}" for field, errs in exc.message_dict.items())
        return
    if before is None:
        new.append(row)
    elif before != values:
        changed.append(row)
    else:
        report.unchanged += 1


def _finish(table, council, model, new, changed, fields, report, problems, keys, *, skip_invalid, by, progress):
    report.created, report.updated = len(new), len(changed)
    for i, reasons in problems.items():
        report.reject(table.rows[i], f"{keys[i] or '(no reference)'}: {'; '.join(reasons)}")
    progress.update(checked=len(table), rejected=len(report.rejected))
    if report.dry_run:
        report.notes.append("After the import the council's assets would be placed again against these areas.")
        progress.stage("done")
        return report
    if report.rejected and not skip_invalid:
        progress.stage("done")
        return report
    try:
        with transaction.atomic():
            progress.stage("writing", to_write=len(new) + len(changed))
            model.objects.bulk_create(new, batch_size=500)
            model.objects.bulk_update(changed, fields, batch_size=500)
            progress.update(written=len(new) + len(changed))
            if new or changed:
                moved = assets_relocate(
                    council=council,
                    areas=council_areas(council=council),
                    by=by,
                    reason=f"Placed again after importing {table.name}",
                    progress=progress,
                )
                report.notes.append(f"{moved} assets had their ward or constraints changed by this import.")
    except (DataError, IntegrityError) as exc:
        raise ImportFileError(f"The register refused {table.name} ({exc}). Nothing was written.") from exc
    tables_analyze(AREA_TABLES)
    report.written = True
    progress.stage("done")
    return report
