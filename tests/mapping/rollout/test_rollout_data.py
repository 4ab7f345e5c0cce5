"""The rollout's open data (CSV, GeoJSON, GeoPackage), its page, and the Atom feeds.

With one application in every state, no file or feed holds anything that is not public.
"""

import csv
import io
import json
import sqlite3
import xml.etree.ElementTree as ET
from datetime import datetime

import geopandas as gpd
import pytest
from django.core.cache import cache
from django.urls import reverse

from applications.models import ApplicationStatus
from applications.public import PUBLIC_COLUMNS

from .rollout_world import world_for_module

pytestmark = pytest.mark.django_db
S = ApplicationStatus
ATOM = "{http://www.w3.org/2005/Atom}"
COLUMNS = list(PUBLIC_COLUMNS)


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    yield from world_for_module(django_db_blocker, tmp_path_factory)


@pytest.fixture(autouse=True)
def _fresh_cache():
    """The rollout's summaries are cached; each test starts without them."""
    cache.clear()


def download(client, file_format: str, **params):
    response = client.get(reverse("rollout:download", args=[file_format]), params)
    assert response.status_code == 200, response.content[:300]
    return response


def test_csv_has_the_documented_columns_and_only_public_sites(client, world):
    response = download(client, "csv", council=world.council.slug)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="glasgow-rollout-')
    text = response.content.decode()
    rows = list(csv.DictReader(io.StringIO(text)))
    assert list(rows[0]) == COLUMNS
    assert {int(r["site_id"]) for r in rows} == world.public_sites
    assert world.leaks(text) == []
    live = next(r for r in rows if int(r["site_id"]) == world.states[S.LIVE].sites.get().pk)
    assert live["status"] == "live" and live["technology"] == "5g" and live["asset_type"] == "lighting_column"
    assert live["ward_code"] == world.centre.code and live["operator"] == world.states[S.LIVE].organisation.name
    assert (float(live["longitude"]), float(live["latitude"])) == (-4.2502, 55.8611)
    assert 259_000 < int(live["easting"]) < 260_000 and 665_000 < int(live["northing"]) < 666_000
    for column in ("approved_on", "licensed_on", "installed_on", "live_on"):
        datetime.strptime(live[column], "%Y-%m-%d")
    approved = next(r for r in rows if int(r["site_id"]) == world.states[S.APPROVED].sites.get().pk)
    assert approved["status"] == "planned" and approved["licensed_on"] == "" and approved["live_on"] == ""


def test_geojson_download(client, world):
    response = download(client, "geojson")
    assert response["Content-Type"] == "application/geo+json"
    body = json.loads(response.content)
    assert body["type"] == "FeatureCollection"
    assert {f["properties"]["site_id"] for f in body["features"]} == world.public_sites
    assert list(body["features"][0]["properties"]) == COLUMNS
    assert body["features"][0]["geometry"]["type"] == "Point"
    assert world.leaks(response.content.decode()) == []


def test_geopackage_download(client, world, tmp_path):
    response = download(client, "gpkg")
    assert response["Content-Type"] == "application/geopackage+sqlite3"
    path = tmp_path / "rollout.gpkg"
    path.write_bytes(response.content)
    frame = gpd.read_file(path, layer="rollout_sites", engine="pyogrio")
    assert list(frame.columns) == [*COLUMNS, "geometry"]
    assert set(frame["site_id"]) == world.public_sites
    assert frame.crs.to_epsg() == 4326
    with sqlite3.connect(path) as db:  # every text value in the file
        tables = [name for (name,) in db.execute("SELECT table_name FROM gpkg_contents")]
        rows = (row for table in tables for row in db.execute(f'SELECT * FROM "{table}"'))  # noqa: S608 - our own file
        values = [str(v) for row in rows for v in row]
    assert world.leaks(" ".join(values)) == []


def test_downloads_follow_the_filters(client, world):
    rows = list(
        csv.DictReader(io.StringIO(download(client, "csv", ward=world.west.code, status="live").content.decode()))
    )
    assert {int(r["site_id"]) for r in rows} == set(world.west_applications[0].sites.values_list("pk", flat=True))
    response = download(client, "csv", ward=world.west.code)
    assert f'filename="glasgow-rollout-{world.west.code}-' in response["Content-Disposition"]


@pytest.mark.parametrize("file_format", ["csv", "geojson", "gpkg"])
def test_an_empty_selection_still_makes_a_file(client, world, file_format):
    response = download(client, file_format, technology="fibre")
    if file_format == "csv":
        assert response.content.decode().strip() == ",".join(COLUMNS)
    elif file_format == "geojson":
        assert json.loads(response.content)["features"] == []
    else:
        assert response.content.startswith(b"SQLite format 3")


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"status": "refused"}, "Choose a status from the list"),
        ({"ward": "S13999999"}, "Choose a ward from the list"),
        ({"operator": "x"}, "Choose an operator from the list"),
    ],
)
def test_a_bad_filter_on_a_download_is_a_400_with_the_reason(client, world, params, message):
    response = client.get(reverse("rollout:download", args=["csv"]), params)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_an_unknown_format_is_404(client, world):
    assert client.get("/rollout/data.xlsx").status_code == 404
    assert client.get("/rollout/data.shp").status_code == 404


def test_open_data_page_documents_licence_columns_and_feeds(client, world):
    response = client.get(reverse("rollout:data"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Open Government Licence v3.0" in html
    assert 'href="https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"' in html
    for column in COLUMNS:
        assert f"<code>{column}</code>" in html
    for file_format in ("csv", "geojson", "gpkg"):
        assert f'href="/rollout/data.{file_format}"' in html
    assert 'href="/rollout/feed/"' in html and f'href="/rollout/wards/{world.centre.code}/feed/"' in html
    assert world.leaks(html) == []


def parse_atom(content: bytes) -> ET.Element:
    feed = ET.fromstring(content)  # noqa: S314 - the portal's own feed, in a test
    assert feed.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated"):
        assert (feed.findtext(f"{ATOM}{required}") or "").strip(), required
    assert feed.find(f"{ATOM}author/{ATOM}name") is not None
    datetime.fromisoformat(feed.findtext(f"{ATOM}updated"))
    for entry in feed.findall(f"{ATOM}entry"):
        for required in ("id", "title", "updated"):
            assert (entry.findtext(f"{ATOM}{required}") or "").strip(), required
        datetime.fromisoformat(entry.findtext(f"{ATOM}updated"))
        assert entry.find(f"{ATOM}link[@rel='alternate']").get("href").startswith("http")
    ids = [entry.findtext(f"{ATOM}id") for entry in feed.findall(f"{ATOM}entry")]
    assert len(ids) == len(set(ids))
    return feed


def test_city_feed_is_atom_with_the_licensed_sites_newest_first(client, world):
    response = client.get(reverse("rollout:feed"), {"council": world.council.slug})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    assert world.leaks(response.content.decode()) == []
    feed = parse_atom(response.content)
    links = [e.find(f"{ATOM}link").get("href") for e in feed.findall(f"{ATOM}entry")]
    licensed = [
        *world.states[S.LICENCE_ISSUED].sites.all(),
        *world.states[S.INSTALLED].sites.all(),
        *world.states[S.LIVE].sites.all(),
        *[site for application in world.west_applications for site in application.sites.all()],
    ]
    assert {link.rsplit("/sites/", 1)[1].strip("/") for link in links} == {str(site.pk) for site in licensed}
    updated = [e.findtext(f"{ATOM}updated") for e in feed.findall(f"{ATOM}entry")]
    assert updated == sorted(updated, reverse=True)
    assert feed.findtext(f"{ATOM}title") == "Newly licensed telecoms sites: Glasgow City Council"
    for link in links:  # each entry opens a public page
        assert client.get(link.replace("http://testserver", "")).status_code == 200


def test_ward_feed_has_the_wards_sites_only(client, world):
    response = client.get(reverse("rollout:ward_feed", args=[world.west.code]))
    feed = parse_atom(response.content)
    assert feed.findtext(f"{ATOM}title") == "Newly licensed telecoms sites: Partick East/Kelvindale"
    expected = {str(site.pk) for application in world.west_applications for site in application.sites.all()}
    found = {e.find(f"{ATOM}link").get("href").rsplit("/sites/", 1)[1].strip("/") for e in feed.findall(f"{ATOM}entry")}
    assert found == expected
    assert world.leaks(response.content.decode()) == []


def test_a_feed_with_no_entries_is_still_valid_atom(client, world):
    from tests.factories import WardFactory

    empty = WardFactory(council=world.centre.council, name="Baillieston")
    feed = parse_atom(client.get(reverse("rollout:ward_feed", args=[empty.code])).content)
    assert feed.findall(f"{ATOM}entry") == []


def test_the_map_geojson_and_the_downloads_are_gzipped_when_accepted(client, world):
    import gzip

    for url in (reverse("rollout:sites_geojson"), reverse("rollout:download", args=["csv"])):
        response = client.get(url, headers={"accept-encoding": "gzip"})
        assert response["Content-Encoding"] == "gzip"
        assert world.leaks(gzip.decompress(response.content).decode()) == []


def test_a_name_that_looks_like_a_formula_is_defused_in_the_csv(client, world):
    organisation = world.states[S.LIVE].organisation
    organisation.name = '=HYPERLINK("http://evil.example","Click")'
    organisation.save()
    rows = list(csv.DictReader(io.StringIO(download(client, "csv").content.decode())))
    (row,) = [r for r in rows if r["operator"].endswith('"Click")')]
    assert row["operator"] == "'" + organisation.name
    assert float(row["longitude"]) < 0  # numbers keep their sign
