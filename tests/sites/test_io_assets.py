"""sites.io.assets_import: formats, idempotent upserts, history, bad files and bad rows."""

import json

import pytest
from shapely.geometry import shape

from sites.geometry import lonlat_to_bng
from sites.io import ImportFileError, assets_import
from sites.models import Asset, AssetType, ConstraintKind
from tests.factories import (
    SAMPLE_POINTS,
    AssetFactory,
    ConstraintAreaFactory,
    OfficerFactory,
    WardFactory,
    asset_frame,
    write_asset_file,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def columns():
    return AssetType.objects.get(code="lighting_column")


def _import(council, path, asset_type, **kwargs):
    return assets_import(council=council, source=path, asset_type=asset_type, **kwargs)


@pytest.mark.parametrize(
    ("name", "crs"),
    [
        ("a.gpkg", "EPSG:27700"),
        ("a.gpkg", "EPSG:3857"),
        ("a.zip", "EPSG:27700"),
        ("a.geojson", "EPSG:4326"),
        ("a.csv", "EPSG:4326"),
        ("a.csv", "EPSG:27700"),
    ],
)
def test_each_format_and_crs_lands_at_the_same_place(glasgow, columns, tmp_path, name, crs):
    report = _import(glasgow, write_asset_file(asset_frame(), tmp_path / name, crs=crs), columns)
    assert (report.created, report.written, report.rejected) == (3, True, [])
    for ref, label, lon, lat in SAMPLE_POINTS:
        asset = Asset.objects.get(council=glasgow, reference=ref)
        easting, northing = lonlat_to_bng(lon, lat)
        assert asset.name == label
        assert (asset.longitude, asset.latitude) == (pytest.approx(lon, abs=1e-7), pytest.approx(lat, abs=1e-7))
        assert (asset.easting, asset.northing) == (pytest.approx(easting, abs=0.02), pytest.approx(northing, abs=0.02))
        assert shape(asset.geometry).x == asset.longitude


def test_reimport_is_idempotent_and_a_change_is_an_update_with_history(glasgow, columns, tmp_path):
    officer = OfficerFactory(council=glasgow)
    frame = asset_frame(height_m=[8.0, 10.0, 12.0], power_supply=["none", "metered", "Unmetered"])
    path = write_asset_file(frame, tmp_path / "a.gpkg", crs="EPSG:27700")
    first = _import(glasgow, path, columns, by=officer)
    second = _import(glasgow, path, columns, by=officer)
    assert (first.created, first.updated, first.unchanged) == (3, 0, 0)
    assert (second.created, second.updated, second.unchanged) == (0, 0, 3)
    assert Asset.objects.count() == 3
    assert Asset.history.count() == 3
    assert set(Asset.history.values_list("history_user", flat=True)) == {officer.pk}

    frame.loc[1, "height_m"] = 11.5
    third = _import(glasgow, write_asset_file(frame, tmp_path / "b.gpkg", crs="EPSG:27700"), columns, by=officer)
    assert (third.created, third.updated, third.unchanged) == (0, 1, 2)
    changed = Asset.objects.get(reference="KG-002")
    assert float(changed.height_m) == 11.5
    assert changed.power_supply == "metered"
    assert [h.history_type for h in changed.history.order_by("history_date", "history_id")] == ["+", "~"]
    assert changed.history.first().height_m == changed.height_m


def test_columns_missing_from_the_file_keep_their_values(glasgow, columns, tmp_path):
    AssetFactory(
        council=glasgow,
        reference="GS-001",
        height_m=9,
        material="steel",
        geometry={"type": "Point", "coordinates": [-4.2502, 55.8611]},
    )
    report = _import(glasgow, write_asset_file(asset_frame(), tmp_path / "a.geojson"), columns)
    asset = Asset.objects.get(reference="GS-001")
    assert (report.created, report.updated) == (2, 1)  # the name changed
    assert (float(asset.height_m), asset.material, asset.name) == (9.0, "steel", "George Square")


def test_dry_run_writes_nothing(glasgow, columns, tmp_path):
    report = _import(glasgow, write_asset_file(asset_frame(), tmp_path / "a.gpkg"), columns, dry_run=True)
    assert (report.created, report.dry_run, report.written) == (3, True, False)
    assert "Dry run" in report.summary()
    assert Asset.objects.count() == 0
    assert Asset.history.count() == 0


def test_ward_and_constraints_are_placed_like_asset_save(glasgow, columns, tmp_path):
    ward = WardFactory(council=glasgow)  # around George Square
    area = ConstraintAreaFactory(council=glasgow, kind=ConstraintKind.LISTED_BUILDING)
    report = _import(glasgow, write_asset_file(asset_frame(), tmp_path / "a.gpkg"), columns)
    square = Asset.objects.get(reference="GS-001")
    assert square.ward == ward
    assert square.listed_building and not square.in_conservation_area
    assert list(square.constraint_areas.all()) == [area]
    far = Asset.objects.get(reference="QP-003")
    assert far.ward is None and not far.listed_building
    assert any("QP-003" in w and "no ward" in w for w in report.warnings)


def test_type_column_codes_and_names(glasgow, tmp_path):
    frame = asset_frame(asset_type=["cctv_column", "Bus shelter", "LIGHTING_COLUMN"])
    report = assets_import(council=glasgow, source=write_asset_file(frame, tmp_path / "a.csv"))
    assert report.created == 3
    codes = dict(Asset.objects.values_list("reference", "asset_type__code"))
    assert codes == {"GS-001": "cctv_column", "KG-002": "bus_shelter", "QP-003": "lighting_column"}


BAD_ROWS = [
    ({"height_m": [8.0, -3.0, 9.0]}, 3, "height (m): must not be negative"),
    ({"asset_type": ["lighting_column", "lamp_post", "cctv_column"]}, 3, "unknown asset type 'lamp_post'"),
    ({"power_supply": ["none", "solar", "none"]}, 3, "'solar' is not one of none, unmetered, metered"),
    ({"fibre_nearby": ["yes", "perhaps", "no"]}, 3, "'perhaps' is not yes or no"),
    ({"slots": ["1", "two", "3"]}, 3, "'two' is not a number"),
    ({"availability": ["available", "unavailable", "available"]}, 3, "no unavailable_reason"),
]


@pytest.mark.parametrize(("columns_", "row", "reason"), BAD_ROWS)
def test_bad_values_are_rejected_with_row_and_reason(glasgow, tmp_path, columns_, row, reason):
    extra = {"asset_type": ["lighting_column"] * 3} | columns_
    path = write_asset_file(asset_frame(**extra), tmp_path / "a.csv")
    report = assets_import(council=glasgow, source=path)
    assert [r for r, _ in report.rejected] == [row]
    assert reason in report.rejected[0][1] and "KG-002" in report.rejected[0][1]
    assert not report.written and Asset.objects.count() == 0
    assert "Nothing was written" in report.summary()
    skipped = assets_import(council=glasgow, source=path, skip_invalid=True)
    assert skipped.written and skipped.created == 2
    assert sorted(Asset.objects.values_list("reference", flat=True)) == ["GS-001", "QP-003"]


def _geojson(tmp_path, geometries, name="rows.geojson"):
    features = [
        {"type": "Feature", "properties": {"reference": f"R{i}"}, "geometry": g} for i, g in enumerate(geometries, 1)
    ]
    path = tmp_path / name
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    return path


def test_bad_geometries_are_rejected(glasgow, columns, tmp_path):
    bowtie = [[[-4.26, 55.86], [-4.25, 55.87], [-4.25, 55.86], [-4.26, 55.87], [-4.26, 55.86]]]
    path = _geojson(
        tmp_path,
        [
            {"type": "Point", "coordinates": [-4.25, 55.86]},
            {"type": "Polygon", "coordinates": bowtie},
            None,
            {"type": "Point", "coordinates": [-0.12, 51.5]},
            {"type": "Polygon", "coordinates": [[[-4.26, 55.86], [-4.25, 55.86], [-4.25, 55.87], [-4.26, 55.86]]]},
        ],
    )
    report = _import(glasgow, path, columns, skip_invalid=True)
    reasons = dict(report.rejected)
    assert set(reasons) == {2, 3, 4}
    assert "crosses itself" in reasons[2]
    assert "no location" in reasons[3]
    assert "outside Glasgow City Council's area" in reasons[4]
    assert sorted(Asset.objects.values_list("reference", flat=True)) == ["R1", "R5"]
    assert Asset.objects.get(reference="R5").geometry["type"] == "Polygon"


def _bad_files(tmp_path):
    """Files that must be refused whole; each builder returns (path, kwargs, expected message)."""
    frame = asset_frame()
    duplicate = asset_frame([*SAMPLE_POINTS, ("GS-001", "Again", -4.25, 55.86)])
    no_reference = frame.rename(columns={"reference": "ref_no"})
    yield write_asset_file(duplicate, tmp_path / "dup.gpkg"), {}, "same reference to more than one row"
    yield write_asset_file(no_reference, tmp_path / "noref.gpkg"), {}, "no reference column"
    yield write_asset_file(frame, tmp_path / "bng.gpkg", crs="EPSG:27700"), {"crs": "EPSG:4326"}, "None of the"
    yield write_asset_file(frame, tmp_path / "a.geojson"), {"mapping": {"reference": "camera"}}, "no column 'camera'"
    yield write_asset_file(frame, tmp_path / "b.geojson"), {"mapping": {"colour": "name"}}, "colour cannot be mapped"
    (tmp_path / "bad.gpkg").write_bytes(b"not a geopackage at all")
    yield tmp_path / "bad.gpkg", {}, "could not be read"
    (tmp_path / "empty.csv").write_bytes(b"")
    yield tmp_path / "empty.csv", {}, "is empty"
    (tmp_path / "text.csv").write_text("reference,easting,northing\nA1,259000,nine\n")
    yield tmp_path / "text.csv", {}, "must hold numbers"


def test_every_bad_file_changes_nothing(glasgow, columns, tmp_path):
    AssetFactory(council=glasgow, reference="GS-001")
    before = (Asset.objects.count(), Asset.history.count())
    cases = list(_bad_files(tmp_path))
    assert len(cases) == 8
    for path, kwargs, message in cases:
        with pytest.raises(ImportFileError, match=message):
            _import(glasgow, path, columns, **kwargs)
        assert (Asset.objects.count(), Asset.history.count()) == before, path.name


def test_no_asset_type_at_all_is_a_file_error(glasgow, tmp_path):
    with pytest.raises(ImportFileError, match="asset_type column"):
        assets_import(council=glasgow, source=write_asset_file(asset_frame(), tmp_path / "a.gpkg"))


def test_mapping_and_shapefile_short_column_names(glasgow, columns, tmp_path):
    frame = asset_frame(structural_capacity_kg=[50, 60, 70]).rename(columns={"reference": "ASSET_ID"})
    path = write_asset_file(frame, tmp_path / "a.zip", crs="EPSG:27700")  # the .dbf cuts names to 10 letters
    report = _import(glasgow, path, columns, mapping={"reference": "asset_id"})
    assert report.created == 3
    assert Asset.objects.get(reference="QP-003").structural_capacity_kg == 70


def test_progress_is_told_as_it_goes_rows_read_checked_written_rejected(glasgow, columns, tmp_path):
    from sites.io.progress import Progress

    frame = asset_frame()
    frame.loc[0, "reference"] = ""  # one row rejected (no reference)
    heard = []
    progress = Progress(heard.append, interval=0)
    report = _import(
        glasgow, write_asset_file(frame, tmp_path / "a.gpkg"), columns, skip_invalid=True, progress=progress
    )
    stages = [p.stage for p in heard]
    assert stages[0] == "reading" and stages[-1] == "done"
    assert stages.index("checking") < stages.index("writing")
    last = heard[-1]
    assert (last.read, last.checked, last.rejected) == (len(frame), len(frame) - 1, 1)
    assert (last.written, last.to_write) == (report.created, report.created)
    checked = [p.checked for p in heard if p.stage == "checking"]
    assert checked == sorted(checked) and len(checked) > 2, "counted up row by row, not only at the end"
    assert "rows read" in last.line() and "1 rejected" in last.line()


def test_a_dry_run_reports_no_writing(glasgow, columns, tmp_path):
    from sites.io.progress import Progress

    heard = []
    _import(
        glasgow,
        write_asset_file(asset_frame(), tmp_path / "a.gpkg"),
        columns,
        dry_run=True,
        progress=Progress(heard.append, interval=0),
    )
    assert "writing" not in [p.stage for p in heard] and heard[-1].stage == "done"
    assert heard[-1].written == 0


def test_big_import_rebuilds_the_spatial_index_in_one_pass(glasgow, columns, tmp_path, monkeypatch):
    from django.db import connection

    from sites import spatial_index, spatial_schema
    from sites.io import asset_write

    monkeypatch.setattr(asset_write, "REBUILD_MIN", 1)  # as if the file were large
    _import(glasgow, write_asset_file(asset_frame(), tmp_path / "a.gpkg"), columns)
    assert spatial_schema.is_complete(connection)
    around_george_square = (-4.26, 55.855, -4.24, 55.865)
    found = Asset.objects.filter(spatial_index.box_condition(around_george_square))
    assert list(found.values_list("reference", flat=True)) == ["GS-001"]
    # A later, smaller import is kept in the index by the triggers.
    frame = asset_frame([("GS-002", "Beside it", -4.2503, 55.8612)])
    _import(glasgow, write_asset_file(frame, tmp_path / "b.gpkg"), columns)
    found = Asset.objects.filter(spatial_index.box_condition(around_george_square)).order_by("reference")
    assert list(found.values_list("reference", flat=True)) == ["GS-001", "GS-002"]


def test_slots_below_those_taken_are_rejected(glasgow, columns, tmp_path):
    asset = AssetFactory(
        council=glasgow, reference="GS-001", slots=3, geometry={"type": "Point", "coordinates": [-4.2502, 55.8611]}
    )
    Asset.objects.filter(pk=asset.pk).update(slots_used=2)
    path = write_asset_file(asset_frame(SAMPLE_POINTS[:1], slots=[1]), tmp_path / "a.gpkg")
    report = _import(glasgow, path, columns)
    assert report.rejected == [(1, "GS-001: slots: 1 is fewer than the 2 taken by approved installations")]
    asset.refresh_from_db()
    assert asset.slots == 3


def test_post_init_listeners_still_hear_of_new_assets(glasgow, columns, tmp_path):
    from django.db.models.signals import post_init

    heard = []

    def listener(sender, instance, **kwargs):
        heard.append(instance.reference)

    post_init.connect(listener, sender=Asset)
    try:
        _import(glasgow, write_asset_file(asset_frame(), tmp_path / "a.gpkg"), columns)
    finally:
        post_init.disconnect(listener, sender=Asset)
    assert {"GS-001", "KG-002", "QP-003"} <= set(heard)
    assert Asset.objects.count() == 3
