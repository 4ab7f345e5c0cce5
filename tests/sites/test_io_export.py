"""sites.io export: every format re-read with geopandas equals the queryset; round trip unchanged."""

import zipfile

import geopandas as gpd
import pandas as pd
import pytest

from sites.io import EXPORT_COLUMNS, assets_export, assets_import, assets_to_geodataframe
from sites.models import Asset
from sites.selectors import asset_list
from tests.factories import AssetFactory, WardFactory, square

pytestmark = pytest.mark.django_db


@pytest.fixture
def register(glasgow):
    WardFactory(council=glasgow, code="S13000001", name="Centre")
    AssetFactory(council=glasgow, reference="LC-1", geometry={"type": "Point", "coordinates": [-4.2502, 55.8611]})
    AssetFactory(
        council=glasgow, reference="LC-2", uprn=906700000001, geometry={"type": "Point", "coordinates": [-4.29, 55.87]}
    )
    AssetFactory(
        council=glasgow, reference="RT-1", asset_type_id=3, height_m="21.50", geometry=square(-4.255, 55.862, 0.0005)
    )
    return asset_list(council=glasgow).order_by("reference")


def test_geodataframe_has_the_documented_columns(register):
    frame = assets_to_geodataframe(register)
    assert list(frame.columns) == EXPORT_COLUMNS
    assert frame.crs == "EPSG:4326"
    assert list(frame["reference"]) == ["LC-1", "LC-2", "RT-1"]
    assert list(frame["ward_name"].fillna("")) == ["Centre", "", "Centre"]
    assert frame.loc[1, "uprn"] == 906700000001
    assert frame.loc[2, "height_m"] == 21.5


def _reread(path, **kwargs):
    if path.suffix == ".csv":
        return pd.read_csv(path, dtype={"reference": str})
    return gpd.read_file(path, **kwargs)


@pytest.mark.parametrize("file_format", ["gpkg", "geojson", "csv", "shp"])
def test_export_reread_equals_the_queryset(register, tmp_path, file_format):
    path = assets_export(queryset=register, path=tmp_path / f"assets.{file_format}", file_format=file_format)
    expected = {a.reference: a for a in register}
    if file_format == "shp":
        assert path.suffix == ".zip"
        with zipfile.ZipFile(path) as archive:
            stems = sorted({name.rsplit(".", 1)[0] for name in archive.namelist()})
        assert stems == ["assets_points", "assets_polygons"]  # one Shapefile per kind of geometry
        frame = pd.concat([gpd.read_file(f"zip://{path}!{stem}.shp") for stem in stems])
    else:
        frame = _reread(path)
    assert sorted(frame["reference"]) == sorted(expected)
    for row in frame.itertuples():
        asset = expected[row.reference]
        assert row.longitude == pytest.approx(asset.longitude, abs=1e-9)
        assert row.latitude == pytest.approx(asset.latitude, abs=1e-9)
        assert row.easting == pytest.approx(asset.easting, abs=0.01)
        if file_format != "csv":
            assert row.geometry.geom_type == asset.geometry["type"]
            assert row.geometry.centroid.x == pytest.approx(asset.longitude, abs=1e-7)


def test_export_in_british_national_grid(register, tmp_path):
    path = assets_export(queryset=register, path=tmp_path / "bng.gpkg", file_format="gpkg", crs="EPSG:27700")
    frame = gpd.read_file(path)
    assert frame.crs.to_epsg() == 27700
    point = frame[frame.reference == "LC-1"].geometry.iloc[0]
    asset = register.get(reference="LC-1")
    assert (point.x, point.y) == (pytest.approx(asset.easting, abs=0.01), pytest.approx(asset.northing, abs=0.01))


def test_csv_in_another_crs_adds_x_and_y(register, tmp_path):
    path = assets_export(queryset=register, path=tmp_path / "m.csv", file_format="csv", crs="EPSG:3857")
    frame = pd.read_csv(path)
    assert {"x", "y", "longitude", "easting"} <= set(frame.columns)
    assert frame.loc[0, "x"] == pytest.approx(-473_131, abs=10)  # web-mercator metres for -4.25


@pytest.mark.parametrize("file_format", ["gpkg", "geojson", "shp"])
def test_exported_file_imports_back_unchanged(register, glasgow, tmp_path, file_format):
    path = assets_export(queryset=register, path=tmp_path / f"assets.{file_format}", file_format=file_format)
    layers = ["assets_points", "assets_polygons"] if file_format == "shp" else [None]
    before = Asset.history.count()
    for layer in layers:
        report = assets_import(council=glasgow, source=path, layer=layer)
        assert (report.created, report.updated, report.rejected) == (0, 0, [])
    assert Asset.history.count() == before


def test_unknown_format(register, tmp_path):
    with pytest.raises(ValueError, match="not an export format"):
        assets_export(queryset=register, path=tmp_path / "a.kml", file_format="kml")
