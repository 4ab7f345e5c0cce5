"""/sites/export.<csv|geojson|gpkg>: the page's results as files that geopandas reads back equal, the
same visibility, content types and names, the cap, and bad input refused in plain English."""

import io

import geopandas as gpd
import pandas as pd
import pytest
import shapely
from shapely.geometry import shape

from sites.models import Asset
from tests.factories import OfficerFactory, SupplierFactory

from .site_finder_data import CENTRE, build_register, references, url

pytestmark = pytest.mark.django_db

SEARCH = {"where": "radius", "near": f"{CENTRE[0]},{CENTRE[1]}", "radius": "3000", "min_height": "3"}


@pytest.fixture
def register(glasgow):
    return build_register(glasgow)


def read(response, fmt: str, tmp_path):
    if fmt == "csv":
        return pd.read_csv(io.BytesIO(response.content))
    path = tmp_path / f"export.{fmt}"
    path.write_bytes(response.content)
    return gpd.read_file(path, engine="pyogrio")


@pytest.mark.parametrize(
    ("fmt", "content_type"),
    [
        ("csv", "text/csv; charset=utf-8"),
        ("geojson", "application/geo+json"),
        ("gpkg", "application/geopackage+sqlite3"),
    ],
)
def test_each_export_reads_back_equal_to_the_results(client, register, tmp_path, fmt, content_type):
    page = client.get(url(params=SEARCH))
    expected = references(page)
    assert expected == ["LC-A", "BS-B", "CC-C", "RT-D", "LC-F"]  # by distance, heights 3 and more
    response = client.get(url(f"/sites/export.{fmt}", SEARCH))
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"].startswith('attachment; filename="glasgow-sites-')
    assert response["Content-Disposition"].endswith(f'.{fmt}"')
    assert response["X-Result-Count"] == "5"
    frame = read(response, fmt, tmp_path)
    assert list(frame["reference"]) == expected  # the same sites, in the same order
    assets = {a.reference: a for a in Asset.objects.filter(reference__in=expected)}
    for row in frame.itertuples():
        asset = assets[row.reference]
        assert row.asset_type == asset.asset_type.code
        assert row.easting == pytest.approx(asset.easting) and row.northing == pytest.approx(asset.northing)
        if fmt == "csv":
            assert (row.longitude, row.latitude) == pytest.approx((asset.longitude, asset.latitude))
        else:
            assert shapely.equals_exact(row.geometry, shape(asset.geometry), tolerance=1e-7)


def test_the_export_link_on_the_page_carries_the_search(client, register):
    html = client.get(url(params={**SEARCH, "page": "1"})).content.decode()
    link = "/sites/export.gpkg?where=radius&amp;near=-4.2502%2C55.8611&amp;radius=3000&amp;min_height=3"
    assert f'href="{link}"' in html


@pytest.mark.parametrize(("make", "has_duct"), [(None, False), (SupplierFactory, True)])
def test_exports_follow_the_same_visibility(client, register, tmp_path, make, has_duct):
    if make:
        client.force_login(make())
    frame = read(client.get("/sites/export.geojson"), "geojson", tmp_path)
    assert ("DC-G" in set(frame["reference"])) is has_duct
    response = client.get("/sites/export.csv")
    assert "private" in response["Cache-Control"] and "Cookie" in response["Vary"]


def test_an_empty_result_exports_an_empty_file(client, register, tmp_path):
    for fmt in ("csv", "geojson", "gpkg"):
        response = client.get(url(f"/sites/export.{fmt}", {"q": "nothing matches this"}))
        assert response.status_code == 200, fmt
        assert len(read(response, fmt, tmp_path)) == 0


def test_too_many_results_are_refused_with_a_clear_message(client, register, settings):
    settings.SITE_SEARCH = {**settings.SITE_SEARCH, "MAX_EXPORT_ROWS": 5}
    response = client.get("/sites/export.csv")
    assert response.status_code == 400
    html = response.content.decode()
    assert "These results hold more than 5 sites, and an export holds at most 5." in html
    assert "Narrow the search" in html and 'href="/sites/">Back to the search' in html
    page = client.get("/sites/").content.decode()
    assert "Downloads hold at most 5 sites: narrow the search" in page and "/sites/export.csv" not in page
    assert client.get(url("/sites/export.csv", {"asset_type": "lighting_column"})).status_code == 200


@pytest.mark.parametrize(
    "params", [{"min_height": "tall"}, {"where": "area", "within": "nonsense"}, {"asset_type": "duct_chamber"}]
)
def test_bad_searches_are_refused_in_plain_english(client, register, params):
    response = client.get(url("/sites/export.geojson", params))
    assert response.status_code == 400
    assert "These results cannot be downloaded" in response.content.decode()


def test_unknown_formats_are_not_found(client, register):
    for path in ["/sites/export.xlsx", "/sites/export.shp", "/sites/export."]:
        assert client.get(path).status_code == 404


@pytest.mark.parametrize("make", [None, SupplierFactory, OfficerFactory], ids=["public", "supplier", "officer"])
def test_the_councils_notes_are_exported_to_its_staff_only(client, register, glasgow, make):
    Asset.objects.filter(council=glasgow).update(notes="Internal: cabinet key held at depot 4")
    if make is not None:
        client.force_login(make(council=glasgow) if make is OfficerFactory else make())
    response = client.get(url("/sites/export.csv"))
    assert response.status_code == 200
    text = response.content.decode()
    assert ("cabinet key" in text) is (make is OfficerFactory)
    assert ("notes" in text.splitlines()[0].split(",")) is (make is OfficerFactory)
