"""ogcapi Part 2 CRS: crs and bbox-crs in CRS84 and EPSG:27700 (easting, northing), Content-Crs, storageCrs."""

import json

import pytest
from django.urls import reverse
from pyproj import Transformer

from ogcapi.crs import BNG, CRS84
from tests.factories import AssetFactory, WardFactory, square

pytestmark = pytest.mark.django_db
CENTRE = (-4.2502, 55.8611)
TO_BNG = Transformer.from_crs("EPSG:4326", "EPSG:27700", always_xy=True)


def items(client, collection="lighting_column", **params):
    response = client.get(reverse("ogcapi:items", kwargs={"collection_id": collection}), params)
    assert response.status_code == 200, response.content[:300]
    return response, json.loads(response.content)


@pytest.fixture
def register(glasgow):
    WardFactory(council=glasgow, code="S13002917")
    AssetFactory(council=glasgow, reference="LC-1", geometry={"type": "Point", "coordinates": list(CENTRE)})
    AssetFactory(council=glasgow, reference="LC-2", geometry={"type": "Point", "coordinates": [-4.30, 55.87]})
    return glasgow


def test_collections_offer_both_and_store_crs84(client, register):
    collection = json.loads(
        client.get(reverse("ogcapi:collection", kwargs={"collection_id": "lighting_column"})).content
    )
    assert collection["crs"] == [CRS84, BNG]
    assert collection["storageCrs"] == CRS84
    collections = json.loads(client.get(reverse("ogcapi:collections")).content)
    assert collections["crs"] == [CRS84, BNG]


@pytest.mark.parametrize("spelling", [BNG, "EPSG:27700", "[EPSG:27700]"])
def test_crs_27700_answers_easting_then_northing(client, register, spelling):
    response, document = items(client, crs=spelling)
    assert response["Content-Crs"] == f"<{BNG}>"
    easting, northing = document["features"][0]["geometry"]["coordinates"]
    expected = TO_BNG.transform(*CENTRE)
    assert easting == pytest.approx(expected[0], abs=0.01)
    assert northing == pytest.approx(expected[1], abs=0.01)
    assert 250_000 < easting < 270_000 and 660_000 < northing < 670_000  # Glasgow, not swapped


def test_a_feature_in_27700(client, register):
    _, document = items(client)
    feature_id = document["features"][0]["id"]
    url = reverse("ogcapi:item", kwargs={"collection_id": "lighting_column", "feature_id": feature_id})
    response = client.get(url, {"crs": BNG})
    assert response["Content-Crs"] == f"<{BNG}>"
    assert json.loads(response.content)["geometry"]["coordinates"][0] > 250_000


def test_shapes_and_wards_are_reprojected(client, glasgow):
    AssetFactory(council=glasgow, reference="RT-1", asset_type_id=_type("building_rooftop"),
                 geometry=square(-4.2550, 55.8600, half=0.0002))  # fmt: skip
    WardFactory(council=glasgow, code="S13002918")
    _, roof = items(client, "building_rooftop", crs=BNG)
    ring = roof["features"][0]["geometry"]["coordinates"][0]
    assert all(250_000 < x < 270_000 and 660_000 < y < 670_000 for x, y in ring)
    _, wards = items(client, "wards", crs=BNG)
    x, y = wards["features"][0]["geometry"]["coordinates"][0][0][0]
    assert 200_000 < x < 300_000 and 600_000 < y < 700_000


def _type(code):
    from sites.models import AssetType

    return AssetType.objects.get(code=code).pk


def test_bbox_crs_27700_selects_the_same_as_the_crs84_box(client, register):
    e, n = TO_BNG.transform(*CENTRE)
    _, in_grid = items(client, **{"bbox": f"{e - 100},{n - 100},{e + 100},{n + 100}", "bbox-crs": BNG})
    assert [f["properties"]["reference"] for f in in_grid["features"]] == ["LC-1"]
    assert in_grid["numberMatched"] == 1
    _, elsewhere = items(client, **{"bbox": f"{e + 50},{n + 50},{e + 100},{n + 100}", "bbox-crs": "EPSG:27700"})
    assert elsewhere["numberMatched"] == 0


def test_bbox_crs_27700_on_wards(client, register):
    e, n = TO_BNG.transform(*CENTRE)
    _, wards = items(client, "wards", **{"bbox": f"{e - 10},{n - 10},{e + 10},{n + 10}", "bbox-crs": BNG})
    assert wards["numberMatched"] == 1
