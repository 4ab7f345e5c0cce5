"""Real clients read the service: GDAL's OAPIF driver (through pyogrio's GDAL) and OWSLib's ogcapi.features.

Each runs against pytest-django's live server; the counts must equal the finder's and the rollout's.
GDAL runs in a child process: pyogrio holds the interpreter lock while GDAL fetches, so the
live server's thread in this process could not answer it.
"""

import json
import subprocess
import sys
from urllib.parse import unquote_plus

import pytest
from django.core.signals import request_started
from owslib.ogcapi.features import Features

from applications.public import public_sites
from sites.filters import AssetSearchFilterSet
from tests.factories import AssetFactory, WardFactory, valley_council

pytestmark = pytest.mark.django_db(transaction=True)
COLUMNS = 7


@pytest.fixture
def service(live_server, glasgow):
    WardFactory(council=glasgow, code="S13002917", name="Anderston/City/Yorkhill")
    for i in range(COLUMNS):
        AssetFactory(council=glasgow, reference=f"LC-{i}", height_m=5 + i,
                     geometry={"type": "Point", "coordinates": [-4.2502 + i * 0.001, 55.8611]})  # fmt: skip
    return f"{live_server.url}/ogc/"


GDAL_READ = """
import json, sys
import pyogrio
url, layer, options = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
if layer == "":
    print(json.dumps([name for name, _ in pyogrio.list_layers(url)]))
else:
    if "bbox" in options:
        options["bbox"] = tuple(options["bbox"])
    frame = pyogrio.read_dataframe(url, layer=layer, **options)
    print(json.dumps({
        "references": sorted(frame["reference"]) if "reference" in frame else [],
        "count": len(frame),
        "epsg": frame.crs.to_epsg() if frame.crs else None,
        "min_xy": [float(v) for v in frame.total_bounds[:2]] if len(frame) else None,
    }))
"""


def gdal(service: str, layer: str = "", **options):
    """What GDAL's OAPIF driver reads of the service (layer "" lists the layers)."""
    result = subprocess.run(  # noqa: S603 -- our own interpreter and script
        [sys.executable, "-c", GDAL_READ, f"OAPIF:{service}", layer, json.dumps(options)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return json.loads(result.stdout)


def finder_count(council, **params) -> int:
    return AssetSearchFilterSet({"asset_type": "lighting_column", **params}, user=None, council=council).qs.count()


def test_gdal_lists_the_collections_and_counts_features(service, glasgow):
    layers = gdal(service)
    assert {"lighting_column", "wards", "rollout"} <= set(layers)
    assert "duct_chamber" not in layers
    columns = gdal(service, "lighting_column")
    assert columns["count"] == finder_count(glasgow) == COLUMNS
    assert columns["references"] == [f"LC-{i}" for i in range(COLUMNS)]
    assert gdal(service, "rollout")["count"] == public_sites(council=glasgow).count()
    assert gdal(service, "wards")["count"] == 1


def test_gdal_reads_british_national_grid(service):
    columns = gdal(service, "lighting_column", CRS="EPSG:27700")  # an open option
    assert columns["epsg"] == 27700
    x, y = columns["min_xy"]
    assert 250_000 < x < 270_000 and 660_000 < y < 670_000


@pytest.fixture
def queries():
    """The query strings of the requests the live server answers."""
    seen: list[str] = []

    def record(sender, environ, **kwargs):
        seen.append(environ["PATH_INFO"] + "?" + unquote_plus(environ.get("QUERY_STRING", "")))

    request_started.connect(record)
    yield seen
    request_started.disconnect(record)


def test_gdal_applies_a_cql2_filter_on_the_server(service, glasgow, queries):
    assert gdal(service, "lighting_column", where="height_m > 8")["references"] == ["LC-4", "LC-5", "LC-6"]
    assert any("filter=" in q and "height_m" in q for q in queries), queries
    box = "-4.2505,55.86,-4.2475,55.862"
    assert gdal(service, "lighting_column", bbox=[float(v) for v in box.split(",")])["count"] == 3
    assert finder_count(glasgow, bbox=box) == 3


def test_owslib_reads_the_same(service, glasgow):
    api = Features(service)
    assert "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core" in api.conformance()["conformsTo"]
    ids = [c["id"] for c in api.collections()["collections"]]
    assert "lighting_column" in ids and "duct_chamber" not in ids
    items = api.collection_items("lighting_column", limit=3)
    assert (items["numberMatched"], items["numberReturned"]) == (finder_count(glasgow), 3)
    filtered = api.collection_items("lighting_column", filter="height_m > 8")
    assert filtered["numberMatched"] == 3
    assert "height_m" in api.collection_queryables("lighting_column")["properties"]


def test_gdal_reads_one_councils_own_service(service, live_server):
    valley = valley_council()
    AssetFactory(council=valley, reference="CV-1", geometry={"type": "Point", "coordinates": [-3.95, 55.84]})
    own = gdal(f"{live_server.url}/ogc/councils/{valley.slug}/", "lighting_column")
    assert own["references"] == ["CV-1"] and own["count"] == finder_count(valley) == 1
    assert gdal(service, "lighting_column")["count"] == COLUMNS  # the default service is still Glasgow's alone
