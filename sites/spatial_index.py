"""The assets' spatial index without a spatial extension, and the only vendor-specific SQL.

One code path for both databases; the fragments here are all that differs by vendor
(the DDL is in sites.spatial_schema):

- SQLite: an R*Tree virtual table `sites_asset_rtree(id, min_lon, max_lon, min_lat,
  max_lat)` (built into Python's sqlite3), kept in step with `sites_asset` by triggers.
  It stores 32-bit floats rounded outwards, so it may let through a few extra rows.
- PostgreSQL: a GiST expression index on the built-in `box` of each asset's bounds (no
  extension). Its operators compare with a 1e-6 tolerance: a few extra rows here too.

So `box_condition` narrows; callers then test the exact columns or shapes. Django's
SQLite schema editor rebuilds a table to alter it, which drops its triggers: `repair()`
runs after every `migrate` (sites.apps) and puts them back, refilling what they keep.
"""

# ruff: noqa: S608, S611 -- identifiers and SQL come from constants here; every value is a parameter
# (or an int() / float() made here, for the cluster shift).

from collections.abc import Iterable, Sequence

from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import BooleanField, IntegerField, Q, TextField
from django.db.models.expressions import RawSQL

from . import spatial_schema
from .spatial_schema import ASSET_TABLE, CELL_TABLE, CELL_ZOOM, RTREE_TABLE, cell_sql

Box = tuple[float, float, float, float]  # min_lon, min_lat, max_lon, max_lat

_COL = f'"{ASSET_TABLE}".'
# The indexed expression; a query must repeat it exactly for PostgreSQL to use the index.
_PG_BOX = f'box(point({_COL}"min_longitude", {_COL}"min_latitude"), point({_COL}"max_longitude", {_COL}"max_latitude"))'


def create(connection: BaseDatabaseWrapper) -> None:
    """Create the index and cell counts for this connection's database, filled from the rows."""
    spatial_schema.run(connection, "create")
    spatial_schema.run(connection, "refill")


def drop(connection: BaseDatabaseWrapper) -> None:
    spatial_schema.run(connection, "drop")


def refill(connection: BaseDatabaseWrapper) -> None:
    """Rebuild the R*Tree and the cell counts from the assets (after bulk SQL without triggers)."""
    spatial_schema.run(connection, "refill")


def repair(connection: BaseDatabaseWrapper) -> bool:
    """Put back whatever a table rebuild dropped and refill; True when it had to.

    Does nothing before the index's migration has run (no cell table yet).
    """
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
    if CELL_TABLE not in tables or ASSET_TABLE not in tables or spatial_schema.is_complete(connection):
        return False
    create(connection)
    return True


def repair_after_migrate(sender, using: str = "default", **kwargs) -> None:
    """post_migrate receiver (sites.apps)."""
    repair(connections[using])


def _vendor(using: str) -> str:
    return connections[using].vendor


def box_condition(boxes: Box | Sequence[Box], *, using: str = "default") -> RawSQL:
    """Boolean SQL: the asset's bounding box may meet one of `boxes` (index-backed).

    A superset: test the exact columns or shapes afterwards.
    """
    if boxes and not isinstance(boxes[0], (tuple, list)):
        boxes = [boxes]
    boxes = [tuple(float(v) for v in box) for box in boxes]
    vendor = _vendor(using)
    params: list[float] = []
    if vendor == "sqlite":
        selects = []
        for min_lon, min_lat, max_lon, max_lat in boxes:
            selects.append(
                f"SELECT id FROM {RTREE_TABLE} "
                "WHERE max_lon >= %s AND min_lon <= %s AND max_lat >= %s AND min_lat <= %s"
            )
            params += [min_lon, max_lon, min_lat, max_lat]
        return RawSQL(f'{_COL}"id" IN ({" UNION ".join(selects)})', params, output_field=BooleanField())
    parts = []
    for min_lon, min_lat, max_lon, max_lat in boxes:
        if vendor == "postgresql":
            parts.append(f"{_PG_BOX} && box(point(%s, %s), point(%s, %s))")
            params += [min_lon, min_lat, max_lon, max_lat]
        else:  # Any other database: the plain columns (right, just not index-assisted).
            parts.append(
                f'({_COL}"max_longitude" >= %s AND {_COL}"min_longitude" <= %s '
                f'AND {_COL}"max_latitude" >= %s AND {_COL}"min_latitude" <= %s)'
            )
            params += [min_lon, max_lon, min_lat, max_lat]
    return RawSQL(f"({' OR '.join(parts)})", params, output_field=BooleanField())


def type_condition(type_ids: Iterable[int], *, using: str = "default") -> Q:
    """The asset's type is one of `type_ids` (the public types: most assets), never an index's key.

    SQLite would seek the type index once per type for it and so lose the order of
    (council, type, reference) that a sorted page reads; its unary + makes the term no index's
    key. PostgreSQL weighs the plain IN right (it misjudges an expression's selectivity).
    """
    ids = [int(i) for i in type_ids]
    if _vendor(using) == "sqlite" and ids:
        return Q(RawSQL(f'+{_COL}"asset_type_id" IN ({", ".join(["%s"] * len(ids))})', ids, BooleanField()))
    return Q(asset_type_id__in=ids)


def ids_condition(ids: Iterable[int], *, using: str = "default") -> RawSQL:
    """Boolean SQL: the asset's id is one of `ids` (any number, one parameter)."""
    ids = [int(i) for i in ids]
    if _vendor(using) == "postgresql":
        # A set to probe (hashed), not an array scanned once per candidate row.
        return RawSQL(f'{_COL}"id" IN (SELECT unnest(%s::bigint[]))', [ids], output_field=BooleanField())
    # SQLite limits the number of parameters; a JSON array is one.
    return RawSQL(
        f'{_COL}"id" IN (SELECT value FROM json_each(%s))',
        [f"[{','.join(map(str, ids))}]"],
        output_field=BooleanField(),
    )


def shape_text(*, using: str = "default") -> RawSQL:
    """The stored GeoJSON as text for lines and areas, NULL for points (built from lon/lat)."""
    geometry = f'{_COL}"geometry"::text' if _vendor(using) == "postgresql" else f'{_COL}"geometry"'
    return RawSQL(
        f'CASE WHEN {_COL}"min_longitude" = {_COL}"max_longitude" AND {_COL}"min_latitude" = {_COL}"max_latitude" '
        f"THEN NULL ELSE {geometry} END",
        [],
        output_field=TextField(),
    )


def cell_expressions(*, using: str = "default") -> tuple[RawSQL, RawSQL]:
    """(fx, fy): the fine cell of an asset's point, exactly as the cell counts compute it."""
    fx, fy = cell_sql(_vendor(using), _COL)
    return RawSQL(fx, [], output_field=IntegerField()), RawSQL(fy, [], output_field=IntegerField())


def cell_counts(
    *,
    zoom: int,
    cells: tuple[int, int, int, int],
    council_id: int | None,
    asset_type_ids: Sequence[int],
    ward_ids: Sequence[int] | None = None,
    availability: Sequence[str] | None = None,
    using: str = "default",
) -> list[tuple[int, int, int, float, float]]:
    """(cx, cy, count, sum of longitudes, sum of latitudes) per cluster cell at `zoom`.

    From the cell counts, over the fine cells fx0..fx1, fy0..fy1 (`cells`, inclusive) only.
    `ward_ids` None means any ward (0 stands for assets in no ward).
    """
    shift = CELL_ZOOM - int(zoom)
    fx0, fy0, fx1, fy1 = cells
    where = ["fx >= %s", "fx <= %s", "fy >= %s", "fy <= %s"]
    params: list = [fx0, fx1, fy0, fy1]
    if council_id is not None:
        where.append("council_id = %s")
        params.append(council_id)
    for column, values in (("asset_type_id", asset_type_ids), ("ward_id", ward_ids), ("availability", availability)):
        if values is None:
            continue
        if not values:
            return []
        where.append(f"{column} IN ({', '.join(['%s'] * len(values))})")
        params += list(values)
    sql = (
        f"SELECT fx >> {shift}, fy >> {shift}, SUM(n), SUM(sum_lon), SUM(sum_lat) FROM {CELL_TABLE} "
        f"WHERE {' AND '.join(where)} GROUP BY 1, 2 HAVING SUM(n) > 0"
    )
    with connections[using].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()
