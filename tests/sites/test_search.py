"""sites.search, sites.filters, sites.clusters: every filter, exact edges, clusters, visibility, sort, cap."""

from dataclasses import replace
from urllib.parse import urlencode

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db.models import F
from django.http import QueryDict
from pyproj import Geod

from sites import clusters as clusters_module
from sites.clusters import asset_clusters, asset_count
from sites.filters import AssetSearchFilterSet
from sites.models import AssetType, Availability, ConstraintKind, PowerSupply
from sites.search import asset_search, asset_search_queryset
from tests.factories import (
    AssetFactory,
    ConstraintAreaFactory,
    CouncilAdminFactory,
    OfficerFactory,
    SupplierFactory,
    SystemAdminFactory,
    WardFactory,
    located_assets_bulk_create,
    square,
)

pytestmark = pytest.mark.django_db
GEOD = Geod(ellps="WGS84")
CENTRE = (-4.2502, 55.8611)


def parse(params, *, council, user=None):
    data = QueryDict(urlencode(params, doseq=True)) if isinstance(params, dict) else QueryDict(params)
    return AssetSearchFilterSet(data, user=user or AnonymousUser(), council=council)


def found(params, *, council, user=None, limit=None) -> list[str]:
    """References found, in the search's order."""
    filterset = parse(params, council=council, user=user)
    assert filterset.is_valid(), filterset.errors
    result = asset_search(search=filterset.search(), user=user or AnonymousUser(), council=council, limit=limit)
    return [row.reference for row in result.rows]


def point(lon: float, lat: float) -> dict:
    return {"type": "Point", "coordinates": [lon, lat]}


def offset(origin: tuple[float, float], metres: float, azimuth: float = 90.0) -> tuple[float, float]:
    lon, lat, _ = GEOD.fwd(origin[0], origin[1], azimuth, metres)
    return (lon, lat)


def asset_type(code: str) -> AssetType:
    return AssetType.objects.get(code=code)


@pytest.fixture
def register(glasgow):
    """Six assets that differ in every filtered attribute (two wards, three constraint kinds)."""
    ward_a = WardFactory(council=glasgow, code="S13000001", name="Anderston")
    ward_b = WardFactory(
        council=glasgow,
        code="S13000002",
        name="Partick",
        geometry={"type": "MultiPolygon", "coordinates": [square(-4.29, 55.86, half=0.01)["coordinates"]]},
    )
    for kind, (lon, lat) in [
        (ConstraintKind.CONSERVATION_AREA, (-4.245, 55.865)),
        (ConstraintKind.LISTED_BUILDING, (-4.255, 55.855)),
        (ConstraintKind.TREE_PRESERVATION_ORDER, (-4.245, 55.855)),
    ]:
        ConstraintAreaFactory(council=glasgow, kind=kind, geometry=square(lon, lat, half=0.001))
    make = AssetFactory
    make(council=glasgow, reference="LC-A", name="Column by the square", street="Buchanan Street",
         geometry=point(*CENTRE), height_m=8)  # fmt: skip
    make(council=glasgow, reference="BS-B", asset_type=asset_type("bus_shelter"), name="Shelter",
         street="George Street", geometry=point(-4.2550, 55.8620), height_m=3, structural_capacity_kg=None,
         slots=1, power_supply=PowerSupply.METERED, fibre_nearby=True, availability=Availability.UNAVAILABLE,
         unavailable_reason="Road works")  # fmt: skip
    make(council=glasgow, reference="CC-C", asset_type=asset_type("cctv_column"), name="Camera",
         street="Ingram Street", geometry=point(-4.245, 55.865), height_m=12, structural_capacity_kg=100,
         load_used_kg=80, slots=3, slots_used=3, power_supply=PowerSupply.UNMETERED, fibre_nearby=True)  # fmt: skip
    make(council=glasgow, reference="RT-D", asset_type=asset_type("building_rooftop"), name="Roof",
         street="Trongate", geometry=square(-4.255, 55.855, half=0.0003), height_m=20, structural_capacity_kg=500,
         slots=4, power_supply=PowerSupply.METERED)  # fmt: skip
    make(council=glasgow, reference="LC-E", name="Column E", street="Dumbarton Road",
         geometry=point(-4.29, 55.86), height_m=None)  # fmt: skip
    make(council=glasgow, reference="LC-F", name="Column F", street="Saltmarket",
         geometry=point(-4.245, 55.855), height_m=10)  # fmt: skip
    return {"ward_a": ward_a, "ward_b": ward_b}


ALL = ["BS-B", "CC-C", "LC-A", "LC-E", "LC-F", "RT-D"]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, ALL),
        ({"asset_type": "lighting_column"}, ["LC-A", "LC-E", "LC-F"]),
        ({"asset_type": ["lighting_column", "bus_shelter"]}, ["BS-B", "LC-A", "LC-E", "LC-F"]),
        ({"asset_type": "lighting_column,bus_shelter"}, ["BS-B", "LC-A", "LC-E", "LC-F"]),
        ({"ward": "S13000002"}, ["LC-E"]),
        ({"availability": "unavailable"}, ["BS-B"]),
        ({"availability": "available"}, ["CC-C", "LC-A", "LC-E", "LC-F", "RT-D"]),
        ({"min_height": "10"}, ["CC-C", "LC-F", "RT-D"]),
        ({"max_height": "8"}, ["BS-B", "LC-A"]),
        ({"min_height": "8", "max_height": "12"}, ["CC-C", "LC-A", "LC-F"]),
        # Free capacity: CC-C has 100 kg of which 80 are taken; BS-B's is unknown.
        ({"min_capacity_kg": "50"}, ["LC-A", "LC-E", "LC-F", "RT-D"]),
        ({"min_capacity_kg": "20"}, ["CC-C", "LC-A", "LC-E", "LC-F", "RT-D"]),
        # Free slots: CC-C's three are all taken.
        ({"min_free_slots": "2"}, ["LC-A", "LC-E", "LC-F", "RT-D"]),
        ({"min_free_slots": "1"}, ["BS-B", "LC-A", "LC-E", "LC-F", "RT-D"]),
        ({"power": "metered"}, ["BS-B", "RT-D"]),
        ({"power": "metered,unmetered"}, ["BS-B", "CC-C", "RT-D"]),
        ({"fibre_nearby": "true"}, ["BS-B", "CC-C"]),
        ({"fibre_nearby": "no"}, ["LC-A", "LC-E", "LC-F", "RT-D"]),
        ({"without": "conservation_area"}, ["BS-B", "LC-A", "LC-E", "LC-F", "RT-D"]),
        ({"without": ["listed_building", "tree_preservation_order"]}, ["BS-B", "CC-C", "LC-A", "LC-E"]),
        ({"q": "george"}, ["BS-B"]),
        ({"q": "lc-"}, ["LC-A", "LC-E", "LC-F"]),
        ({"q": "Column"}, ["LC-A", "LC-E", "LC-F"]),
        ({"q": "  "}, ALL),
        ({"bbox": "-4.26,55.85,-4.24,55.87"}, ["BS-B", "CC-C", "LC-A", "LC-F", "RT-D"]),
    ],
)
def test_each_filter_alone(register, glasgow, params, expected):
    assert found(params, council=glasgow) == expected


def test_filters_combine(register, glasgow):
    assert found({"asset_type": "lighting_column", "min_height": "9"}, council=glasgow) == ["LC-F"]
    ward_a = register["ward_a"].code
    assert found({"ward": ward_a, "fibre_nearby": "true", "availability": "available"}, council=glasgow) == ["CC-C"]
    assert found({"power": "metered", "without": "listed_building", "max_height": "5"}, council=glasgow) == ["BS-B"]
    assert found({"q": "column", "bbox": "-4.26,55.85,-4.24,55.87", "min_free_slots": "2"}, council=glasgow) == [
        "LC-A",
        "LC-F",
    ]


def test_the_list_page_gets_a_paginable_queryset(register, glasgow):
    filterset = parse({"asset_type": "lighting_column", "sort": "-height", "page": "2"}, council=glasgow)
    assert filterset.is_valid(), filterset.errors  # a list page's own parameters are left alone
    qs = asset_search_queryset(search=filterset.search(), user=AnonymousUser(), council=glasgow)
    assert qs.count() == 3
    assert [a.reference for a in qs[1:3]] == ["LC-A", "LC-E"]  # LC-E has no height: last


# Sorting and the cap -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("reference", ALL),
        ("-reference", ALL[::-1]),
        ("height", ["BS-B", "LC-A", "LC-F", "CC-C", "RT-D", "LC-E"]),  # no height last
        ("-height", ["RT-D", "CC-C", "LC-F", "LC-A", "BS-B", "LC-E"]),
    ],
)
def test_sort(register, glasgow, sort, expected):
    assert found({"sort": sort}, council=glasgow) == expected


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, 6),
        ({"asset_type": "lighting_column"}, 3),
        ({"asset_type": "lighting_column", "availability": "available", "ward": "S13000002"}, 1),
        ({"min_height": "10"}, None),  # not a filter the cell counts are kept by
        ({"bbox": "-4.27,55.84,-4.23,55.88"}, None),  # an area
    ],
)
def test_asset_count_from_the_kept_cell_counts(register, glasgow, params, expected):
    filterset = parse(params, council=glasgow)
    assert filterset.is_valid(), filterset.errors
    count = asset_count(search=filterset.search(), user=None, council=glasgow)
    assert count == expected
    if expected is not None:
        assert count == asset_search(search=filterset.search(), user=None, council=glasgow, limit=1).count


def test_a_known_count_is_not_counted_again(register, glasgow, django_assert_num_queries):
    search = parse({"sort": "reference"}, council=glasgow).search()
    with django_assert_num_queries(2):  # the public types, then the page
        result = asset_search(search=search, user=None, council=glasgow, limit=2, count=6)
    assert (result.count, [r.reference for r in result.rows]) == (6, ["BS-B", "CC-C"])


def test_an_order_of_the_callers_own(register, glasgow):
    search = replace(parse({}, council=glasgow).search(), order_by=(F("street").desc(), "id"))
    rows = asset_search(search=search, user=None, council=glasgow).rows
    assert [r.reference for r in rows] == ["RT-D", "LC-F", "CC-C", "BS-B", "LC-E", "LC-A"]  # Trongate ... Buchanan


def test_near_sorts_by_distance_by_default_and_gives_distances(register, glasgow):
    filterset = parse({"near": "-4.2502,55.8611", "radius": "5000"}, council=glasgow)
    assert filterset.is_valid()
    result = asset_search(search=filterset.search(), user=None, council=glasgow)
    assert [r.reference for r in result.rows] == ["LC-A", "BS-B", "CC-C", "RT-D", "LC-F", "LC-E"]
    distances = [r.distance_m for r in result.rows]
    assert distances[0] == 0 and distances == sorted(distances)
    assert found({"near": "-4.2502,55.8611", "radius": "5000", "sort": "reference"}, council=glasgow) == ALL


def test_results_are_capped_and_say_so(register, glasgow):
    filterset = parse({"sort": "reference"}, council=glasgow)
    assert filterset.is_valid()
    result = asset_search(search=filterset.search(), user=None, council=glasgow, limit=2)
    assert [r.reference for r in result.rows] == ["BS-B", "CC-C"]
    assert (result.count, result.capped) == (6, True)
    whole = asset_search(search=filterset.search(), user=None, council=glasgow, limit=6)
    assert (whole.count, whole.capped, len(whole.rows)) == (6, False, 6)


@pytest.mark.parametrize("params", [{"sort": "reference"}, {"bbox": "-4.27,55.84,-4.23,55.88"}])
def test_offset_pages_on_and_still_counts_past_the_end(register, glasgow, params):
    filterset = parse(params, council=glasgow)
    assert filterset.is_valid()
    whole = asset_search(search=filterset.search(), user=None, council=glasgow)
    pages = [asset_search(search=filterset.search(), user=None, council=glasgow, limit=2, offset=o) for o in (0, 2, 4)]
    assert [r.reference for page in pages for r in page.rows] == [r.reference for r in whole.rows]
    assert {page.count for page in pages} == {whole.count}
    beyond = asset_search(search=filterset.search(), user=None, council=glasgow, limit=2, offset=50)
    assert (beyond.rows, beyond.count) == ([], whole.count)


def test_a_drawn_area_that_meets_nothing_finds_nothing(register, glasgow):
    far = '{"type":"Polygon","coordinates":[[[-4.0,55.0],[-3.99,55.0],[-3.99,55.01],[-4.0,55.0]]]}'
    filterset = parse({"within": far}, council=glasgow)
    assert filterset.is_valid()
    result = asset_search(search=filterset.search(), user=None, council=glasgow)
    assert (result.rows, result.count) == ([], 0)


# Exact edges -----------------------------------------------------------------------------


@pytest.mark.parametrize("radius", [50, 500, 5000])
@pytest.mark.parametrize("azimuth", [0, 45, 90, 200])
def test_radius_is_exact_to_the_metre(glasgow, radius, azimuth):
    """Near the circle the geodesic decides; well inside or outside, the grid distance in SQL."""
    AssetFactory(council=glasgow, reference="CLOSE", geometry=point(*offset(CENTRE, radius / 2, azimuth)))
    AssetFactory(council=glasgow, reference="INSIDE", geometry=point(*offset(CENTRE, radius - 1, azimuth)))
    AssetFactory(council=glasgow, reference="OUTSIDE", geometry=point(*offset(CENTRE, radius + 1, azimuth)))
    AssetFactory(council=glasgow, reference="FAR", geometry=point(*offset(CENTRE, radius * 1.5, azimuth)))
    assert found({"near": f"{CENTRE[0]},{CENTRE[1]}", "radius": radius}, council=glasgow) == ["CLOSE", "INSIDE"]


def test_radius_measures_to_the_nearest_edge_of_an_area(glasgow):
    """A rooftop whose near edge is 1 m inside the radius is in; one 1 m outside is out."""
    radius = 300
    for reference, edge_m, azimuth in [("ROOF-IN", radius - 1, 90), ("ROOF-OUT", radius + 1, 270)]:
        lon, lat = offset(CENTRE, edge_m, azimuth)
        far_lon, _ = offset((lon, lat), 40, azimuth)
        west, east = sorted([lon, far_lon])
        geometry = {
            "type": "Polygon",
            "coordinates": [[[west, lat - 0.0002], [east, lat - 0.0002], [east, lat + 0.0002], [west, lat + 0.0002],
                             [west, lat - 0.0002]]],
        }  # fmt: skip
        AssetFactory(council=glasgow, reference=reference, asset_type=asset_type("building_rooftop"), geometry=geometry)
    assert found({"near": f"{CENTRE[0]},{CENTRE[1]}", "radius": radius}, council=glasgow) == ["ROOF-IN"]


def test_radius_takes_an_area_that_holds_the_point(glasgow):
    AssetFactory(council=glasgow, reference="UNDER", asset_type=asset_type("land_parcel"),
                 geometry=square(CENTRE[0] + 0.001, CENTRE[1], half=0.0015))  # fmt: skip
    assert found({"near": f"{CENTRE[0]},{CENTRE[1]}", "radius": 1}, council=glasgow) == ["UNDER"]


def test_near_en_is_the_same_point_on_the_grid(glasgow):
    from sites.geometry import lonlat_to_bng

    AssetFactory(council=glasgow, reference="IN", geometry=point(*offset(CENTRE, 99)))
    AssetFactory(council=glasgow, reference="OUT", geometry=point(*offset(CENTRE, 101)))
    easting, northing = lonlat_to_bng(*CENTRE)
    assert found({"near_en": f"{easting:.3f},{northing:.3f}", "radius": 100}, council=glasgow) == ["IN"]


def test_near_without_radius_takes_the_default(glasgow, settings):
    settings.SITE_SEARCH = {**settings.SITE_SEARCH, "DEFAULT_RADIUS_M": 200}
    AssetFactory(council=glasgow, reference="IN", geometry=point(*offset(CENTRE, 199)))
    AssetFactory(council=glasgow, reference="OUT", geometry=point(*offset(CENTRE, 201)))
    assert found({"near": f"{CENTRE[0]},{CENTRE[1]}"}, council=glasgow) == ["IN"]


def _triangle_and_edge_points(metres: float):
    """A triangle with a slanted edge, and points `metres` inside and outside that edge's middle."""
    a, b, c = (-4.262, 55.855), (-4.240, 55.868), (-4.240, 55.855)  # edge a-b is slanted; c is inside side
    mid = ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)
    # Work in a local frame where a degree of longitude is shortened by cos(latitude).
    from math import cos, hypot, radians

    k = cos(radians(mid[1]))
    ex, ey = (b[0] - a[0]) * k, b[1] - a[1]
    nx, ny = ey / hypot(ex, ey), -ex / hypot(ex, ey)  # unit normal, pointing to c's side
    step = metres / 111_320.0
    inside = (mid[0] + nx * step / k, mid[1] + ny * step)
    outside = (mid[0] - nx * step / k, mid[1] - ny * step)
    polygon = {"type": "Polygon", "coordinates": [[list(a), list(c), list(b), list(a)]]}
    return polygon, inside, outside


def test_drawn_area_is_exact_to_the_metre(glasgow):
    polygon, inside, outside = _triangle_and_edge_points(1.0)
    AssetFactory(council=glasgow, reference="INSIDE", geometry=point(*inside))
    AssetFactory(council=glasgow, reference="OUTSIDE", geometry=point(*outside))  # in the triangle's box
    import orjson

    assert found({"within": orjson.dumps(polygon).decode()}, council=glasgow) == ["INSIDE"]
    feature = {"type": "Feature", "properties": {}, "geometry": polygon}
    assert found({"within": orjson.dumps(feature).decode()}, council=glasgow) == ["INSIDE"]


def test_drawn_area_takes_an_area_asset_that_overlaps_it(glasgow):
    import orjson

    polygon, _, outside = _triangle_and_edge_points(5.0)
    # Two small roofs centred 5 m outside: one reaches 6 m or more across (overlaps), one at most 2.2 m.
    for reference, (lon, lat), half in [("OVERLAPS", outside, 0.0001), ("CLEAR", outside, 0.00002)]:
        AssetFactory(council=glasgow, reference=reference, asset_type=asset_type("building_rooftop"),
                     geometry=square(lon, lat, half=half))  # fmt: skip
    assert found({"within": orjson.dumps(polygon).decode()}, council=glasgow) == ["OVERLAPS"]


def test_bbox_edges(glasgow):
    AssetFactory(council=glasgow, reference="ON-EDGE", geometry=point(-4.26, 55.86))
    AssetFactory(council=glasgow, reference="JUST-OUT", geometry=point(-4.2600001, 55.86))
    AssetFactory(council=glasgow, reference="ROOF-REACHES-IN", asset_type=asset_type("building_rooftop"),
                 geometry=square(-4.2605, 55.86, half=0.0006))  # fmt: skip
    assert found({"bbox": "-4.26,55.85,-4.24,55.87"}, council=glasgow) == ["ON-EDGE", "ROOF-REACHES-IN"]


def test_areas_combine(glasgow):
    AssetFactory(council=glasgow, reference="BOTH", geometry=point(*offset(CENTRE, 50, 90)))
    AssetFactory(council=glasgow, reference="RADIUS-ONLY", geometry=point(*offset(CENTRE, 50, 270)))
    params = {"near": f"{CENTRE[0]},{CENTRE[1]}", "radius": 100, "bbox": f"{CENTRE[0]},55.8,-4.2,55.9"}
    assert found(params, council=glasgow) == ["BOTH"]


# Visibility --------------------------------------------------------------------------------


@pytest.fixture
def restricted(glasgow):
    AssetFactory(council=glasgow, reference="LC-1")
    AssetFactory(council=glasgow, reference="DC-1", asset_type=asset_type("duct_chamber"))
    AssetFactory(council=glasgow, reference="TS-1", asset_type=asset_type("traffic_signal_pole"))


@pytest.mark.parametrize(
    ("user_factory", "expected"),
    [
        (None, ["LC-1"]),
        (SupplierFactory, ["DC-1", "LC-1", "TS-1"]),
        (OfficerFactory, ["DC-1", "LC-1", "TS-1"]),
        (CouncilAdminFactory, ["DC-1", "LC-1", "TS-1"]),
        (SystemAdminFactory, ["DC-1", "LC-1", "TS-1"]),
    ],
)
def test_restricted_types_only_for_signed_in_suppliers_and_staff(restricted, glasgow, user_factory, expected):
    user = user_factory() if user_factory else AnonymousUser()
    assert found({}, council=glasgow, user=user) == expected
    filterset = parse({"zoom": "10"}, council=glasgow, user=user)
    assert filterset.is_valid()
    assert asset_clusters(search=filterset.search(), user=user, council=glasgow).count == len(expected)


def test_inactive_user_sees_only_public_types(restricted, glasgow):
    assert found({}, council=glasgow, user=SupplierFactory(is_active=False)) == ["LC-1"]


def test_the_public_cannot_ask_for_a_restricted_type(restricted, glasgow):
    filterset = parse({"asset_type": "duct_chamber"}, council=glasgow)
    assert not filterset.is_valid()
    assert "asset_type" in filterset.errors
    assert found({"asset_type": "duct_chamber"}, council=glasgow, user=SupplierFactory()) == ["DC-1"]


def test_other_councils_assets_are_not_found(glasgow):
    from tests.factories import CouncilFactory

    AssetFactory(council=glasgow, reference="MINE")
    AssetFactory(council=CouncilFactory(), reference="THEIRS")
    assert found({}, council=glasgow) == ["MINE"]


# Clusters ------------------------------------------------------------------------------------


@pytest.fixture
def spread(glasgow):
    """72 assets on a grid over the city centre, of three types, a third unavailable, two wards."""
    WardFactory(council=glasgow, code="S13000001")
    WardFactory(
        council=glasgow,
        code="S13000002",
        geometry={"type": "MultiPolygon", "coordinates": [square(-4.29, 55.86, half=0.02)["coordinates"]]},
    )
    types = [asset_type("lighting_column"), asset_type("duct_chamber"), asset_type("building_rooftop")]
    rows = []
    for i in range(72):
        lon, lat = -4.31 + (i % 12) * 0.0061, 55.845 + (i // 12) * 0.0047
        kind = types[i % 3]
        unavailable = i % 3 == 1
        rows.append(
            {
                "reference": f"G-{i:02d}",
                "asset_type": kind,
                "geometry": square(lon, lat, half=0.0004) if kind.code == "building_rooftop" else point(lon, lat),
                "height_m": i % 20,
                "availability": "unavailable" if unavailable else "available",
                "unavailable_reason": "Works" if unavailable else "",
            }
        )
    located_assets_bulk_create(council=glasgow, rows=rows)


CLUSTER_SEARCHES = [
    {},
    {"bbox": "-4.45,55.77,-4.05,55.94"},
    {"bbox": "-4.2885,55.8487,-4.2551,55.8641"},  # cuts through the grid
    {"bbox": "-4.3040,55.8450,-4.2979,55.8497"},  # edges exactly on assets
    {"bbox": "-4.2885,55.8487,-4.2551,55.8641", "asset_type": "lighting_column,duct_chamber"},
    {"bbox": "-4.2885,55.8487,-4.2551,55.8641", "availability": "available", "ward": "S13000002"},
    {"bbox": "-4.2885,55.8487,-4.2551,55.8641", "min_height": "5"},  # counted live
    {"q": "G-1"},
]


@pytest.mark.parametrize("zoom", [9, 13, 14])
@pytest.mark.parametrize("params", CLUSTER_SEARCHES)
def test_cluster_counts_add_up_to_the_unclustered_total(spread, glasgow, params, zoom):
    user = SupplierFactory()
    filterset = parse({**params, "zoom": zoom}, council=glasgow, user=user)
    assert filterset.is_valid(), filterset.errors
    search = filterset.search()
    total = asset_search(search=search, user=user, council=glasgow).count
    result = asset_clusters(search=search, user=user, council=glasgow)
    assert total > 0
    assert result.count == total
    assert all(c.count > 0 for c in result.clusters)


@pytest.mark.parametrize("params", CLUSTER_SEARCHES[:6])
def test_kept_cell_counts_give_the_same_clusters_as_counting_live(spread, glasgow, params, monkeypatch):
    user = SupplierFactory()
    filterset = parse({**params, "zoom": 13}, council=glasgow, user=user)
    assert filterset.is_valid()
    kept = asset_clusters(search=filterset.search(), user=user, council=glasgow)
    monkeypatch.setattr(clusters_module, "CELL_FILTERS", set())  # every search counted live
    live = asset_clusters(search=filterset.search(), user=user, council=glasgow)
    assert [(c.cell, c.count) for c in kept.clusters] == [(c.cell, c.count) for c in live.clusters]
    for a, b in zip(kept.clusters, live.clusters, strict=True):
        assert (a.longitude, a.latitude) == pytest.approx((b.longitude, b.latitude), abs=1e-9)


def test_clusters_group_more_as_the_map_zooms_out(spread, glasgow):
    def clusters_at(zoom):
        filterset = parse({"zoom": zoom}, council=glasgow)
        assert filterset.is_valid()
        return asset_clusters(search=filterset.search(), user=None, council=glasgow).clusters

    sizes = [len(clusters_at(z)) for z in (14, 12, 10, 8)]
    assert sizes == sorted(sizes, reverse=True) and sizes[0] > sizes[-1] == 1
    (only,) = clusters_at(8)
    assert only.count == 48  # the public's: lighting columns and rooftops
    assert -4.31 < only.longitude < -4.24 and 55.845 < only.latitude < 55.87


def test_radius_and_drawn_area_searches_are_not_clustered(spread, glasgow):
    filterset = parse({"near": f"{CENTRE[0]},{CENTRE[1]}", "zoom": 10}, council=glasgow)
    assert filterset.is_valid()
    with pytest.raises(ValueError, match="not clustered"):
        asset_clusters(search=filterset.search(), user=None, council=glasgow)
