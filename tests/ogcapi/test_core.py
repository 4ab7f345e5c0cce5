"""ogcapi Part 1 Core: each conformance class path by path, paging, bbox, who sees which collection, bad input."""

import json
from urllib.parse import unquote

import pytest
from django.urls import resolve, reverse

from ogcapi.conformance import CONFORMANCE
from ogcapi.params import DEFAULT_LIMIT, MAX_LIMIT
from sites.filters import AssetSearchFilterSet
from sites.models import AssetType
from tests.factories import AssetFactory, OfficerFactory, SupplierFactory, WardFactory, square

pytestmark = pytest.mark.django_db
CENTRE = (-4.2502, 55.8611)
CITY_CENTRE_VIEW = "-4.262,55.858,-4.248,55.864"


def get(client, name, params=None, accept="application/json", **kwargs):
    return client.get(reverse(f"ogcapi:{name}", kwargs=kwargs), params or {}, HTTP_ACCEPT=accept)


def body(response) -> dict:
    assert response.status_code == 200, response.content[:500]
    return json.loads(response.content)


def rels(document) -> dict[str, list[dict]]:
    found: dict[str, list[dict]] = {}
    for link in document["links"]:
        found.setdefault(link["rel"], []).append(link)
    return found


@pytest.fixture
def register(glasgow):
    ward = WardFactory(council=glasgow, code="S13002917", name="Anderston/City/Yorkhill")
    AssetFactory(council=glasgow, reference="LC-1", name="Column 1", street="George Street",
                 geometry={"type": "Point", "coordinates": list(CENTRE)}, height_m=8)  # fmt: skip
    AssetFactory(council=glasgow, reference="LC-2", geometry={"type": "Point", "coordinates": [-4.30, 55.87]})
    roof = AssetType.objects.get(code="building_rooftop")
    AssetFactory(council=glasgow, reference="RT 2/B", name="Roof", asset_type=roof,
                 geometry=square(-4.2550, 55.8600, half=0.0002), height_m=21.5)  # fmt: skip
    AssetFactory(council=glasgow, reference="DC-3", asset_type=AssetType.objects.get(code="duct_chamber"),
                 geometry={"type": "Point", "coordinates": [-4.2520, 55.8620]})  # fmt: skip
    return ward


# /req/core/root-success, /req/oas30, /req/core/conformance-success -----------------------


def test_landing_page_links_to_the_api_conformance_and_collections(client, register):
    document = body(get(client, "landing"))
    found = rels(document)
    assert found["service-desc"][0]["type"] == "application/vnd.oai.openapi+json;version=3.0"
    assert found["service-desc"][0]["href"].endswith("/ogc/api")
    assert found["conformance"][0]["href"].endswith("/ogc/conformance")
    assert found["data"][0]["href"].endswith("/ogc/collections")
    assert found["self"][0]["type"] == "application/json"
    assert found["alternate"][0]["type"] == "text/html"


def test_conformance_lists_the_classes_implemented(client, register):
    document = body(get(client, "conformance"))
    assert document["conformsTo"] == CONFORMANCE
    for part in ("core", "oas30", "html", "geojson"):
        assert f"http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/{part}" in document["conformsTo"]


def test_openapi_document_describes_every_path_and_parameter(client, register):
    response = get(client, "api")
    assert response["Content-Type"] == "application/vnd.oai.openapi+json;version=3.0"
    document = body(response)
    assert document["openapi"].startswith("3.0")
    assert set(document["paths"]) == {
        "/",
        "/conformance",
        "/api",
        "/collections",
        "/collections/{collectionId}",
        "/collections/{collectionId}/items",
        "/collections/{collectionId}/queryables",
        "/collections/{collectionId}/sortables",
        "/collections/{collectionId}/items/{featureId}",
    }
    items = document["paths"]["/collections/{collectionId}/items"]["get"]
    names = {p["name"] for p in items["parameters"]}
    assert {
        "collectionId",
        "limit",
        "offset",
        "bbox",
        "bbox-crs",
        "crs",
        "datetime",
        "filter",
        "filter-lang",
        "sortby",
        "properties",
        "f",
    } <= names
    limit = next(p for p in items["parameters"] if p["name"] == "limit")
    assert (limit["schema"]["default"], limit["schema"]["maximum"]) == (DEFAULT_LIMIT, MAX_LIMIT)
    assert document["servers"][0]["url"].endswith("/ogc")


# /req/core/fc-md-success, /req/core/sfc-md-success ----------------------------------------


def test_collections_public_sees_public_types_wards_and_rollout(client, register):
    document = body(get(client, "collections"))
    ids = [c["id"] for c in document["collections"]]
    public = list(AssetType.objects.filter(visibility="public").order_by("name").values_list("code", flat=True))
    assert ids == [*public, "wards", "rollout"]
    assert "duct_chamber" not in ids
    lighting = next(c for c in document["collections"] if c["id"] == "lighting_column")
    assert lighting["itemType"] == "feature"
    assert {link["type"] for link in lighting["links"] if link["rel"] == "items"} == {
        "application/geo+json",
        "text/html",
    }
    assert lighting["extent"]["spatial"]["bbox"][0] == list(register.council.bounds)


@pytest.mark.parametrize("user_factory", [SupplierFactory, OfficerFactory])
def test_signed_in_users_see_restricted_types_as_the_finder_does(client, register, user_factory):
    client.force_login(user_factory(**({"council": register.council} if user_factory is OfficerFactory else {})))
    ids = [c["id"] for c in body(get(client, "collections"))["collections"]]
    assert "duct_chamber" in ids
    assert body(get(client, "items", collection_id="duct_chamber"))["numberMatched"] == 1


def test_restricted_collection_is_not_found_for_the_public(client, register):
    for name, kwargs in (("collection", {}), ("items", {}), ("item", {"feature_id": "1"})):
        response = get(client, name, collection_id="duct_chamber", **kwargs)
        assert response.status_code == 404
        assert json.loads(response.content)["code"] == "NotFound"


def test_collection_describes_itself(client, register):
    document = body(get(client, "collection", collection_id="lighting_column"))
    assert document["id"] == "lighting_column"
    assert document["title"] == "Lighting column"
    assert rels(document)["self"][0]["href"].startswith("http://testserver/ogc/collections/lighting_column")


def test_unknown_collection_is_404_json(client, register):
    response = get(client, "collection", collection_id="nonsense")
    assert response.status_code == 404
    assert json.loads(response.content) == {"code": "NotFound", "description": "There is no collection 'nonsense'."}


# /req/core/fc-response, /req/geojson -------------------------------------------------------


def test_items_are_geojson_with_counts_and_links(client, register):
    response = get(client, "items", collection_id="lighting_column")
    assert response["Content-Type"] == "application/geo+json"
    assert response["Content-Crs"] == "<http://www.opengis.net/def/crs/OGC/1.3/CRS84>"
    document = body(response)
    assert document["type"] == "FeatureCollection"
    assert (document["numberMatched"], document["numberReturned"]) == (2, 2)
    assert "timeStamp" in document
    column = document["features"][0]
    assert column["geometry"] == {"type": "Point", "coordinates": list(CENTRE)}
    assert column["properties"]["reference"] == "LC-1"
    assert column["properties"]["ward"] == "Anderston/City/Yorkhill"
    assert column["properties"]["url"] == "/sites/glasgow/LC-1/"
    assert "next" not in rels(document) and "prev" not in rels(document)


def test_a_shape_keeps_its_stored_geometry(client, register):
    document = body(get(client, "items", collection_id="building_rooftop"))
    assert document["features"][0]["geometry"]["type"] == "Polygon"
    url = document["features"][0]["properties"]["url"]
    assert url == reverse("finder:detail", args=["glasgow", "RT 2/B"]) == "/sites/glasgow/RT%202/B/"
    assert resolve(unquote(url)).kwargs == {"council": "glasgow", "reference": "RT 2/B"}


def test_bbox_matches_the_finders_count(client, register):
    document = body(get(client, "items", {"bbox": CITY_CENTRE_VIEW}, collection_id="lighting_column"))
    assert [f["properties"]["reference"] for f in document["features"]] == ["LC-1"]
    finder = AssetSearchFilterSet(
        {"bbox": CITY_CENTRE_VIEW, "asset_type": "lighting_column"}, user=None, council=register.council
    )
    assert document["numberMatched"] == finder.qs.count() == 1


def test_next_and_prev_page_through_every_feature_exactly_once(client, glasgow):
    for i in range(23):
        AssetFactory(council=glasgow, reference=f"P-{i:02d}", geometry={"type": "Point", "coordinates": [-4.25, 55.86]})
    seen, url, pages = [], reverse("ogcapi:items", kwargs={"collection_id": "lighting_column"}) + "?limit=5", 0
    while url:
        document = body(client.get(url, HTTP_ACCEPT="application/geo+json"))
        assert document["numberMatched"] == 23
        seen += [f["properties"]["reference"] for f in document["features"]]
        pages += 1
        nexts = rels(document).get("next")
        url = nexts[0]["href"] if nexts else None
        if pages > 1:
            assert rels(document)["prev"][0]["type"] == "application/geo+json"
    assert pages == 5
    assert seen == sorted(f"P-{i:02d}" for i in range(23))
    back = body(client.get(document["links"][-1]["href"], HTTP_ACCEPT="application/geo+json"))
    assert [f["properties"]["reference"] for f in back["features"]] == seen[15:20]


def test_limit_default_and_maximum(client, glasgow):
    for i in range(DEFAULT_LIMIT + 1):
        AssetFactory(council=glasgow, reference=f"L-{i:03d}", geometry={"type": "Point", "coordinates": [-4.25, 55.86]})
    assert body(get(client, "items", collection_id="lighting_column"))["numberReturned"] == DEFAULT_LIMIT
    assert body(get(client, "items", {"limit": MAX_LIMIT}, collection_id="lighting_column"))["numberReturned"] == 101


def test_offset_past_the_end_still_counts(client, register):
    document = body(get(client, "items", {"offset": 50}, collection_id="lighting_column"))
    assert (document["numberMatched"], document["numberReturned"]) == (2, 0)
    assert rels(document)["prev"]


@pytest.mark.parametrize(
    ("params", "named"),
    [
        ({"limit": "0"}, "limit"),
        ({"limit": str(MAX_LIMIT + 1)}, "limit"),
        ({"limit": "ten"}, "limit"),
        ({"offset": "-1"}, "offset"),
        ({"bbox": "1,2,3"}, "bbox"),
        ({"bbox": "a,b,c,d"}, "bbox"),
        ({"bbox": "-4.2,55.9,-4.3,55.8"}, "bbox"),
        ({"bbox": "-4.2,95,-4.1,96"}, "bbox"),
        ({"bbox": "-40,50,0,60"}, "bbox"),
        ({"crs": "EPSG:3857"}, "crs"),
        ({"bbox-crs": "nonsense"}, "bbox-crs"),
        ({"datetime": "2025-01-01"}, "datetime"),
        ({"f": "xml"}, "f"),
    ],
)
def test_bad_parameters_are_400_exceptions_naming_them(client, register, params, named):
    response = get(client, "items", params, collection_id="lighting_column")
    assert response.status_code == 400
    error = json.loads(response.content)
    assert error["code"] == "InvalidParameterValue"
    assert error["description"].startswith(f"Parameter {named}:")


# /req/core/f-success -----------------------------------------------------------------------


def test_one_feature_by_id(client, register):
    first = body(get(client, "items", collection_id="lighting_column"))["features"][0]
    response = get(client, "item", collection_id="lighting_column", feature_id=str(first["id"]))
    assert response["Content-Type"] == "application/geo+json"
    feature = body(response)
    assert (feature["id"], feature["properties"]) == (first["id"], first["properties"])
    assert rels(feature)["collection"][0]["href"].endswith("/ogc/collections/lighting_column")


def test_a_feature_of_another_collection_or_restricted_is_404(client, register):
    duct = AssetType.objects.get(code="duct_chamber").assets.get()
    roof = AssetType.objects.get(code="building_rooftop").assets.get()
    for feature_id in (str(duct.pk), str(roof.pk), "abc", "999999"):
        assert get(client, "item", collection_id="lighting_column", feature_id=feature_id).status_code == 404


def test_wards_collection(client, register):
    document = body(get(client, "items", collection_id="wards"))
    assert document["numberMatched"] == 1
    ward = document["features"][0]
    assert (ward["id"], ward["properties"]) == ("S13002917", {"code": "S13002917", "name": "Anderston/City/Yorkhill"})
    assert body(get(client, "item", collection_id="wards", feature_id="S13002917"))["id"] == "S13002917"
    far = body(get(client, "items", {"bbox": "-3.0,55.0,-2.9,55.1"}, collection_id="wards"))
    assert far["numberMatched"] == 0


# /req/html ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "kwargs", "text"),
    [
        ("landing", {}, "GIS access (OGC API - Features)"),
        ("conformance", {}, "Conformance classes"),
        ("api", {}, "/collections/{collectionId}/items"),
        ("collections", {}, "Lighting column"),
        ("collection", {"collection_id": "lighting_column"}, "Browse the features"),
        ("items", {"collection_id": "lighting_column"}, "Features 1 to 2 of 2"),
    ],
)
def test_html_in_the_portal_layout(client, register, name, kwargs, text):
    response = get(client, name, accept="text/html,application/xhtml+xml,*/*;q=0.8", **kwargs)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    page = response.content.decode()
    assert text in page
    assert 'class="govuk-template"' in page
    assert body(get(client, name, {"f": "json"}, accept="text/html", **kwargs))


def test_feature_html(client, register):
    first = body(get(client, "items", collection_id="lighting_column"))["features"][0]
    response = get(client, "item", {"f": "html"}, collection_id="lighting_column", feature_id=str(first["id"]))
    assert "George Street" in response.content.decode()
