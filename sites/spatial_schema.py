"""The DDL behind sites.spatial_index: R*Tree or GiST, and the per-cell counts for clusters.

Two structures, both kept right by the database itself (triggers), so every way of
writing assets (save, bulk_create, bulk_update, raw SQL, delete, flush) keeps them exact:

1. The bounding-box index. SQLite: the R*Tree virtual table `sites_asset_rtree`.
   PostgreSQL: a GiST expression index on the built-in `box` of each asset's bounds.
2. `sites_asset_cell`: how many assets (and the sum of their coordinates) per fine grid
   cell, council, asset type, ward and availability. A whole-city cluster map sums a few
   thousand of these rows instead of aggregating a million assets on every request.

A fine cell is CELL_ZOOM's cluster cell (a quarter of a web-map tile wide, about 340 m in
Glasgow); a cluster cell at a lower zoom z is the fine cells shifted right by CELL_ZOOM - z.
The cell of an asset is computed by SQL only (the same expression in the triggers and in
the queries), so an asset on a cell edge lands in the same cell everywhere.
"""

# ruff: noqa: S608 -- the SQL here is built from this module's constants only; no input reaches it.

from django.db.backends.base.base import BaseDatabaseWrapper

ASSET_TABLE = "sites_asset"
RTREE_TABLE = "sites_asset_rtree"
CELL_TABLE = "sites_asset_cell"
PG_INDEX = "asset_bbox_gist"

# Fine cells: CELL_ZOOM's web-map quarter tiles in longitude; in latitude the same width
# times CELL_ASPECT (about cos 56 degrees) so that cells look square on a Scottish map.
CELL_ZOOM = 14
CELL_ASPECT = 0.56
CELL_X_SCALE = 2 ** (CELL_ZOOM + 2) / 360.0
CELL_Y_SCALE = CELL_X_SCALE / CELL_ASPECT


def cell_sql(vendor: str, row: str = "") -> tuple[str, str]:
    """SQL for (fx, fy), the fine cell of an asset's point; `row` is e.g. "new." or a table alias."""
    x = f"({row}longitude + 180.0) * {CELL_X_SCALE!r}"
    y = f"({row}latitude + 90.0) * {CELL_Y_SCALE!r}"
    if vendor == "postgresql":
        return f"floor({x})::integer", f"floor({y})::integer"
    # SQLite truncates toward zero: the shifted coordinates are never negative.
    return f"CAST({x} AS INTEGER)", f"CAST({y} AS INTEGER)"


_CELL_KEY = ("council_id", "fx", "fy", "asset_type_id", "ward_id", "availability")
_CELL_COLUMNS = (*_CELL_KEY, "n", "sum_lon", "sum_lat")


def _cell_key_values(vendor: str, row: str) -> str:
    fx, fy = cell_sql(vendor, row)
    return f"{row}council_id, {fx}, {fy}, {row}asset_type_id, COALESCE({row}ward_id, 0), {row}availability"


def _cell_refill(vendor: str) -> tuple[str, ...]:
    return (
        f"DELETE FROM {CELL_TABLE}",
        f"INSERT INTO {CELL_TABLE} ({', '.join(_CELL_COLUMNS)}) "
        f"SELECT {_cell_key_values(vendor, '')}, COUNT(*), SUM(longitude), SUM(latitude) "
        f"FROM {ASSET_TABLE} GROUP BY 1, 2, 3, 4, 5, 6",
    )


# SQLite --------------------------------------------------------------------------------

SQLITE_TRIGGERS = (
    "sites_asset_rtree_insert",
    "sites_asset_rtree_update",
    "sites_asset_rtree_delete",
    "sites_asset_cell_insert",
    "sites_asset_cell_update",
    "sites_asset_cell_delete",
)
_RTREE_NEW = "new.id, new.min_longitude, new.max_longitude, new.min_latitude, new.max_latitude"
_CELL_MOVED = " OR ".join(
    f"old.{c} IS NOT new.{c}"
    for c in ("council_id", "asset_type_id", "ward_id", "availability", "longitude", "latitude")
)


def _sqlite_cell_add(row: str) -> str:
    return (
        f"INSERT INTO {CELL_TABLE} ({', '.join(_CELL_COLUMNS)}) "
        f"VALUES ({_cell_key_values('sqlite', row)}, 1, {row}longitude, {row}latitude) "
        f"ON CONFLICT ({', '.join(_CELL_KEY)}) DO UPDATE SET n = n + 1, "
        "sum_lon = sum_lon + excluded.sum_lon, sum_lat = sum_lat + excluded.sum_lat;"
    )


def _sqlite_cell_remove(row: str) -> str:
    fx, fy = cell_sql("sqlite", row)
    return (
        f"UPDATE {CELL_TABLE} SET n = n - 1, sum_lon = sum_lon - {row}longitude, "
        f"sum_lat = sum_lat - {row}latitude WHERE council_id = {row}council_id AND fx = {fx} AND fy = {fy} "
        f"AND asset_type_id = {row}asset_type_id AND ward_id = COALESCE({row}ward_id, 0) "
        f"AND availability = {row}availability;"
    )


SQLITE_CREATE = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {RTREE_TABLE} USING rtree(id, min_lon, max_lon, min_lat, max_lat)",
    f"CREATE TABLE IF NOT EXISTS {CELL_TABLE} (council_id integer NOT NULL, fx integer NOT NULL, "
    "fy integer NOT NULL, asset_type_id integer NOT NULL, ward_id integer NOT NULL, "
    "availability text NOT NULL, n integer NOT NULL, sum_lon real NOT NULL, sum_lat real NOT NULL, "
    f"PRIMARY KEY ({', '.join(_CELL_KEY)})) WITHOUT ROWID",
    f"CREATE TRIGGER IF NOT EXISTS sites_asset_rtree_insert AFTER INSERT ON {ASSET_TABLE} BEGIN "
    f"INSERT OR REPLACE INTO {RTREE_TABLE} VALUES ({_RTREE_NEW}); END",
    f"CREATE TRIGGER IF NOT EXISTS sites_asset_rtree_update AFTER UPDATE OF "
    f"id, min_longitude, max_longitude, min_latitude, max_latitude ON {ASSET_TABLE} BEGIN "
    f"DELETE FROM {RTREE_TABLE} WHERE id = old.id; INSERT OR REPLACE INTO {RTREE_TABLE} VALUES ({_RTREE_NEW}); END",
    f"CREATE TRIGGER IF NOT EXISTS sites_asset_rtree_delete AFTER DELETE ON {ASSET_TABLE} BEGIN "
    f"DELETE FROM {RTREE_TABLE} WHERE id = old.id; END",
    f"CREATE TRIGGER IF NOT EXISTS sites_asset_cell_insert AFTER INSERT ON {ASSET_TABLE} BEGIN "
    f"{_sqlite_cell_add('new.')} END",
    f"CREATE TRIGGER IF NOT EXISTS sites_asset_cell_update AFTER UPDATE ON {ASSET_TABLE} WHEN {_CELL_MOVED} BEGIN "
    f"{_sqlite_cell_remove('old.')} {_sqlite_cell_add('new.')} END",
    f"CREATE TRIGGER IF NOT EXISTS sites_asset_cell_delete AFTER DELETE ON {ASSET_TABLE} BEGIN "
    f"{_sqlite_cell_remove('old.')} END",
)
SQLITE_REFILL = (
    f"DELETE FROM {RTREE_TABLE}",
    f"INSERT INTO {RTREE_TABLE} (id, min_lon, max_lon, min_lat, max_lat) "
    f"SELECT id, min_longitude, max_longitude, min_latitude, max_latitude FROM {ASSET_TABLE}",
    *_cell_refill("sqlite"),
)
SQLITE_DROP = (
    *(f"DROP TRIGGER IF EXISTS {name}" for name in SQLITE_TRIGGERS),
    f"DROP TABLE IF EXISTS {RTREE_TABLE}",
    f"DROP TABLE IF EXISTS {CELL_TABLE}",
)

# PostgreSQL ----------------------------------------------------------------------------
# Statement-level triggers with transition tables: a bulk insert of 100,000 rows updates
# the counts with one grouped statement, not 100,000.


def _pg_cell_delta(rows: str) -> str:
    return (
        f"SELECT {_cell_key_values('postgresql', '')}, COUNT(*) AS n, SUM(longitude) AS sum_lon, "
        f"SUM(latitude) AS sum_lat FROM {rows} GROUP BY 1, 2, 3, 4, 5, 6"
    )


_PG_KEY_MATCH = " AND ".join(f"c.{k} = d.{k}" for k in _CELL_KEY)
PG_FUNCTION = f"""
CREATE OR REPLACE FUNCTION sites_asset_cell_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' OR TG_OP = 'UPDATE' THEN
        UPDATE {CELL_TABLE} AS c SET n = c.n - d.n, sum_lon = c.sum_lon - d.sum_lon,
            sum_lat = c.sum_lat - d.sum_lat
        FROM ({_pg_cell_delta("old_rows")}) AS d ({", ".join(_CELL_COLUMNS)})
        WHERE {_PG_KEY_MATCH};
    END IF;
    IF TG_OP = 'INSERT' OR TG_OP = 'UPDATE' THEN
        INSERT INTO {CELL_TABLE} ({", ".join(_CELL_COLUMNS)}) {_pg_cell_delta("new_rows")}
        ON CONFLICT ({", ".join(_CELL_KEY)}) DO UPDATE SET n = {CELL_TABLE}.n + excluded.n,
            sum_lon = {CELL_TABLE}.sum_lon + excluded.sum_lon, sum_lat = {CELL_TABLE}.sum_lat + excluded.sum_lat;
    END IF;
    IF TG_OP = 'TRUNCATE' THEN
        DELETE FROM {CELL_TABLE};
    END IF;
    RETURN NULL;
END $$
"""
PG_TRIGGERS = {
    "sites_asset_cell_insert": "AFTER INSERT ON {t} REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT",
    "sites_asset_cell_update": (
        "AFTER UPDATE ON {t} REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT"
    ),
    "sites_asset_cell_delete": "AFTER DELETE ON {t} REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT",
    "sites_asset_cell_truncate": "AFTER TRUNCATE ON {t} FOR EACH STATEMENT",
}
PG_CREATE = (
    # Index and trigger DDL refuse to run while deferred foreign-key checks are pending in
    # the transaction (a data migration before this one, or repair() after a test's writes):
    # run those checks now, then defer again (Django's foreign keys are INITIALLY DEFERRED).
    "SET CONSTRAINTS ALL IMMEDIATE",
    f"CREATE INDEX IF NOT EXISTS {PG_INDEX} ON {ASSET_TABLE} USING gist "
    "((box(point(min_longitude, min_latitude), point(max_longitude, max_latitude))))",
    f"CREATE TABLE IF NOT EXISTS {CELL_TABLE} (council_id bigint NOT NULL, fx integer NOT NULL, "
    "fy integer NOT NULL, asset_type_id bigint NOT NULL, ward_id bigint NOT NULL, "
    "availability varchar(12) NOT NULL, n integer NOT NULL, sum_lon double precision NOT NULL, "
    f"sum_lat double precision NOT NULL, PRIMARY KEY ({', '.join(_CELL_KEY)}))",
    PG_FUNCTION,
    *(f"DROP TRIGGER IF EXISTS {name} ON {ASSET_TABLE}" for name in PG_TRIGGERS),
    *(
        f"CREATE TRIGGER {name} {when.format(t=ASSET_TABLE)} EXECUTE FUNCTION sites_asset_cell_sync()"
        for name, when in PG_TRIGGERS.items()
    ),
    "SET CONSTRAINTS ALL DEFERRED",
)
PG_REFILL = _cell_refill("postgresql")
PG_DROP = (
    *(f"DROP TRIGGER IF EXISTS {name} ON {ASSET_TABLE}" for name in PG_TRIGGERS),
    "DROP FUNCTION IF EXISTS sites_asset_cell_sync()",
    f"DROP TABLE IF EXISTS {CELL_TABLE}",
    f"DROP INDEX IF EXISTS {PG_INDEX}",
)

# SQLite's planner, with no statistics, takes any equality on an index to match 10 rows, so
# it drives "council = 1 AND id IN (R*Tree box)" from the council index and reads every
# asset. Until ANALYZE measures the real register (and replaces these), the statistics say
# what a register looks like: the rows per distinct value of each indexed column. This is
# SQLite's documented way to fix plans without ANALYZE (sqlite.org/optoverview.html#manctrl).
TYPICAL_ROWS = 1_000_000
TYPICAL_ROWS_PER_VALUE = {
    "council_id": 1_000_000,
    "asset_type_id": 125_000,
    "ward_id": 40_000,
    "availability": 500_000,
    "reference": 1,
    "longitude": 1,
    "latitude": 1,
}


def sqlite_seed_statistics(cursor) -> None:
    """Typical planner statistics for sites_asset, unless it has some (e.g. from ANALYZE)."""
    cursor.execute("ANALYZE sqlite_schema")  # creates sqlite_stat1 if missing
    cursor.execute("SELECT 1 FROM sqlite_stat1 WHERE tbl = %s LIMIT 1", [ASSET_TABLE])
    if cursor.fetchone() is not None:
        return
    cursor.execute("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = %s", [ASSET_TABLE])
    for (index,) in cursor.fetchall():
        cursor.execute("SELECT name FROM pragma_index_info(%s) ORDER BY seqno", [index])
        stat, rows = [TYPICAL_ROWS], TYPICAL_ROWS
        for (column,) in cursor.fetchall():
            rows = min(rows, TYPICAL_ROWS_PER_VALUE.get(column, 10))
            stat.append(rows)
        cursor.execute(
            "INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES (%s, %s, %s)",
            [ASSET_TABLE, index, " ".join(map(str, stat))],
        )
    cursor.execute("ANALYZE sqlite_schema")  # the planner rereads the statistics


STATEMENTS = {
    "sqlite": {"create": SQLITE_CREATE, "refill": SQLITE_REFILL, "drop": SQLITE_DROP},
    "postgresql": {"create": PG_CREATE, "refill": PG_REFILL, "drop": PG_DROP},
}


def run(connection: BaseDatabaseWrapper, what: str) -> None:
    """Run the `create`, `refill` or `drop` statements for this database (none elsewhere)."""
    statements = STATEMENTS.get(connection.vendor, {}).get(what, ())
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)
        if connection.vendor == "sqlite" and what == "create":
            sqlite_seed_statistics(cursor)


def is_complete(connection: BaseDatabaseWrapper) -> bool:
    """Whether every table, index and trigger is there."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger')")
            return {RTREE_TABLE, CELL_TABLE, *SQLITE_TRIGGERS} <= {row[0] for row in cursor.fetchall()}
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT (SELECT count(*) FROM pg_indexes WHERE indexname = %s) "
                "+ (SELECT count(*) FROM pg_trigger WHERE tgname = ANY(%s) AND NOT tgisinternal)",
                [PG_INDEX, list(PG_TRIGGERS)],
            )
            return cursor.fetchone()[0] == 1 + len(PG_TRIGGERS)
    return True
