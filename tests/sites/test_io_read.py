"""sites.io.read: every format and CRS read into the same WGS84 points; unusable files refused."""

import json
import zipfile

import pytest

from sites.io import ImportFileError
from sites.io.read import read_source
from tests.factories import SAMPLE_POINTS, asset_frame, write_asset_file

FORMATS = [
    ("assets.gpkg", "EPSG:27700"),
    ("assets.gpkg", "EPSG:3857"),
    ("assets.zip", "EPSG:4326"),
    ("assets.zip", "EPSG:27700"),
    ("assets.geojson", "EPSG:4326"),
    ("assets.csv", "EPSG:4326"),
    ("assets.csv", "EPSG:27700"),
]


@pytest.mark.parametrize(("name", "crs"), FORMATS)
def test_every_format_and_crs_reads_to_the_same_points(tmp_path, name, crs):
    path = write_asset_file(asset_frame(), tmp_path / name, crs=crs)
    table = read_source(path)
    assert len(table) == 3
    assert list(table.attributes["reference"]) == [p[0] for p in SAMPLE_POINTS]
    for geometry, (_ref, _name, lon, lat) in zip(table.geometries, SAMPLE_POINTS, strict=True):
        # 1e-7 degrees is about a centimetre.
        assert geometry.x == pytest.approx(lon, abs=1e-7)
        assert geometry.y == pytest.approx(lat, abs=1e-7)


def test_geojson_with_crs84_member_and_3d_points(tmp_path):
    path = tmp_path / "cameras.geojson"
    features = [
        {"type": "Feature", "properties": {"id": ref}, "geometry": {"type": "Point", "coordinates": [lon, lat, 0]}}
        for ref, _name, lon, lat in SAMPLE_POINTS
    ]
    crs = {"type": "name", "properties": {"name": "urn:ogc:def:crs:OGC:1.3:CRS84"}}
    path.write_text(json.dumps({"type": "FeatureCollection", "crs": crs, "features": features}))
    table = read_source(path)
    assert [g.has_z for g in table.geometries] == [False, False, False]
    assert table.geometries[0].x == pytest.approx(SAMPLE_POINTS[0][2])
    assert table.geometries[0].y == pytest.approx(SAMPLE_POINTS[0][3])


def test_csv_rows_are_numbered_as_a_spreadsheet_shows_them(tmp_path):
    path = write_asset_file(asset_frame(), tmp_path / "assets.csv")
    assert list(read_source(path).rows) == [2, 3, 4]


def test_given_crs_overrides_and_supplies(tmp_path):
    frame = asset_frame()
    path = tmp_path / "xy.csv"
    projected = frame.to_crs("EPSG:27700")
    path.write_text("reference,x,y\n" + "".join(f"R{i},{p.x},{p.y}\n" for i, p in enumerate(projected.geometry)))
    with pytest.raises(ImportFileError, match="coordinate reference system"):
        read_source(path)
    table = read_source(path, crs="27700")
    assert table.geometries[0].x == pytest.approx(SAMPLE_POINTS[0][2], abs=1e-7)


def test_layer_is_chosen_in_a_geopackage(tmp_path):
    path = write_asset_file(asset_frame(), tmp_path / "two.gpkg", layer="columns")
    write_asset_file(asset_frame(SAMPLE_POINTS[:1]), path, layer="rooftops")
    with pytest.raises(ImportFileError, match="several layers"):
        read_source(path)
    assert len(read_source(path, layer="rooftops")) == 1
    with pytest.raises(ImportFileError, match="no layer called 'ducts'"):
        read_source(path, layer="ducts")


def _shapefile_without_prj(tmp_path):
    path = write_asset_file(asset_frame(), tmp_path / "full.zip", crs="EPSG:27700")
    bare = tmp_path / "noprj.zip"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(bare, "w") as target:
        for name in source.namelist():
            if not name.endswith(".prj"):
                target.writestr(name, source.read(name))
    return bare


def test_shapefile_without_prj_needs_a_crs(tmp_path):
    bare = _shapefile_without_prj(tmp_path)
    with pytest.raises(ImportFileError, match=r"\.prj"):
        read_source(bare)
    assert read_source(bare, crs="EPSG:27700").geometries[0].x == pytest.approx(SAMPLE_POINTS[0][2], abs=1e-7)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.gpkg", b"", "is empty"),
        ("broken.gpkg", b"SQLite format 3\x00 this is not really a database", "could not be read as a GeoPackage"),
        ("broken.geojson", b'{"type": "FeatureCollection", "features": [', "could not be read as a GeoJSON"),
        ("notes.xlsx", b"PK\x03\x04", "not a format the importer reads"),
        ("broken.zip", b"PK\x03\x04 not a zip", "not a valid zip file"),
        ("binary.csv", b"\x00\x01\x02", "not a text CSV"),
        ("headers.csv", b"reference,longitude,latitude\n", "no features"),
        ("nocoords.csv", b"reference,name\nA1,Column\n", "no coordinate columns"),
        ("words.csv", b"reference,longitude,latitude\nA1,-4.25,55.86\nA2,west,north\n", "must hold numbers: row 3"),
        ("empty.geojson", b'{"type": "FeatureCollection", "features": []}', "no features"),
    ],
)
def test_unusable_files_are_refused_in_plain_english(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ImportFileError, match=message):
        read_source(path)


def test_zip_without_a_shapefile(tmp_path):
    path = tmp_path / "docs.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "no shapes here")
    with pytest.raises(ImportFileError, match=r"holds no Shapefile"):
        read_source(path)


def test_unknown_crs_and_missing_file(tmp_path):
    path = write_asset_file(asset_frame(), tmp_path / "a.geojson")
    with pytest.raises(ImportFileError, match="not a coordinate reference system"):
        read_source(path, crs="EPSG:99999999")
    with pytest.raises(ImportFileError, match="There is no file"):
        read_source(tmp_path / "missing.gpkg")
