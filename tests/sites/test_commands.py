"""import_assets, import_wards, import_constraints and export_assets on the command line."""

import json
from io import StringIO

import geopandas as gpd
import pytest
from django.core.management import call_command, execute_from_command_line
from django.core.management.base import CommandError

from sites.models import Asset, ConstraintArea, Ward
from tests.factories import GEORGE_SQUARE, asset_frame, square, write_asset_file

pytestmark = pytest.mark.django_db

CAMERAS = "fixtures/glasgow_cctv_cameras.geojson"
WARDS = "fixtures/glasgow_wards_2022.geojson"


def run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_import_wards_then_cameras_and_again(glasgow):
    assert "Created: 23" in run("import_wards", WARDS, "--council", "glasgow")
    args = ["import_assets", CAMERAS, "--council", "glasgow", "--type", "cctv_column"]
    mapping = ["--mapping", "reference=camera-name", "name=camera-label"]
    first = run(*args, *mapping)
    assert "Created: 427" in first and "Warnings: 4" in first and "Saved: 427 created" in first
    again = run(*args, *mapping)
    assert "Unchanged: 427" in again and "Created: 0" in again
    assert Asset.objects.get(reference="T63").ward.name == "Anderston/City/Yorkhill"


def test_dry_run_prints_the_report_and_writes_nothing(glasgow, tmp_path):
    path = write_asset_file(asset_frame(), tmp_path / "a.gpkg", crs="EPSG:27700")
    out = run("import_assets", str(path), "--council", "glasgow", "--type", "lighting_column", "--dry-run")
    assert "Created: 3" in out and "Dry run: nothing was written." in out
    assert Asset.objects.count() == 0


def test_rejected_rows_fail_the_command_unless_skipped(glasgow, tmp_path):
    path = write_asset_file(asset_frame(height_m=[8.0, -1.0, 9.0]), tmp_path / "a.csv")
    args = ["import_assets", str(path), "--council", "glasgow", "--type", "lighting_column"]
    with pytest.raises(CommandError, match="1 rows were rejected"):
        run(*args)
    assert Asset.objects.count() == 0
    out = run(*args, "--skip-invalid")
    assert "row 3: KG-002: height (m): must not be negative" in out
    assert Asset.objects.count() == 2


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--council", "edinburgh"], "There is no council 'edinburgh'"),
        (["--council", "glasgow", "--type", "lamp"], "'lamp' is not an asset type code"),
        (["--council", "glasgow", "--type", "cctv_column"], "no reference column"),
        (["--council", "glasgow", "--type", "cctv_column", "--mapping", "reference"], "is not a mapping"),
        (["--council", "glasgow", "--type", "cctv_column", "--crs", "EPSG:0"], "not a coordinate reference system"),
    ],
)
def test_bad_arguments_and_files_are_command_errors(glasgow, args, message):
    with pytest.raises(CommandError, match=message):
        run("import_assets", CAMERAS, *args)
    assert Asset.objects.count() == 0


def test_bad_file_on_the_real_command_line_prints_no_traceback(glasgow, tmp_path, capsys):
    broken = tmp_path / "broken.gpkg"
    broken.write_bytes(b"definitely not a GeoPackage")
    with pytest.raises(SystemExit) as exit_info:
        execute_from_command_line(["manage.py", "import_assets", str(broken), "--council", "glasgow"])
    assert exit_info.value.code == 1
    err = capsys.readouterr().err
    assert "CommandError: broken.gpkg could not be read as a GeoPackage" in err
    assert "Traceback" not in err


def test_import_constraints_with_kind(glasgow, tmp_path):
    features = [{"type": "Feature", "properties": {"reference": "TPO1"}, "geometry": square(*GEORGE_SQUARE)}]
    path = tmp_path / "tpo.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    out = run("import_constraints", str(path), "--council", "glasgow", "--kind", "tree_preservation_order")
    assert "Created: 1" in out
    assert ConstraintArea.objects.get().name == "TPO1"
    with pytest.raises(CommandError, match="not a kind of constraint"):
        run("import_constraints", str(path), "--council", "glasgow", "--kind", "hedgehogs")


def test_export_filters_by_type_and_ward(glasgow, tmp_path):
    run("import_wards", WARDS, "--council", "glasgow")
    run("import_assets", CAMERAS, "--council", "glasgow", "--type", "cctv_column", "--mapping", "reference=camera-name")
    city = Ward.objects.get(name="Anderston/City/Yorkhill")
    out = run("export_assets", str(tmp_path / "city.gpkg"), "--council", "glasgow", "--ward", city.code)
    expected = Asset.objects.filter(ward=city).count()
    assert f"Wrote {expected} assets" in out
    frame = gpd.read_file(tmp_path / "city.gpkg")
    assert sorted(frame["reference"]) == sorted(Asset.objects.filter(ward=city).values_list("reference", flat=True))
    run("export_assets", str(tmp_path / "none.csv"), "--council", "glasgow", "--type", "bus_shelter")
    assert (tmp_path / "none.csv").read_text().startswith("reference,name,asset_type")
    out = run("export_assets", str(tmp_path / "all.zip"), "--council", "glasgow", "--crs", "EPSG:27700")
    assert "Wrote 427 assets" in out and gpd.read_file(tmp_path / "all.zip").crs.to_epsg() == 27700


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["out.kml"], "Say which format"),
        (["out.gpkg", "--ward", "S13999999"], "has no ward with the code"),
        (["out.gpkg", "--crs", "nonsense"], "not a coordinate reference system"),
    ],
)
def test_export_errors(glasgow, tmp_path, args, message):
    with pytest.raises(CommandError, match=message):
        run("export_assets", str(tmp_path / args[0]), "--council", "glasgow", *args[1:])


def test_imports_print_their_progress_on_stderr_as_they_go(glasgow, tmp_path):
    path = write_asset_file(asset_frame(height_m=[8.0, -1.0, 9.0]), tmp_path / "a.csv")
    err = StringIO()
    call_command(
        "import_assets",
        str(path),
        "--council",
        "glasgow",
        "--type",
        "lighting_column",
        "--skip-invalid",
        stdout=StringIO(),
        stderr=err,
    )
    lines = err.getvalue().splitlines()
    assert lines[0].startswith("Reading the file:")
    assert any(line.startswith("Checking rows: 3 rows read") for line in lines)
    assert any(line.startswith("Writing: 3 rows read, 2 checked, ") for line in lines)
    assert lines[-1] == "Done: 3 rows read, 2 checked, 2 of 2 written, 1 rejected"
    wards = StringIO()
    call_command("import_wards", WARDS, "--council", "glasgow", stdout=StringIO(), stderr=wards)
    assert "Placing assets again:" in wards.getvalue() and wards.getvalue().splitlines()[-1].startswith("Done: 23 rows")


def test_quiet_imports_print_no_progress(glasgow, tmp_path):
    path = write_asset_file(asset_frame(), tmp_path / "a.gpkg")
    err = StringIO()
    call_command(
        "import_assets",
        str(path),
        "--council",
        "glasgow",
        "--type",
        "lighting_column",
        "-v",
        "0",
        stdout=StringIO(),
        stderr=err,
    )
    assert err.getvalue() == ""
