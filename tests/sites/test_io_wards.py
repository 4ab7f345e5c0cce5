"""Wards and constraint areas: the real Glasgow wards and cameras, re-placing assets."""

import json
from pathlib import Path

import pytest

from sites.io import ImportFileError, assets_import, constraints_import, wards_import
from sites.models import Asset, AssetType, ConstraintArea, ConstraintKind, Ward
from tests.factories import GEORGE_SQUARE, AssetFactory, CouncilFactory, WardFactory, square

pytestmark = pytest.mark.django_db

WARDS = "fixtures/glasgow_wards_2022.geojson"
CAMERAS = "fixtures/glasgow_cctv_cameras.geojson"
OUTSIDE_EVERY_WARD = {"A27", "A30", "A31", "A32"}


def _cameras(council, **kwargs):
    return assets_import(
        council=council,
        source=CAMERAS,
        asset_type=AssetType.objects.get(code="cctv_column"),
        mapping={"reference": "camera-name", "name": "camera-label"},
        **kwargs,
    )


def test_real_wards_then_real_cameras(glasgow):
    report = wards_import(council=glasgow, source=WARDS)
    assert (report.created, report.rejected, report.written) == (23, [], True)
    assert Ward.objects.filter(council=glasgow).count() == 23
    assert {w.geometry["type"] for w in Ward.objects.all()} == {"MultiPolygon"}
    assert Ward.objects.get(code="S13002967").name == "Linn"

    cameras = _cameras(glasgow)
    assert (cameras.created, cameras.rejected) == (427, [])
    square_camera = Asset.objects.get(reference="T63")
    assert square_camera.name == "George Square @ South Hanover St."
    assert square_camera.ward.name == "Anderston/City/Yorkhill"
    # Every camera has a ward, or the report says why not; the four beside the river outside
    # every (coast-clipped) ward polygon are the warnings.
    warned = {w.split("(")[1].split(")")[0] for w in cameras.warnings}
    assert warned == OUTSIDE_EVERY_WARD
    assert all("nearest ward within 250 m" in w for w in cameras.warnings)
    without_ward = set(Asset.objects.filter(ward__isnull=True).values_list("reference", flat=True))
    assert without_ward <= warned
    assert Asset.objects.filter(ward__isnull=False).count() + len(without_ward) == 427


def test_wards_reimport_is_unchanged(glasgow):
    wards_import(council=glasgow, source=WARDS)
    again = wards_import(council=glasgow, source=WARDS)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 23)


def test_wards_import_places_existing_assets(glasgow):
    asset = AssetFactory(council=glasgow, geometry={"type": "Point", "coordinates": list(GEORGE_SQUARE)})
    assert asset.ward is None
    history = asset.history.count()
    report = wards_import(council=glasgow, source=WARDS)
    asset.refresh_from_db()
    assert asset.ward.name == "Anderston/City/Yorkhill"
    assert asset.history.count() == history + 1
    assert any("1 assets had their ward" in note for note in report.notes)


def test_wards_dry_run_writes_nothing(glasgow):
    report = wards_import(council=glasgow, source=WARDS, dry_run=True)
    assert report.created == 23 and not report.written
    assert Ward.objects.count() == 0


def test_ward_renumbered_at_a_review_keeps_its_row(glasgow, tmp_path):
    wards_import(council=glasgow, source=WARDS)
    data = json.loads(Path(WARDS).read_text())
    data["features"][0]["properties"]["WD22CD"] = "S13009999"
    path = tmp_path / "review.geojson"
    path.write_text(json.dumps(data))
    linn = Ward.objects.get(name="Linn")
    report = wards_import(council=glasgow, source=path)
    assert (report.created, report.updated, report.unchanged) == (0, 1, 22)
    assert Ward.objects.get(pk=linn.pk).code == "S13009999"


def test_ward_code_of_another_council_is_rejected(glasgow):
    other = CouncilFactory()
    WardFactory(council=other, code="S13002967", name="Somewhere else")
    report = wards_import(council=glasgow, source=WARDS)
    assert [reason for _row, reason in report.rejected] == ["S13002967: ward code S13002967 belongs to another council"]
    assert not report.written and Ward.objects.filter(council=glasgow).count() == 0


def _areas_file(tmp_path, features, name="areas.geojson"):
    path = tmp_path / name
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    return path


def test_bad_ward_files_change_nothing(glasgow, tmp_path):
    points = _areas_file(
        tmp_path,
        [
            {
                "type": "Feature",
                "properties": {"code": "S13000001", "name": "Dot"},
                "geometry": {"type": "Point", "coordinates": list(GEORGE_SQUARE)},
            }
        ],
    )
    report = wards_import(council=glasgow, source=points)
    assert "a ward must be a polygon, not a Point" in report.rejected[0][1]
    nameless = _areas_file(
        tmp_path,
        [{"type": "Feature", "properties": {"code": "S13000001"}, "geometry": square(*GEORGE_SQUARE)}],
        "n.geojson",
    )
    with pytest.raises(ImportFileError, match="no name column"):
        wards_import(council=glasgow, source=nameless)
    with pytest.raises(ImportFileError, match="None of the locations"):
        wards_import(council=glasgow, source=WARDS, crs="EPSG:27700")
    assert Ward.objects.count() == 0


def test_constraints_flag_assets_and_reimport_is_unchanged(glasgow, tmp_path):
    asset = AssetFactory(council=glasgow, geometry={"type": "Point", "coordinates": list(GEORGE_SQUARE)})
    path = _areas_file(
        tmp_path,
        [
            {
                "type": "Feature",
                "properties": {"ref": "CA01", "title": "Central"},
                "geometry": square(*GEORGE_SQUARE, half=0.003),
            },
            {"type": "Feature", "properties": {"ref": "CA02", "title": "Park"}, "geometry": square(-4.29, 55.87)},
        ],
    )
    mapping = {"reference": "ref", "name": "title"}
    report = constraints_import(council=glasgow, source=path, kind="Conservation area", mapping=mapping)
    assert (report.created, report.written) == (2, True)
    asset.refresh_from_db()
    assert asset.in_conservation_area
    assert list(asset.constraint_areas.values_list("reference", flat=True)) == ["CA01"]
    again = constraints_import(council=glasgow, source=path, kind="conservation_area", mapping=mapping)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    assert ConstraintArea.objects.filter(kind=ConstraintKind.CONSERVATION_AREA).count() == 2


def test_constraint_kind_must_be_known(glasgow, tmp_path):
    path = _areas_file(
        tmp_path,
        [
            {
                "type": "Feature",
                "properties": {"reference": "X1", "kind": "bat roost"},
                "geometry": square(*GEORGE_SQUARE),
            }
        ],
    )
    with pytest.raises(ImportFileError, match="not a kind of constraint"):
        constraints_import(council=glasgow, source=path, kind="badgers")
    report = constraints_import(council=glasgow, source=path)
    assert "'bat roost' is not one of" in report.rejected[0][1]
    assert ConstraintArea.objects.count() == 0
