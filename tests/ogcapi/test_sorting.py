"""ogcapi sortby (Part 8, draft) and properties (Part 6, draft): order both ways, paging under a sort,
property selection, the sortables document, the exact count from the kept cell counts, and bad input."""

import json
from decimal import Decimal

import pytest
from django.urls import reverse

from ogcapi.conformance import CONFORMANCE
from ogcapi.params import MAX_LIST_CHARS
from sites.models import Asset
from tests.factories import AssetFactory, WardFactory

pytestmark = pytest.mark.django_db
# Heights with ties and unknowns, references not in height order.
HEIGHTS = {"C-01": 10, "C-02": 6, "C-03": None, "C-04": 10, "C-05": 8, "C-06": 6, "C-07": None, "C-08": 12,
           "C-09": 8, "C-10": 10, "C-11": 6}  # fmt: skip


@pytest.fixture
def columns(glasgow):
    WardFactory(council=glasgow, code="S13002917", name="Anderston/City/Yorkhill")
    WardFactory(council=glasgow, code="S13002918", name="Garscadden/Scotstounhill")
    for i, (reference, height) in enumerate(sorted(HEIGHTS.items(), reverse=True)):  # created out of order
        AssetFactory(council=glasgow, reference=reference, height_m=height, name=f"Column {i}",
                     geometry={"type": "Point", "coordinates": [-4.2502 + i * 0.0001, 55.8611]})  # fmt: skip
    return glasgow


def items(client, collection="lighting_column", **params):
    return client.get(reverse("ogcapi:items", kwargs={"collection_id": collection}), params)


def document(client, collection="lighting_column", **params) -> dict:
    response = items(client, collection, **params)
    assert response.status_code == 200, response.content[:400]
    return json.loads(response.content)


def references(client, **params) -> list[str]:
    return [f["properties"]["reference"] for f in document(client, limit=100, **params)["features"]]


def ascending(reference: str):
    """Height ascending, unknown heights last (NULL is the greatest), then reference."""
    height = HEIGHTS[reference]
    return (height is None, height or 0, reference)


# Order -------------------------------------------------------------------------------------


def test_sort_by_height_ascending_then_reference(client, columns):
    expected = sorted(HEIGHTS, key=ascending)
    assert references(client, sortby="+height_m") == expected
    assert references(client, sortby="height_m") == expected
    assert references(client, sortby=" height_m") == expected  # a + sent unencoded arrives as a space
    assert expected[:3] == ["C-02", "C-06", "C-11"] and expected[-2:] == ["C-03", "C-07"]


def test_sort_descending_reverses_the_whole_order(client, columns):
    assert references(client, sortby="-height_m") == sorted(HEIGHTS, key=ascending, reverse=True)
    assert references(client, sortby="-reference") == sorted(HEIGHTS, reverse=True)
    assert references(client, sortby="+reference") == sorted(HEIGHTS)


def test_sort_by_two_keys_in_opposite_directions(client, columns):
    assert references(client, sortby="-height_m,-reference") == sorted(HEIGHTS, key=ascending, reverse=True)
    tallest_first = references(client, sortby="-height_m,+reference")
    # Unknown heights first when descending, then the tallest; the reference goes up within a height.
    assert tallest_first == ["C-03", "C-07", "C-08", "C-01", "C-04", "C-10", "C-05", "C-09", "C-02", "C-06", "C-11"]


@pytest.mark.parametrize("sortby", ["+height_m", "-height_m", "-reference", "-height_m,+reference"])
def test_paging_under_a_sort_visits_every_feature_once(client, columns, sortby):
    whole = references(client, sortby=sortby)
    url = reverse("ogcapi:items", kwargs={"collection_id": "lighting_column"})
    url += f"?limit=2&sortby={sortby.replace('+', '%2B')}"
    seen, pages = [], 0
    while url:
        page = json.loads(client.get(url).content)
        assert page["numberMatched"] == len(HEIGHTS)
        seen += [f["properties"]["reference"] for f in page["features"]]
        nexts = [link["href"] for link in page["links"] if link["rel"] == "next"]
        url = nexts[0] if nexts else None
        pages += 1
    assert pages == 6
    assert seen == whole and len(set(seen)) == len(HEIGHTS)


def test_wards_and_rollout_sort_too(client, columns):
    names = [f["properties"]["name"] for f in document(client, "wards", sortby="-name")["features"]]
    assert names == ["Garscadden/Scotstounhill", "Anderston/City/Yorkhill"]
    assert document(client, "rollout", sortby="-approved_on")["numberMatched"] == 0


# Property selection ------------------------------------------------------------------------


def test_properties_selects_only_those_keeping_id_and_geometry(client, columns):
    page = document(client, properties="height_m,reference", sortby="-height_m", limit=3)
    for feature in page["features"]:
        assert list(feature["properties"]) == ["height_m", "reference"]
        assert feature["geometry"]["type"] == "Point"
        assert isinstance(feature["id"], int)
    assert [f["properties"]["reference"] for f in page["features"]] == ["C-07", "C-03", "C-08"]
    everything = document(client)["features"][0]["properties"]
    assert {"reference", "name", "street", "ward", "height_m", "url"} <= set(everything)
    assert list(document(client, "wards", properties="name")["features"][0]["properties"]) == ["name"]


def test_properties_on_one_page_of_html(client, columns):
    response = items(client, f="html", properties="reference", sortby="-reference", limit=3)
    assert response.status_code == 200
    page = response.content.decode()
    assert "C-11" in page and "C-01" not in page
    assert '<th scope="col" class="govuk-table__header">reference</th>' in page
    assert "height_m" not in page.split("<table", 1)[1]


# The sortables document and the service's description ----------------------------------


def test_sortables_are_a_json_schema_linked_from_the_collection(client, columns):
    url = reverse("ogcapi:sortables", kwargs={"collection_id": "lighting_column"})
    response = client.get(url)
    assert response["Content-Type"] == "application/schema+json"
    schema = json.loads(response.content)
    assert schema["$id"].endswith("/ogc/collections/lighting_column/sortables")
    assert set(schema["properties"]) == {"reference", "height_m"}
    assert schema["properties"]["height_m"]["type"] == "number"
    collection = json.loads(
        client.get(reverse("ogcapi:collection", kwargs={"collection_id": "lighting_column"})).content
    )
    assert [link["href"] for link in collection["links"] if link["rel"].endswith("/sortables")] == [
        f"http://testserver{url}"
    ]
    html = client.get(url, {"f": "html"}).content.decode()
    assert "what the features may be sorted by" in html and "height_m" in html


def test_conformance_and_openapi_describe_sorting_and_selection(client, columns):
    assert "http://www.opengis.net/spec/ogcapi-features-8/1.0/conf/sorting" in CONFORMANCE
    assert "http://www.opengis.net/spec/ogcapi-features-6/1.0/conf/property-selection" in CONFORMANCE
    api = json.loads(client.get(reverse("ogcapi:api")).content)
    parameters = {p["name"]: p for p in api["paths"]["/collections/{collectionId}/items"]["get"]["parameters"]}
    assert parameters["sortby"]["schema"]["type"] == "array" and parameters["sortby"]["explode"] is False
    assert parameters["properties"]["schema"]["items"]["pattern"]
    assert "/collections/{collectionId}/sortables" in api["paths"]


# The count -----------------------------------------------------------------------------


def test_number_matched_is_exact_as_assets_come_and_go(client, columns):
    assert document(client, limit=1)["numberMatched"] == len(HEIGHTS)
    Asset.objects.filter(reference="C-01").delete()
    Asset.objects.filter(reference="C-02").update(availability="unavailable", unavailable_reason="Repairs")
    AssetFactory(council=columns, reference="C-12", height_m=Decimal("7.5"))
    assert document(client, limit=1)["numberMatched"] == len(HEIGHTS)
    assert document(client, limit=1, filter="height_m > 9")["numberMatched"] == 3  # counted live
    assert document(client, limit=1, filter="availability = 'unavailable'")["numberMatched"] == 1


# Bad input: 400 with the standard's exception, naming the parameter and the problem -------


@pytest.mark.parametrize(
    ("params", "named", "says"),
    [
        ({"sortby": "name"}, "sortby", "cannot be sorted by 'name'; its sortables are reference, height_m"),
        ({"sortby": "nonsense"}, "sortby", "'nonsense'"),
        ({"sortby": ""}, "sortby", "give one or more property names"),
        ({"sortby": ","}, "sortby", "is not a property name"),
        ({"sortby": "+"}, "sortby", "is not a property name"),
        ({"sortby": "++height_m"}, "sortby", "'++height_m' is not a property name"),
        ({"sortby": "height_m DESC"}, "sortby", "is not a property name"),
        ({"sortby": "height_m;DROP TABLE sites_asset"}, "sortby", "is not a property name"),
        ({"sortby": "height_m,-height_m"}, "sortby", "name each property once"),
        ({"sortby": "h," * MAX_LIST_CHARS}, "sortby", "too long"),
        ({"sortby": "ü"}, "sortby", "is not a property name"),
        ({"properties": "reference,colour"}, "properties", "has no property 'colour'"),
        ({"properties": ""}, "properties", "give one or more property names"),
        ({"properties": "reference,,name"}, "properties", "is not a property name"),
        ({"properties": "-reference"}, "properties", "'-reference' is not a property name"),
        ({"properties": "x" * (MAX_LIST_CHARS + 1)}, "properties", "too long"),
        ({"properties": "geometry'--"}, "properties", "is not a property name"),
    ],
)
def test_bad_sortby_and_properties_are_400_naming_the_problem(client, columns, params, named, says):
    response = items(client, **params)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    error = json.loads(response.content)
    assert error["code"] == "InvalidParameterValue"
    assert error["description"].startswith(f"Parameter {named}:")
    assert says in error["description"]
    assert len(error["description"]) < 400  # a huge value is not echoed back


def test_bad_names_on_other_collections_are_400_too(client, columns):
    for collection, params, says in (
        ("wards", {"sortby": "height_m"}, "its sortables are code, name"),
        ("rollout", {"sortby": "status"}, "cannot be sorted by 'status'"),
        ("rollout", {"properties": "reference"}, "has no property 'reference'"),
    ):
        response = items(client, collection, **params)
        assert response.status_code == 400
        assert says in json.loads(response.content)["description"]
