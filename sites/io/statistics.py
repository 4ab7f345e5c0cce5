"""Fresh planner statistics after a bulk write: ANALYZE the tables an import wrote.

Right after a big import, before PostgreSQL's autovacuum has looked at the table (or on
SQLite, which never gathers statistics by itself), the planners guess: at a million
generated assets the site finder's city-centre view took 207 ms instead of 25, a 300 m
radius 576 ms instead of 27. So every import (and so the generator and load_demo, which
import) ends by analysing what it wrote: `ANALYZE table` on both databases (PostgreSQL
fills pg_stats, SQLite sqlite_stat1).
"""

from django.db import connections, router
from django.db.models import Model

from ..models import Asset, ConstraintArea, Ward
from ..spatial_schema import CELL_TABLE

# What an asset import writes: the assets, their history, their constraint links and the
# cell counts the triggers keep (sites.spatial_schema).
ASSET_TABLES = (
    Asset._meta.db_table,
    Asset.history.model._meta.db_table,
    Asset.constraint_areas.through._meta.db_table,
    CELL_TABLE,
)
# What a ward or constraint import writes: the areas, then the assets placed again.
AREA_TABLES = (Ward._meta.db_table, ConstraintArea._meta.db_table, *ASSET_TABLES)
# Rows of each index SQLite's ANALYZE reads (sqlite.org/lang_analyze.html#approx): its
# estimates are then as good as PostgreSQL's sample, without reading a million-row index.
SQLITE_ANALYSIS_LIMIT = 2000


def tables_analyze(tables: tuple[str, ...], *, model: type[Model] = Asset) -> None:
    """ANALYZE each table (in the database `model` is written to)."""
    connection = connections[router.db_for_write(model)]
    quote = connection.ops.quote_name
    existing = set(connection.introspection.table_names())
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":  # Sample the indexes rather than read them whole.
            cursor.execute(f"PRAGMA analysis_limit = {SQLITE_ANALYSIS_LIMIT}")
        for table in tables:
            if table in existing:
                cursor.execute(f"ANALYZE {quote(table)}")
