"""sites.spatial_index: the R*Tree / GiST index and the per-cell counts stay exact on every write.

Runs on SQLite and on PostgreSQL (DATABASE_URL=postgres://... pytest ...).
"""

import pytest
from django.core.management.sql import emit_post_migrate_signal
from django.db import connection

from sites import spatial_index, spatial_schema
from sites.models import Asset, AssetType
from sites.services import asset_save
from sites.spatial_index import box_condition
from sites.spatial_schema import CELL_TABLE, RTREE_TABLE, cell_sql
from tests.factories import AssetFactory, WardFactory, located_assets_bulk_create, square

pytestmark = pytest.mark.django_db

SQLITE = connection.vendor == "sqlite"


def point(lon: float, lat: float) -> dict:
    return {"type": "Point", "coordinates": [lon, lat]}


def in_box(box) -> list[str]:
    """References the index finds for a box (after the exact check, as every caller does)."""
    min_lon, min_lat, max_lon, max_lat = box
    qs = Asset.objects.filter(box_condition(box)).filter(
        max_longitude__gte=min_lon, min_longitude__lte=max_lon, max_latitude__gte=min_lat, min_latitude__lte=max_lat
    )
    return sorted(qs.values_list("reference", flat=True))


def kept_cells() -> dict:
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT council_id, fx, fy, asset_type_id, ward_id, availability, n, sum_lon, sum_lat "  # noqa: S608
            f"FROM {CELL_TABLE} WHERE n <> 0"
        )
        return {row[:6]: row[6:] for row in cursor.fetchall()}


def recounted_cells() -> dict:
    fx, fy = cell_sql(connection.vendor)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT council_id, {fx}, {fy}, asset_type_id, COALESCE(ward_id, 0), availability, "  # noqa: S608
            "COUNT(*), SUM(longitude), SUM(latitude) FROM sites_asset GROUP BY 1, 2, 3, 4, 5, 6"
        )
        return {row[:6]: row[6:] for row in cursor.fetchall()}


def rtree_rows() -> dict:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id, min_lon, max_lon, min_lat, max_lat FROM {RTREE_TABLE}")  # noqa: S608
        return {row[0]: row[1:] for row in cursor.fetchall()}


def assert_in_sync() -> None:
    """The cell counts equal a recount, and (SQLite) the R*Tree holds every asset's box."""
    kept, recounted = kept_cells(), recounted_cells()
    assert kept.keys() == recounted.keys()
    for key, (n, sum_lon, sum_lat) in recounted.items():
        assert kept[key][0] == n
        assert kept[key][1:] == pytest.approx((sum_lon, sum_lat), abs=1e-9)
    if SQLITE:
        rows = rtree_rows()
        boxes = Asset.objects.values_list("id", "min_longitude", "max_longitude", "min_latitude", "max_latitude")
        assert rows.keys() == {b[0] for b in boxes}
        for pk, min_lon, max_lon, min_lat, max_lat in boxes:
            r_min_lon, r_max_lon, r_min_lat, r_max_lat = rows[pk]
            # 32-bit floats rounded outwards: the stored box holds the true one, within a few cm.
            assert r_min_lon <= min_lon <= r_min_lon + 1e-5 and r_max_lon - 1e-5 <= max_lon <= r_max_lon
            assert r_min_lat <= min_lat <= r_min_lat + 1e-5 and r_max_lat - 1e-5 <= max_lat <= r_max_lat


AROUND_SQUARE = (-4.2510, 55.8605, -4.2495, 55.8615)
AROUND_WEST = (-4.3010, 55.8495, -4.2990, 55.8505)


def test_save_update_and_delete_keep_the_index(glasgow):
    WardFactory(council=glasgow)
    asset = AssetFactory(council=glasgow, reference="A", geometry=point(-4.2502, 55.8611))
    AssetFactory(council=glasgow, reference="B", geometry=point(-4.2500, 55.8610))
    assert in_box(AROUND_SQUARE) == ["A", "B"]
    assert_in_sync()

    asset.geometry = point(-4.3, 55.85)  # moved out of the ward, too
    asset_save(asset=asset)
    assert in_box(AROUND_SQUARE) == ["B"]
    assert in_box(AROUND_WEST) == ["A"]
    assert_in_sync()

    asset.asset_type = AssetType.objects.get(code="bus_shelter")
    asset.availability, asset.unavailable_reason = "unavailable", "Repairs"
    asset_save(asset=asset)
    asset.height_m = 9  # not a cell change: the counts stay as they are
    asset_save(asset=asset)
    assert_in_sync()

    asset.delete()
    assert in_box(AROUND_WEST) == []
    assert_in_sync()


def test_bulk_create_bulk_update_update_and_delete_keep_the_index(glasgow):
    WardFactory(council=glasgow)
    rows = [{"reference": f"R{i}", "geometry": point(-4.2510 + i * 0.0001, 55.8610)} for i in range(12)]
    rows.append({"reference": "ROOF", "asset_type": AssetType.objects.get(code="building_rooftop"),
                 "geometry": square(-4.30, 55.85, half=0.0003)})  # fmt: skip
    assets = located_assets_bulk_create(council=glasgow, rows=rows)
    assert in_box(AROUND_SQUARE) == sorted(f"R{i}" for i in range(12) if -4.2510 + i * 0.0001 <= -4.2495)
    assert in_box(AROUND_WEST) == ["ROOF"]
    assert_in_sync()

    moved = assets[:3]
    for a in moved:
        a.longitude = a.min_longitude = a.max_longitude = -4.30
        a.latitude = a.min_latitude = a.max_latitude = 55.85
    Asset.objects.bulk_update(moved, ["longitude", "latitude", "min_longitude", "max_longitude",
                                      "min_latitude", "max_latitude"])  # fmt: skip
    assert in_box(AROUND_WEST) == ["R0", "R1", "R2", "ROOF"]
    assert_in_sync()

    Asset.objects.filter(reference__in=["R3", "R4"]).update(availability="unavailable", unavailable_reason="Works")
    Asset.objects.filter(reference="R5").update(ward=None)
    assert_in_sync()

    Asset.objects.filter(reference__in=["R0", "R6", "ROOF"]).delete()
    assert in_box(AROUND_WEST) == ["R1", "R2"]
    assert_in_sync()


def test_the_index_is_used():
    box = AROUND_SQUARE
    sql, params = Asset.objects.filter(box_condition(box)).values("id").query.sql_with_params()
    with connection.cursor() as cursor:
        if SQLITE:
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
            plan = " ".join(str(row) for row in cursor.fetchall())
            assert "VIRTUAL TABLE INDEX" in plan and RTREE_TABLE in plan
        else:
            cursor.execute("SET LOCAL enable_seqscan = off")  # a tiny table: show the index can serve it
            cursor.execute(f"EXPLAIN {sql}", params)
            plan = " ".join(row[0] for row in cursor.fetchall())
            assert spatial_schema.PG_INDEX in plan


def test_post_migrate_puts_back_a_missing_trigger_and_refills(glasgow):
    AssetFactory(council=glasgow, reference="A", geometry=point(-4.2502, 55.8611))
    with connection.cursor() as cursor:
        if SQLITE:
            cursor.execute("DROP TRIGGER sites_asset_rtree_insert")
            cursor.execute("DROP TRIGGER sites_asset_cell_insert")
        else:
            cursor.execute(f"DROP TRIGGER sites_asset_cell_insert ON {spatial_schema.ASSET_TABLE}")
    AssetFactory(council=glasgow, reference="B", geometry=point(-4.2500, 55.8610))  # not counted
    assert not spatial_schema.is_complete(connection)
    assert sum(n for n, *_ in kept_cells().values()) == 1

    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")

    assert spatial_schema.is_complete(connection)
    assert spatial_index.repair(connection) is False  # nothing left to do
    assert in_box(AROUND_SQUARE) == ["A", "B"]
    assert_in_sync()


def test_drop_and_create_round_trip(glasgow):
    AssetFactory(council=glasgow, reference="A", geometry=point(-4.2502, 55.8611))
    spatial_index.drop(connection)
    assert CELL_TABLE not in connection.introspection.table_names()
    assert spatial_index.repair(connection) is False  # not migrated: repair leaves it alone
    spatial_index.create(connection)
    assert spatial_schema.is_complete(connection)
    assert in_box(AROUND_SQUARE) == ["A"]
    assert_in_sync()


@pytest.mark.django_db(transaction=True)
def test_a_later_migration_altering_the_table_keeps_the_index(glasgow):
    """SQLite rebuilds the table to alter it, dropping its triggers; repair puts them back."""
    AssetFactory(council=glasgow, reference="A", geometry=point(-4.2502, 55.8611))
    old = Asset._meta.get_field("material")
    new = type(old)(max_length=101, blank=True)
    new.set_attributes_from_name("material")
    new.model = Asset
    try:
        with connection.schema_editor() as editor:
            editor.alter_field(Asset, old, new)
        assert spatial_schema.is_complete(connection) is not SQLITE  # PostgreSQL keeps index and triggers
        spatial_index.repair(connection)
        assert spatial_schema.is_complete(connection)
        AssetFactory(council=glasgow, reference="B", geometry=point(-4.2500, 55.8610))
        assert in_box(AROUND_SQUARE) == ["A", "B"]
        assert_in_sync()
    finally:
        with connection.schema_editor() as editor:
            editor.alter_field(Asset, new, old)
        spatial_index.repair(connection)
