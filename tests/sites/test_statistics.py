"""Imports leave the planner statistics fresh: ANALYZE of the tables they wrote, on both databases."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection

from fixtures import WARDS_FILE
from sites.io import wards_import
from sites.models import Asset, Ward
from sites.spatial_schema import CELL_TABLE, TYPICAL_ROWS

pytestmark = pytest.mark.django_db


def analysed_rows(table: str) -> int | None:
    """The row count the planner's statistics hold for `table` (None: never analysed).

    SQLite: the first number of the table's sqlite_stat1 rows. PostgreSQL: pg_class.reltuples,
    once pg_stats has the table's columns (reltuples alone is also set by CREATE INDEX).
    """
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            if "sqlite_stat1" not in connection.introspection.table_names(cursor):
                return None
            cursor.execute("SELECT stat FROM sqlite_stat1 WHERE tbl = %s", [table])
            stats = [row[0] for row in cursor.fetchall()]
            return int(stats[0].split()[0]) if stats else None
        cursor.execute("SELECT count(*) FROM pg_stats WHERE schemaname = current_schema() AND tablename = %s", [table])
        if cursor.fetchone()[0] == 0:
            return None
        cursor.execute("SELECT reltuples FROM pg_class WHERE oid = %s::regclass", [table])
        return int(cursor.fetchone()[0])


def test_generated_and_imported_assets_are_analysed(glasgow):
    # A fresh database: none on PostgreSQL, SQLite's typical seeded ones (sites.spatial_schema).
    assert analysed_rows(Asset._meta.db_table) in (None, TYPICAL_ROWS)
    wards_import(council=glasgow, source=WARDS_FILE)
    assert analysed_rows(Ward._meta.db_table) == 23
    call_command("generate_assets", "--count", "80", "--council", "glasgow", stdout=StringIO())
    assert analysed_rows(Asset._meta.db_table) == 80
    assert analysed_rows(Asset.history.model._meta.db_table) == 80
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {CELL_TABLE}")  # noqa: S608 -- a constant
        cells = cursor.fetchone()[0]
    assert cells > 0 and analysed_rows(CELL_TABLE) == cells


def test_a_second_import_brings_the_statistics_up_to_date(glasgow):
    wards_import(council=glasgow, source=WARDS_FILE)
    call_command("generate_assets", "--count", "30", "--seed", "1", "--council", "glasgow", stdout=StringIO())
    assert analysed_rows(Asset._meta.db_table) == 30
    call_command("generate_assets", "--count", "70", "--seed", "2", "--council", "glasgow", stdout=StringIO())
    assert analysed_rows(Asset._meta.db_table) == Asset.objects.count() > 30
