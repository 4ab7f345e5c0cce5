"""ogcapi Part 3: queryables, CQL2 text and JSON filters, S_INTERSECTS, and bad filters answering 400."""

import json

import pytest
from django.urls import reverse
from pyproj import Transformer

from ogcapi.crs import BNG
from sites.filters import AssetSearchFilterSet
from sites.models import AssetType
from tests.factories import AssetFactory, WardFactory, square

pytestmark = pytest.mark.django_db
TO_BNG = Transformer.from_crs("EPSG:4326", "EPSG:27700", always_xy=True)


def point(lon, lat):
    return {"type": "Point", "coordinates": [lon, lat]}


@pytest.fixture
def register(glasgow):
    ward = WardFactory(council=glasgow, code="S13002917", name="Anderston/City/Yorkhill")
    AssetFactory(council=glasgow, reference="LC-1", name="Column One", street="George Street", height_m=8,
                 geometry=point(-4.2502, 55.8611))  # fmt: skip
    AssetFactory(council=glasgow, reference="LC-2", name="Column Two", street="Argyle Street", height_m=12,
                 geometry=point(-4.2560, 55.8590))  # fmt: skip
    AssetFactory(council=glasgow, reference="LC-3", name="Tall_Mast", street="Byres Road", height_m=None,
                 geometry=point(-4.2930, 55.8740), availability="unavailable",
                 unavailable_reason="Repairs")  # fmt: skip
    roof = AssetType.objects.get(code="building_rooftop")
    AssetFactory(council=glasgow, reference="RT-1", name="Roof", asset_type=roof,
                 geometry=square(-4.2550, 55.8600, half=0.0005))  # fmt: skip
    return ward


def items(client, filter_, collection="lighting_column", **params):
    url = reverse("ogcapi:items", kwargs={"collection_id": collection})
    return client.get(url, {"filter": filter_, **params})


def found(client, filter_, collection="lighting_column", **params) -> list[str]:
    response = items(client, filter_, collection, **params)
    assert response.status_code == 200, response.content[:400]
    document = json.loads(response.content)
    assert document["numberMatched"] == len(document["features"])
    return [f["properties"].get("reference", f["id"]) for f in document["features"]]


def test_queryables_are_a_json_schema(client, register):
    response = client.get(reverse("ogcapi:queryables", kwargs={"collection_id": "lighting_column"}))
    assert response["Content-Type"] == "application/schema+json"
    schema = json.loads(response.content)
    assert schema["type"] == "object" and schema["additionalProperties"] is False
    assert schema["$id"].endswith("/ogc/collections/lighting_column/queryables")
    assert schema["properties"]["height_m"]["type"] == "number"
    assert schema["properties"]["geometry"]["format"] == "geometry-any"
    assert {"reference", "name", "street", "ward", "availability"} <= set(schema["properties"])
    collection = json.loads(client.get(reverse("ogcapi:collection", kwargs={"collection_id": "rollout"})).content)
    assert any(link["rel"].endswith("/queryables") for link in collection["links"])
    html = client.get(reverse("ogcapi:queryables", kwargs={"collection_id": "rollout"}), {"f": "html"})
    assert "technology" in html.content.decode()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("height_m > 8", ["LC-2"]),
        ("height_m >= 8", ["LC-1", "LC-2"]),
        ("height_m < 12", ["LC-1"]),
        ("height_m <= 12 AND height_m <> 8", ["LC-2"]),
        ("8 < height_m", ["LC-2"]),
        ("reference = 'LC-3'", ["LC-3"]),
        ("height_m <> 8", ["LC-2"]),  # NULL is unknown, not different
        ("name LIKE 'Column%'", ["LC-1", "LC-2"]),
        ("name LIKE 'column%'", []),  # LIKE is case-sensitive
        ("name LIKE 'Column T_o'", ["LC-2"]),
        ("name LIKE 'Tall\\_Mast'", ["LC-3"]),
        ("name NOT LIKE 'Column%'", ["LC-3"]),
        ("street IN ('George Street', 'Byres Road')", ["LC-1", "LC-3"]),
        ("street NOT IN ('George Street')", ["LC-2", "LC-3"]),
        ("height_m BETWEEN 7 AND 9", ["LC-1"]),
        ("height_m NOT BETWEEN 7 AND 9", ["LC-2"]),
        ("height_m IS NULL", ["LC-3"]),
        ("height_m IS NOT NULL", ["LC-1", "LC-2"]),
        ("availability = 'unavailable' OR height_m = 8", ["LC-1", "LC-3"]),
        ("NOT (height_m = 8)", ["LC-2", "LC-3"]),
        ("ward = 'Anderston/City/Yorkhill' AND ward_code = 'S13002917'", ["LC-1", "LC-2"]),
        ("S_INTERSECTS(geometry, POINT(-4.2502 55.8611))", ["LC-1"]),
        ("S_INTERSECTS(geometry, BBOX(-4.26, 55.85, -4.25, 55.87))", ["LC-1", "LC-2"]),
        (
            "S_INTERSECTS(geometry, POLYGON((-4.30 55.87, -4.28 55.87, -4.28 55.88, -4.30 55.88, -4.30 55.87)))",
            ["LC-3"],
        ),
        ("S_INTERSECTS(geometry, BBOX(-4.26, 55.85, -4.25, 55.87)) AND height_m > 10", ["LC-2"]),
        ("NOT S_INTERSECTS(geometry, BBOX(-4.26, 55.85, -4.25, 55.87))", ["LC-3"]),
    ],
)
def test_cql2_text(client, register, text, expected):
    assert found(client, text) == expected


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ({"op": ">", "args": [{"property": "height_m"}, 8]}, ["LC-2"]),
        ({"op": "like", "args": [{"property": "name"}, "Column%"]}, ["LC-1", "LC-2"]),
        ({"op": "in", "args": [{"property": "street"}, ["George Street", "Byres Road"]]}, ["LC-1", "LC-3"]),
        ({"op": "between", "args": [{"property": "height_m"}, 7, 9]}, ["LC-1"]),
        ({"op": "isNull", "args": [{"property": "height_m"}]}, ["LC-3"]),
        ({"op": "not", "args": [{"op": "isNull", "args": [{"property": "height_m"}]}]}, ["LC-1", "LC-2"]),
        (
            {"op": "s_intersects", "args": [{"property": "geometry"}, {"bbox": [-4.26, 55.85, -4.25, 55.87]}]},
            ["LC-1", "LC-2"],
        ),
        ({"op": "s_intersects", "args": [{"property": "geometry"}, point(-4.2502, 55.8611)]}, ["LC-1"]),
        (
            {
                "op": "or",
                "args": [
                    {"op": "=", "args": [{"property": "reference"}, "LC-3"]},
                    {"op": "=", "args": [{"property": "height_m"}, 12]},
                ],
            },
            ["LC-2", "LC-3"],
        ),  # fmt: skip
    ],
)
def test_cql2_json(client, register, expression, expected):
    assert found(client, json.dumps(expression), **{"filter-lang": "cql2-json"}) == expected


def test_an_area_filter_counts_as_the_finders_drawn_area(client, register):
    polygon = {"type": "Polygon", "coordinates": [[[-4.26, 55.85], [-4.25, 55.85], [-4.25, 55.87], [-4.26, 55.85]]]}
    expression = {"op": "s_intersects", "args": [{"property": "geometry"}, polygon]}
    mine = found(client, json.dumps(expression), "building_rooftop", **{"filter-lang": "cql2-json"})
    finder = AssetSearchFilterSet(
        {"within": json.dumps(polygon), "asset_type": "building_rooftop"}, user=None, council=register.council
    )
    assert len(mine) == finder.qs.count() == 1


def test_filter_crs_27700(client, register):
    e, n = TO_BNG.transform(-4.2502, 55.8611)
    text = f"S_INTERSECTS(geometry, BBOX({e - 20}, {n - 20}, {e + 20}, {n + 20}))"
    assert found(client, text, **{"filter-crs": BNG}) == ["LC-1"]


def test_rollout_and_wards_filters(client, register):
    assert found(client, "code = 'S13002917'", "wards") == ["S13002917"]
    assert found(client, "S_INTERSECTS(geometry, POINT(-3.0 55.0))", "wards") == []
    assert found(client, "status IN ('planned', 'live')", "rollout") == []


@pytest.mark.parametrize(
    ("params", "says"),
    [
        ({"filter": "height_m >"}, "not CQL2 text"),
        ({"filter": "colour = 'red'"}, "no property 'colour'"),
        ({"filter": "height_m = 'tall'"}, "a number"),
        ({"filter": "name = 5"}, "a 'quoted' string"),
        ({"filter": "S_WITHIN(geometry, POINT(-4.25 55.86))"}, "S_INTERSECTS"),
        ({"filter": "S_INTERSECTS(geometry, POINT(400 55))"}, "outside the world"),
        ({"filter": "S_INTERSECTS(geometry, BBOX(1, 2, 0, 1))"}, "BBOX"),
        ({"filter": "CASEI(name) = 'x'"}, "function"),
        ({"filter": "{", "filter-lang": "cql2-json"}, "not JSON"),
        ({"filter": '{"op": "nonsense", "args": []}', "filter-lang": "cql2-json"}, "not a CQL2"),
        ({"filter": "5", "filter-lang": "cql2-json"}, "a condition"),
        ({"filter": "height_m > 1", "filter-lang": "cql3"}, "filter-lang"),
        ({"filter": "x" * 20_001}, "too long"),
    ],
)
def test_bad_filters_answer_400_naming_the_problem(client, register, params, says):
    response = client.get(reverse("ogcapi:items", kwargs={"collection_id": "lighting_column"}), params)
    assert response.status_code == 400
    error = json.loads(response.content)
    assert error["code"] == "InvalidParameterValue"
    assert says in error["description"], error["description"]


def test_rollout_status_only_takes_its_three_values(client, register):
    response = items(client, "status = 'draft'", "rollout")
    assert response.status_code == 400
    assert "planned, installed, live" in json.loads(response.content)["description"]
    assert items(client, "status > 'live'", "rollout").status_code == 400


def test_what_gdal_sends_and_asks_for(client, register):
    """GDAL (3.12) names CQL2 text "cql-text", asks for queryables as JSON and reads their draft list."""
    assert found(client, "(height_m > 8)", **{"filter-lang": "cql-text"}) == ["LC-2"]
    url = reverse("ogcapi:queryables", kwargs={"collection_id": "lighting_column"})
    response = client.get(url, HTTP_ACCEPT="application/geo+json, application/json")
    assert response["Content-Type"] == "application/json"
    assert {"id": "height_m", "title": "Height (m)"} in json.loads(response.content)["queryables"]
