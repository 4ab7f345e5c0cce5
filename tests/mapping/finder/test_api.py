"""mapping.finder.api: /api/sites.geojson and /api/wards.geojson (RFC 7946), bad parameters, who sees what."""

import json
from urllib.parse import urlencode

import pytest
from django.urls import reverse

from sites.models import AssetType
from tests.factories import (
    AssetFactory,
    CouncilFactory,
    OfficerFactory,
    SupplierFactory,
    WardFactory,
    square,
)

pytestmark = pytest.mark.django_db
CENTRE = (-4.2502, 55.8611)
CITY_CENTRE_VIEW = "-4.262,55.858,-4.248,55.864"


def get(client, params=None, url="finder:api_sites"):
    query = urlencode(params or {}, doseq=True)
    return client.get(reverse(url) + (f"?{query}" if query else ""))


@pytest.fixture
def register(glasgow):
    ward = WardFactory(council=glasgow, code="S13002917", name="Anderston/City/Yorkhill")
    AssetFactory(council=glasgow, reference="LC-1", name="Column 1", street="George Street",
                 geometry={"type": "Point", "coordinates": list(CENTRE)}, height_m=8)  # fmt: skip
    roof = AssetType.objects.get(code="building_rooftop")
    AssetFactory(council=glasgow, reference="RT 2/B", name="Roof", asset_type=roof,
                 geometry=square(-4.2550, 55.8600, half=0.0002), height_m=21.5)  # fmt: skip
    AssetFactory(council=glasgow, reference="DC-3", asset_type=AssetType.objects.get(code="duct_chamber"),
                 geometry={"type": "Point", "coordinates": [-4.2520, 55.8620]}, height_m=None)  # fmt: skip
    return ward


def test_features_are_an_rfc_7946_feature_collection(client, register):
    response = get(client, {"bbox": CITY_CENTRE_VIEW})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    assert "private" in response["Cache-Control"]
    body = json.loads(response.content)
    assert body["type"] == "FeatureCollection"
    assert (body["count"], body["capped"], body["clustered"]) == (2, False, False)
    assert [f["properties"]["reference"] for f in body["features"]] == ["LC-1", "RT 2/B"]
    column, roof = body["features"]
    for feature in body["features"]:
        assert feature["type"] == "Feature"
        assert isinstance(feature["id"], int)
        assert set(feature) == {"type", "id", "geometry", "properties"}
    assert column["geometry"] == {"type": "Point", "coordinates": list(CENTRE)}
    assert column["properties"] == {
        "reference": "LC-1",
        "council": "Glasgow City Council",
        "name": "Column 1",
        "type": "lighting_column",
        "type_name": "Lighting column",
        "colour": "#1d70b8",
        "street": "George Street",
        "ward": "Anderston/City/Yorkhill",
        "height_m": 8.0,
        "availability": "available",
        "url": "/sites/glasgow/LC-1/",
    }
    # Areas keep their stored shape (a closed ring of [lon, lat] positions).
    assert roof["geometry"]["type"] == "Polygon"
    ring = roof["geometry"]["coordinates"][0]
    assert ring[0] == ring[-1] and len(ring) == 5 and all(len(p) == 2 for p in ring)
    assert roof["properties"]["url"] == "/sites/glasgow/RT%202%2FB/"


def test_near_adds_distances_and_sorts_by_them(client, register):
    body = json.loads(get(client, {"near": "-4.2550,55.8600", "radius": 1000}).content)
    assert [f["properties"]["reference"] for f in body["features"]] == ["RT 2/B", "LC-1"]
    assert body["features"][0]["properties"]["distance_m"] == 0
    assert 300 < body["features"][1]["properties"]["distance_m"] < 400


def test_filters_reach_the_api(client, register):
    body = json.loads(get(client, {"min_height": 10}).content)
    assert [f["properties"]["reference"] for f in body["features"]] == ["RT 2/B"]


def test_results_are_capped(client, register, settings):
    settings.SITE_SEARCH = {**settings.SITE_SEARCH, "MAX_RESULTS": 1}
    body = json.loads(get(client, {"sort": "-height"}).content)
    assert (body["count"], body["capped"], len(body["features"])) == (2, True, 1)
    assert body["features"][0]["properties"]["reference"] == "RT 2/B"


@pytest.mark.parametrize(
    ("user_factory", "references"),
    [
        (None, ["LC-1", "RT 2/B"]),
        (SupplierFactory, ["DC-3", "LC-1", "RT 2/B"]),
        (OfficerFactory, ["DC-3", "LC-1", "RT 2/B"]),
    ],
)
def test_restricted_types_per_role(client, register, user_factory, references):
    if user_factory:
        # An officer searches their own council's register (sites.search.own_council).
        client.force_login(user_factory(**({"council": register.council} if user_factory is OfficerFactory else {})))
    body = json.loads(get(client).content)
    assert [f["properties"]["reference"] for f in body["features"]] == references
    clustered = json.loads(get(client, {"zoom": 11}).content)
    assert clustered["count"] == len(references)


def test_low_zoom_answers_clusters_that_add_up(client, register):
    AssetFactory.create_batch(5, council=register.council)
    body = json.loads(get(client, {"bbox": "-4.45,55.77,-4.05,55.94", "zoom": 12}).content)
    assert body["clustered"] is True and body["capped"] is False
    assert body["count"] == 7 == sum(f["properties"]["count"] for f in body["features"])
    for feature in body["features"]:
        assert feature["properties"]["cluster"] is True
        assert feature["geometry"]["type"] == "Point" and len(feature["geometry"]["coordinates"]) == 2
    features = json.loads(get(client, {"bbox": "-4.45,55.77,-4.05,55.94", "zoom": 15}).content)
    assert features["clustered"] is False and features["count"] == 7
    # A radius is an exact shape: answered as features even when zoomed out.
    near = json.loads(get(client, {"near": ",".join(map(str, CENTRE)), "radius": 50, "zoom": 10}).content)
    assert near["clustered"] is False and near["count"] == 6


def bad(**params):
    return params


SELF_CROSSING = (
    '{"type":"Polygon","coordinates":[[[-4.26,55.85],[-4.24,55.87],[-4.24,55.85],[-4.26,55.87],[-4.26,55.85]]]}'
)
MANY_POINTS = json.dumps(
    {
        "type": "Polygon",
        "coordinates": [[[-4.26 + i * 1e-5, 55.85 + (i % 2) * 1e-3] for i in range(1200)] + [[-4.26, 55.85]]],
    }
)


@pytest.mark.parametrize(
    ("params", "parameter"),
    [
        (bad(bbox="a,b,c,d"), "bbox"),
        (bad(bbox="-4.26,55.85,-4.24"), "bbox"),
        (bad(bbox="nan,55.85,-4.24,55.87"), "bbox"),
        (bad(bbox="-4.26,55.85,inf,55.87"), "bbox"),
        (bad(bbox="-4.24,55.85,-4.26,55.87"), "bbox"),  # west of east inverted
        (bad(bbox="-4.26,55.87,-4.24,55.85"), "bbox"),  # south of north inverted
        (bad(bbox="-180,-90,180,90"), "bbox"),  # the world
        (bad(bbox="-4.26,55.85,-4.24,95"), "bbox"),
        (bad(near="-4.25"), "near"),
        (bad(near="x,55.86"), "near"),
        (bad(near="0.1,51.5"), "near"),  # London: outside the council
        (bad(near_en="530000,180000"), "near_en"),  # London on the grid
        (bad(near_en="9999999,1"), "near_en"),
        (bad(near="-4.25,55.86", radius="far"), "radius"),
        (bad(near="-4.25,55.86", radius="nan"), "radius"),
        (bad(near="-4.25,55.86", radius="-5"), "radius"),
        (bad(near="-4.25,55.86", radius="0"), "radius"),
        (bad(near="-4.25,55.86", radius="20001"), "radius"),
        (bad(radius="100"), "radius"),  # no point to measure from
        (bad(within="not json"), "within"),
        (bad(within='{"type":"Point","coordinates":[-4.25,55.86]}'), "within"),
        (bad(within='{"type":"Polygon","coordinates":"nope"}'), "within"),
        (bad(within='{"type":"Polygon","coordinates":[[[-4.26,55.85],[-4.24,55.87]]]}'), "within"),
        (bad(within=SELF_CROSSING), "within"),
        (bad(within=MANY_POINTS), "within"),
        (bad(within='{"type":"Polygon","coordinates":[[[-40,10],[0,10],[0,60],[-40,10]]]}'), "within"),  # huge
        (bad(zoom="high"), "zoom"),
        (bad(zoom="40"), "zoom"),
        (bad(sort="price"), "sort"),
        (bad(sort="distance"), "sort"),  # no point to measure from
        (bad(asset_type="spaceport"), "asset_type"),
        (bad(asset_type="duct_chamber"), "asset_type"),  # restricted: unknown to the public
        (bad(ward="S99999999"), "ward"),
        (bad(availability="sometimes"), "availability"),
        (bad(min_height="tall"), "min_height"),
        (bad(min_height="-1"), "min_height"),
        (bad(max_height="inf"), "max_height"),
        (bad(min_height="10", max_height="5"), "max_height"),
        (bad(min_capacity_kg="heavy"), "min_capacity_kg"),
        (bad(min_free_slots="1.5"), "min_free_slots"),
        (bad(power="nuclear"), "power"),
        (bad(fibre_nearby="maybe"), "fibre_nearby"),
        (bad(without="dragons"), "without"),
        (bad(q="x" * 101), "q"),
    ],
)
def test_bad_parameters_answer_400_naming_the_parameter(client, glasgow, params, parameter):
    response = get(client, params)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    errors = json.loads(response.content)["errors"]
    assert list(errors) == [parameter]
    assert all(isinstance(m, str) and m.endswith(".") for m in errors[parameter])


def test_several_bad_parameters_are_all_named(client, glasgow):
    errors = json.loads(get(client, {"bbox": "1,2", "zoom": "x", "sort": "nope"}).content)["errors"]
    assert set(errors) == {"bbox", "zoom", "sort"}


def test_unknown_parameters_are_ignored(client, register):
    assert get(client, {"page": "2", "utm_source": "mail"}).status_code == 200


def test_another_councils_wards_are_unknown(client, register):
    other = WardFactory(council=CouncilFactory(), code="S13009999")
    response = get(client, {"ward": other.code, "council": register.council.slug})
    assert response.status_code == 400 and "ward" in json.loads(response.content)["errors"]
    # Searching every council, any council's ward is a ward.
    assert get(client, {"ward": other.code}).status_code == 200


def test_an_officer_of_another_council_sees_none_of_this_ones_assets(client, register):
    client.force_login(OfficerFactory())
    body = json.loads(get(client).content)
    assert (body["count"], body["features"]) == (0, [])
    response = get(client, {"council": register.council.slug})
    assert response.status_code == 400
    assert json.loads(response.content)["errors"]["council"][0].endswith("'s register only.")


@pytest.mark.parametrize("slug", ["nowhere", "a b", "x" * 51, "glasgow\x00"])
def test_an_unknown_council_is_a_400(client, register, slug):
    for url in ("finder:api_sites", "finder:api_wards"):
        response = get(client, {"council": slug}, url=url)
        assert response.status_code == 400
        assert json.loads(response.content) == {"errors": {"council": ["Choose a council from the list."]}}


def test_wards_endpoint(client, register):
    elsewhere = WardFactory(council=CouncilFactory(), code="S13009999", name="Elsewhere")
    every = json.loads(get(client, url="finder:api_wards").content)
    assert [f["properties"]["code"] for f in every["features"]] == ["S13002917", "S13009999"]
    assert json.loads(get(client, {"council": elsewhere.council.slug}, url="finder:api_wards").content)["features"][0][
        "properties"
    ] == {"code": "S13009999", "name": "Elsewhere"}
    response = get(client, {"council": register.council.slug}, url="finder:api_wards")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    body = json.loads(response.content)
    assert body["type"] == "FeatureCollection"
    (ward,) = body["features"]
    assert ward["type"] == "Feature" and ward["id"] == register.pk
    assert ward["properties"] == {"code": "S13002917", "name": "Anderston/City/Yorkhill"}
    assert ward["geometry"]["type"] == "MultiPolygon"


def test_an_unmatched_default_council_slug_opens_page_and_api_on_the_same_council(client, register, settings):
    """One selector (portal.selectors.council_default) for the finder page and its API."""
    settings.DEFAULT_COUNCIL_SLUG = "nowhere"
    assert client.get(reverse("finder:list")).status_code == 200
    for url in ("finder:api_sites", "finder:api_wards"):
        assert get(client, url=url).status_code == 200


def test_without_any_council_both_endpoints_say_so(client, db, settings):
    settings.DEFAULT_COUNCIL_SLUG = "nowhere"
    for url in ("finder:api_sites", "finder:api_wards"):
        response = get(client, url=url)
        assert response.status_code == 404
        assert "council" in json.loads(response.content)["errors"]
