"""/sites/: each filter through the page, count and pages, sort, the URL round trip, the list
without JavaScript, who sees what, bad input as form errors, and the folium map's config."""

import re
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext

from mapping.finder import views as views_sites
from mapping.finder.search import page_search
from sites.models import Asset, AssetType, Availability
from tests.factories import AssetFactory, OfficerFactory, SupplierFactory, located_assets_bulk_create

from .site_finder_data import ALL, CENTRE, build_register, point, references, url

pytestmark = pytest.mark.django_db


@pytest.fixture
def register(glasgow):
    return build_register(glasgow)


FILTER_CASES = [
    ({}, ALL),
    ({"q": "column"}, ["LC-A", "LC-E", "LC-F"]),
    ({"q": "george"}, ["BS-B"]),
    ({"asset_type": "lighting_column"}, ["LC-A", "LC-E", "LC-F"]),
    ({"asset_type": ["lighting_column", "bus_shelter"]}, ["BS-B", "LC-A", "LC-E", "LC-F"]),
    ({"ward": "S13000002"}, ["LC-E"]),
    ({"availability": "unavailable"}, ["BS-B"]),
    ({"availability": "available"}, ["CC-C", "LC-A", "LC-E", "LC-F", "RT-D"]),
    ({"min_height": "10"}, ["CC-C", "LC-F", "RT-D"]),
    ({"max_height": "8"}, ["BS-B", "LC-A"]),
    ({"min_height": "8", "max_height": "12"}, ["CC-C", "LC-A", "LC-F"]),
    ({"min_capacity_kg": "50"}, ["LC-A", "LC-E", "LC-F", "RT-D"]),
    ({"min_free_slots": "2"}, ["LC-A", "LC-E", "LC-F", "RT-D"]),
    ({"power": "metered"}, ["BS-B", "RT-D"]),
    ({"power": ["metered", "unmetered"]}, ["BS-B", "CC-C", "RT-D"]),
    ({"fibre_nearby": "true"}, ["BS-B", "CC-C"]),
    ({"without": "conservation_area"}, ["BS-B", "LC-A", "LC-E", "LC-F", "RT-D"]),
    ({"without": ["listed_building", "tree_preservation_order"]}, ["BS-B", "CC-C", "LC-A", "LC-E"]),
    ({"where": "view", "bbox": "-4.26,55.85,-4.24,55.87"}, ["BS-B", "CC-C", "LC-A", "LC-F", "RT-D"]),
    ({"where": "radius", "near": f"{CENTRE[0]},{CENTRE[1]}", "radius": "400"}, ["LC-A", "BS-B"]),
    ({"where": "radius", "near_en": "259264.6,665391.5", "radius": "400"}, ["LC-A", "BS-B"]),
    (
        {
            "where": "area",
            "within": '{"type":"Polygon","coordinates":[[[-4.26,55.85],[-4.25,55.85],'
            "[-4.25,55.86],[-4.26,55.86],[-4.26,55.85]]]}",
        },
        ["RT-D"],
    ),  # fmt: skip
]


def test_each_filter_through_the_page(client, register):
    """Each filter alone (one register for all: building it is the slow part)."""
    for params, expected in FILTER_CASES:
        response = client.get(url(params=params))
        assert response.status_code == 200, params
        assert not response.context["finder"].errors, params
        assert references(response) == expected, params
        assert response.context["count"] == len(expected), params
        assert f"{len(expected)} site{'s' if len(expected) != 1 else ''} found" in response.content.decode(), params


def test_filters_combine_on_the_page(client, register):
    params = {"asset_type": "lighting_column", "min_height": "9", "ward": "S13000001", "without": "listed_building"}
    assert references(client.get(url(params=params))) == ["LC-F"]


def test_the_form_shows_the_search_it_ran(client, register):
    params = {
        "q": "col",
        "asset_type": ["lighting_column", "cctv_column"],
        "ward": "S13000002",
        "min_height": "4",
        "power": "metered",
        "fibre_nearby": "true",
        "without": "listed_building",
        "availability": "available",
    }
    html = client.get(url(params=params)).content.decode()
    assert 'name="q" type="text" value="col"' in html
    assert 'value="lighting_column" checked' in html and 'value="cctv_column" checked' in html
    assert 'value="bus_shelter" checked' not in html
    assert '<option value="S13000002" selected>Partick</option>' in html
    assert 'id="id_min_height" name="min_height" type="text" value="4"' in html
    assert 'value="metered" checked' in html and 'value="true" checked' in html
    assert 'value="listed_building" checked' in html
    assert 'id="id_availability_available" name="availability" type="radio" value="available" checked' in html


# Count, pages, sort ---------------------------------------------------------------------------


@pytest.fixture
def many(glasgow):
    """60 lighting columns along a street, heights 0..19, a little apart."""
    rows = [
        {"reference": f"ST-{i:03d}", "geometry": point(-4.30 + i * 0.0005, 55.85), "height_m": i % 20}
        for i in range(60)
    ]
    located_assets_bulk_create(council=glasgow, rows=rows)


def test_count_and_pages(client, many):
    first = client.get(url(params={"asset_type": "lighting_column"}))
    assert first.context["count"] == 60
    assert references(first) == [f"ST-{i:03d}" for i in range(25)]
    html = first.content.decode()
    assert "60 sites found" in html
    assert 'href="?asset_type=lighting_column&amp;page=2" rel="next"' in html
    assert 'aria-label="Page 3"' in html
    last = client.get(url(params={"asset_type": "lighting_column", "page": "3"}))
    assert references(last) == [f"ST-{i:03d}" for i in range(50, 60)]
    assert 'rel="prev"' in last.content.decode() and 'rel="next"' not in last.content.decode()


@pytest.mark.parametrize(("page", "first"), [("99", "ST-050"), ("abc", "ST-000"), ("-1", "ST-050"), ("", "ST-000")])
def test_odd_page_numbers_give_a_real_page(client, many, page, first):
    response = client.get(url(params={"page": page}))
    assert response.status_code == 200
    assert references(response)[0] == first


def test_sort(client, register):
    for sort, expected in [
        ("", ALL),
        ("reference", ALL),
        ("-reference", ALL[::-1]),
        ("height", ["BS-B", "LC-A", "LC-F", "CC-C", "RT-D", "LC-E"]),  # no height last
        ("-height", ["RT-D", "CC-C", "LC-F", "LC-A", "BS-B", "LC-E"]),
    ]:
        response = client.get(url(params={"sort": sort}))
        assert references(response) == expected, sort
        assert f'<option value="{sort}" selected>' in response.content.decode()


def test_sort_by_distance_lists_distances(client, register):
    params = {"where": "radius", "near": f"{CENTRE[0]},{CENTRE[1]}", "radius": "5000", "sort": "distance"}
    response = client.get(url(params=params))
    assert references(response) == ["LC-A", "BS-B", "CC-C", "RT-D", "LC-F", "LC-E"]
    distances = [a.distance_m for a in response.context["page_obj"].object_list]
    assert distances[0] == 0 and distances == sorted(distances)
    assert '<th scope="col" class="govuk-table__header govuk-table__header--numeric">Distance</th>' in (
        response.content.decode()
    )
    # Without sort, a point sorts by distance too; by reference when asked.
    params.pop("sort")
    assert references(client.get(url(params=params)))[0] == "LC-A"
    assert references(client.get(url(params={**params, "sort": "reference"}))) == ALL


# The URL carries the whole search --------------------------------------------------------------


def test_the_url_round_trip(client, register):
    """The form as a browser sends it (every input, empty ones too) and the canonical URL the page
    links to give the same results, and the canonical one is stable."""
    submitted = [
        ("q", ""), ("where", "radius"), ("bbox", "-4.3,55.8,-4.2,55.9"), ("near", f"{CENTRE[0]},{CENTRE[1]}"),
        ("near_en", ""), ("radius", "2000"), ("within", ""), ("asset_type", "lighting_column"),
        ("asset_type", "building_rooftop"), ("ward", ""), ("availability", ""), ("min_height", "5"),
        ("max_height", ""), ("min_capacity_kg", ""), ("min_free_slots", ""), ("sort", "-height"),
    ]  # fmt: skip
    first = client.get(url(params=submitted))
    canonical = first.context["query"]
    assert canonical == (
        "where=radius&near=-4.2502%2C55.8611&radius=2000&asset_type=lighting_column&asset_type=building_rooftop"
        "&min_height=5&sort=-height"
    )
    again = client.get(f"/sites/?{canonical}")
    assert references(again) == references(first) == ["RT-D", "LC-F", "LC-A"]
    assert again.context["query"] == canonical
    # The bbox typed for another place does not count.
    assert "bbox" not in dict(parse_qsl(canonical))


def test_where_is_inferred_for_hand_made_urls(client, register):
    radius = client.get(url(params={"near": f"{CENTRE[0]},{CENTRE[1]}", "radius": "400"}))
    assert radius.context["finder"].where == "radius" and references(radius) == ["LC-A", "BS-B"]
    view = client.get(url(params={"bbox": "-4.26,55.85,-4.24,55.87"}))
    assert view.context["finder"].where == "view" and "LC-E" not in references(view)


def test_the_map_asks_the_api_for_the_same_search(client, register):
    params = {"where": "radius", "near": f"{CENTRE[0]},{CENTRE[1]}", "radius": "400", "min_height": "1", "page": "1"}
    response = client.get(url(params=params))
    html = response.content.decode()
    api_query = response.context["api_query"]
    assert api_query == "near=-4.2502%2C55.8611&radius=400&min_height=1"
    assert f'data-api-query="{api_query.replace("&", "&amp;")}"' in html
    assert 'data-where="radius"' in html and 'data-near="-4.250200,55.861100"' in html and 'data-radius="400"' in html
    # The API answers that query with the same sites as the list.
    body = client.get(f"/api/sites.geojson?{api_query}").json()
    assert [f["properties"]["reference"] for f in body["features"]] == references(response)


def test_the_map_opens_on_the_wards_searched(client, register):
    html = client.get(url(params={"ward": "S13000002"})).content.decode()
    assert 'data-fit="-4.300000,55.850000,-4.280000,55.870000"' in html
    assert "data-fit=" not in client.get("/sites/").content.decode()


def test_finder_ignores_the_places_not_chosen():
    data = QueryDict("where=view&bbox=-4.26,55.85,-4.24,55.87&near=garbage&within=garbage&radius=-1")
    finder = page_search(data, user=AnonymousUser())
    assert finder.is_valid and set(finder.params) == {"bbox"}


# Without JavaScript ---------------------------------------------------------------------------


def test_the_list_works_without_javascript(client, register):
    """Everything is in the HTML: a GET form with named inputs, links to each site, real page links,
    downloads; the map section is there for the script but hidden without it (site-finder.css)."""
    html = client.get(url(params={"asset_type": "lighting_column"})).content.decode()
    assert '<form id="site-search" class="site-filters" method="get" action="/sites/"' in html
    names = "q where bbox near near_en radius within asset_type ward availability min_height max_height"
    for name in [*names.split(), "min_capacity_kg", "min_free_slots", "power", "fibre_nearby", "without"]:
        assert f'name="{name}"' in html, name
    assert 'name="sort" form="site-search"' in html
    for reference in ["LC-A", "LC-E", "LC-F"]:
        assert f'href="/sites/glasgow/{reference}/"' in html
    assert 'href="/sites/export.csv?asset_type=lighting_column"' in html
    assert '<section class="site-map"' in html  # .site-map is display: none until js-enabled
    assert ".js-enabled .site-map" in (views_sites.settings.BASE_DIR / "static/portal/site-finder.css").read_text()


# Who sees what -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("make", "sees_duct"), [(None, False), (SupplierFactory, True), (OfficerFactory, True)])
def test_restricted_types_per_role(client, register, make, sees_duct, glasgow):
    if make:
        client.force_login(make(**({"council": glasgow} if make is OfficerFactory else {})))
    response = client.get("/sites/")
    html = response.content.decode()
    assert ("DC-G" in references(response)) is sees_duct
    assert ('value="duct_chamber"' in html) is sees_duct  # the filter offers only visible types
    assert ("Sign in</a> to see every kind of asset" in html) is (make is None)


def test_shortlist_buttons_only_for_suppliers(client, register):
    supplier = SupplierFactory()
    client.force_login(supplier)
    html = client.get("/sites/").content.decode()
    assert html.count('action="/sites/shortlist/add/"') == 7
    client.force_login(OfficerFactory())
    assert 'action="/sites/shortlist/add/"' not in client.get("/sites/").content.decode()


# Bad input: a form error, never a 500 ----------------------------------------------------------------

SELF_CROSSING = (
    '{"type":"Polygon","coordinates":[[[-4.26,55.85],[-4.24,55.87],[-4.24,55.85],[-4.26,55.87],[-4.26,55.85]]]}'
)


@pytest.mark.parametrize(
    ("params", "input_id"),
    [
        ({"where": "mars"}, "id_where"),
        ({"where": "view"}, "id_bbox"),
        ({"where": "view", "bbox": "a,b,c,d"}, "id_bbox"),
        ({"where": "view", "bbox": "-4.24,55.85,-4.26,55.87"}, "id_bbox"),
        ({"where": "view", "bbox": "-180,-90,180,90"}, "id_bbox"),
        ({"where": "view", "bbox": "nan,55.85,-4.24,55.87"}, "id_bbox"),
        ({"where": "radius"}, "id_near"),
        ({"where": "radius", "radius": "100"}, "id_near"),
        ({"where": "radius", "near": "-4.25"}, "id_near"),
        ({"where": "radius", "near": "0.1,51.5"}, "id_near"),
        ({"where": "radius", "near_en": "9999999,1"}, "id_near_en"),
        ({"where": "radius", "near_en": "530000,180000"}, "id_near_en"),
        ({"where": "radius", "near": "-4.25,55.86", "near_en": "259000,665500"}, "id_near_en"),
        ({"where": "radius", "near": "-4.25,55.86", "radius": "far"}, "id_radius"),
        ({"where": "radius", "near": "-4.25,55.86", "radius": "-5"}, "id_radius"),
        ({"where": "radius", "near": "-4.25,55.86", "radius": "20001"}, "id_radius"),
        ({"where": "area"}, "id_within"),
        ({"where": "area", "within": "not json"}, "id_within"),
        ({"where": "area", "within": '{"type":"Point","coordinates":[-4.25,55.86]}'}, "id_within"),
        ({"where": "area", "within": SELF_CROSSING}, "id_within"),
        ({"where": "area", "within": "[" * 5000}, "id_within"),
        ({"sort": "price"}, "id_sort"),
        ({"sort": "distance"}, "id_sort"),
        ({"asset_type": "spaceport"}, "id_asset_type"),
        ({"asset_type": "duct_chamber"}, "id_asset_type"),  # restricted: unknown to the public
        ({"ward": "S99999999"}, "id_ward"),
        ({"availability": "sometimes"}, "id_availability"),
        ({"min_height": "tall"}, "id_min_height"),
        ({"min_height": "-1"}, "id_min_height"),
        ({"max_height": "inf"}, "id_max_height"),
        ({"min_height": "10", "max_height": "5"}, "id_max_height"),
        ({"min_capacity_kg": "heavy"}, "id_min_capacity_kg"),
        ({"min_free_slots": "1.5"}, "id_min_free_slots"),
        ({"power": "nuclear"}, "id_power"),
        ({"fibre_nearby": "maybe"}, "id_fibre_nearby"),
        ({"without": "dragons"}, "id_without"),
        ({"q": "x" * 101}, "id_q"),
        ({"q": "\x00"}, "id_q"),
    ],
)
def test_bad_input_is_a_form_error(client, glasgow, params, input_id):
    response = client.get(url(params=params))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>Error: Find sites" in html
    assert 'class="govuk-error-summary"' in html
    summary = re.search(r'govuk-error-summary__list">(.*?)</ul>', html, re.S).group(1)
    assert f'href="#{input_id}"' in summary
    assert f'id="{input_id}"' in html  # the link goes somewhere
    assert f'id="{input_id}-error"' in html
    assert response.context["page_obj"] is None and "No results" in html


def test_several_bad_inputs_are_all_listed_in_form_order(client, glasgow):
    response = client.get(url(params={"min_height": "x", "where": "view", "bbox": "1,2", "power": "x"}))
    assert [input_id for input_id, _ in response.context["finder"].errors] == ["id_bbox", "id_min_height", "id_power"]


# The map: folium's configuration, from our own files, CSP-safe ---------------------------------------


def test_the_map_is_folium_from_local_files_with_the_nonce(client, register, settings):
    settings.MAP_TILE_URL = ""
    response = client.get("/sites/")
    html = response.content.decode()
    csp = response["Content-Security-Policy"]
    nonce = re.search(r"'nonce-([^']+)'", csp).group(1)
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S)
    inline = [(attrs, body) for attrs, body in scripts if "src=" not in attrs and body.strip()]
    executable = [(attrs, body) for attrs, body in inline if "application/json" not in attrs]
    assert len(executable) == 1 and f'nonce="{nonce}"' in executable[0][0]  # folium's map script
    assert "L.map(" in executable[0][1] and "window.portalMaps" in executable[0][1]
    assert "L.tileLayer" not in executable[0][1]  # no tiles configured: none asked for
    for src in re.findall(r'<script[^>]+src="([^"]+)"', html) + re.findall(r'<link[^>]+href="([^"]+)"', html):
        assert urlsplit(src).netloc == "", src  # nothing from another host
    assert "/static/vendor/leaflet/leaflet.js" in html and "/static/vendor/leaflet-draw/leaflet.draw.js" in html
    assert "/static/vendor/leaflet.markercluster/leaflet.markercluster.js" in html
    assert "jquery" not in html.lower() and "bootstrap" not in html.lower() and "cdn" not in html.lower()
    assert 'style="' not in html.split("<main", 1)[1]  # no inline styles (CSP)


def test_the_base_tiles_come_from_the_setting(client, register, settings):
    settings.MAP_TILE_URL = "https://tiles.example.gov.uk/{z}/{x}/{y}.png"
    html = client.get("/sites/").content.decode()
    assert 'L.tileLayer(\n                "https://tiles.example.gov.uk/{z}/{x}/{y}.png"' in html


def test_the_legend_names_every_visible_type(client, register):
    html = client.get("/sites/").content.decode()
    legend = html.split('class="site-legend"', 1)[1].split("</div>", 1)[0]
    for name in ["Building rooftop", "Bus shelter", "CCTV column", "Land parcel", "Lighting column"]:
        assert name in legend
    assert "Duct or chamber" not in legend
    assert 'fill="#1d70b8"' in legend  # each type in its colour


def test_no_council_is_a_404(client, db, settings):
    assert client.get("/sites/").status_code == 404


def test_pages_are_not_shared_between_people(client, register):
    response = client.get("/sites/")
    assert "private" in response["Cache-Control"] and "Cookie" in response["Vary"]


def test_a_broad_search_counts_up_to_a_cap_and_lists_that_many(client, many, settings):
    """Counting every match of a broad search on a million assets is slow: past the cap it says "more than"."""
    settings.SITE_SEARCH = {**settings.SITE_SEARCH, "MAX_LISTED": 50}
    # min_height is counted live (the kept cell counts do not know heights): capped.
    response = client.get(url(params={"asset_type": "lighting_column", "min_height": "0"}))
    html = response.content.decode()
    assert "More than 50 sites found" in html and "The list shows the first 50." in html
    assert response.context["count"] == 50 and response.context["more"] is True
    assert response.context["total"] is None
    assert 'aria-label="Page 2"' in html and 'aria-label="Page 3"' not in html
    last = client.get(url(params={"asset_type": "lighting_column", "min_height": "0", "page": "2"}))
    assert references(last) == [f"ST-{i:03d}" for i in range(25, 50)]
    assert "Downloads hold at most" in html and "/sites/export.csv" not in html
    exact = client.get(url(params={"asset_type": "lighting_column", "max_height": "4"}))
    assert "15 sites found" in exact.content.decode() and exact.context["more"] is False
    # A map view: over the cap it is ordered as any search; under it, among the ids found.
    view = {"where": "view", "bbox": "-4.31,55.84,-4.26,55.86", "sort": "-reference"}
    over = client.get(url(params=view))
    assert over.context["more"] is True and references(over)[:2] == ["ST-059", "ST-058"]
    under = client.get(url(params={**view, "max_height": "4"}))
    assert under.context["more"] is False and references(under)[:3] == ["ST-044", "ST-043", "ST-042"]


def _shown_total(client, params) -> tuple[int, str, list[str]]:
    """The exact count the page shows, its HTML, and the SQL it ran."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url(params=params))
    return response.context["total"], response.content.decode(), [q["sql"] for q in queries.captured_queries]


def test_a_type_only_search_is_counted_exactly_from_the_kept_cell_counts(client, many, glasgow, settings):
    """No area and only kept filters: the exact count comes from sites_asset_cell, past the cap too,
    and stays equal to the real count through creates, updates and deletes."""
    settings.SITE_SEARCH = {**settings.SITE_SEARCH, "MAX_LISTED": 50}
    columns = Asset.objects.filter(asset_type__code="lighting_column")
    params = {"asset_type": "lighting_column"}
    total, html, sql = _shown_total(client, params)
    assert total == columns.count() == 60
    assert "60 sites found" in html and "More than" not in html and "The list shows the first 50." in html
    assert any("sites_asset_cell" in q for q in sql)
    assert not any("LIMIT 51" in q for q in sql)  # no ids fetched to count them
    assert 'aria-label="Page 2"' in html and 'aria-label="Page 3"' not in html  # the pages still end at the cap

    AssetFactory(council=glasgow, geometry=point(-4.26, 55.86))  # created
    assert _shown_total(client, params)[0] == columns.count() == 61
    shelter = AssetType.objects.get(code="bus_shelter")
    Asset.objects.filter(reference__in=["ST-001", "ST-002"]).update(asset_type=shelter)  # another type
    assert _shown_total(client, params)[0] == columns.count() == 59
    Asset.objects.filter(reference="ST-003").update(longitude=-4.20, latitude=55.87, easting=265000)  # moved
    assert _shown_total(client, params)[0] == columns.count() == 59
    Asset.objects.filter(reference__in=["ST-004", "ST-005", "ST-006"]).delete()
    assert _shown_total(client, params)[0] == columns.count() == 56
    available = {**params, "availability": "unavailable"}
    Asset.objects.filter(reference="ST-007").update(availability=Availability.UNAVAILABLE, unavailable_reason="Works")
    assert _shown_total(client, available)[0] == columns.filter(availability=Availability.UNAVAILABLE).count() == 1
    # Any other filter, or an area, is counted live (exact under the cap).
    total, _, sql = _shown_total(client, {**params, "max_height": "4"})
    assert total == columns.filter(height_m__lte=4).count() and not any("sites_asset_cell" in q for q in sql)


def test_a_million_results_do_not_build_a_million_page_links(client, glasgow, monkeypatch):
    AssetFactory(council=glasgow)
    monkeypatch.setattr(views_sites, "PAGE_SIZE", 1)
    located_assets_bulk_create(council=glasgow, rows=[{"geometry": point(-4.25, 55.86)} for _ in range(40)])
    html = client.get(url(params={"page": "20"})).content.decode()
    assert html.count('class="govuk-pagination__item') < 12
