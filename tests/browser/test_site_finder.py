"""The site finder in a real browser: a supplier searches by ward and height on the map page, draws an
area on the map (leaflet-draw, driven by mouse clicks), opens a site, shortlists three sites (from the
list, the map's popup and the site's page) and opens the shortlist. axe-core checks every page; the
harness fails on any CSP violation, console error or request to another host (no tiles: MAP_TILE_URL
is empty in these tests)."""

import re

import pytest
from playwright.sync_api import expect

from sites.models import AssetType
from sites.shortlist_services import shortlist_asset_ids
from tests.factories import AssetFactory, SupplierFactory, WardFactory, square

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# (reference, longitude, latitude, height): about 150-220 m apart around George Square.
COLUMNS = [
    ("LC-001", -4.2530, 55.8600, 8),
    ("LC-002", -4.2505, 55.8600, 10),
    ("LC-003", -4.2530, 55.8620, 12),
    ("LC-004", -4.2505, 55.8620, 6),  # too low
    ("LC-005", -4.2450, 55.8650, 9),  # outside the area drawn
]
# The area the supplier draws (longitude, latitude): around the first four columns.
DRAWN = [(-4.2548, 55.8588), (-4.2488, 55.8588), (-4.2488, 55.8632), (-4.2548, 55.8632)]


@pytest.fixture
def register(glasgow):
    WardFactory(council=glasgow, code="S13002917", name="Anderston/City/Yorkhill")  # around George Square
    WardFactory(
        council=glasgow,
        code="S13002920",
        name="Partick East/Kelvindale",
        geometry={"type": "MultiPolygon", "coordinates": [square(-4.29, 55.87, half=0.01)["coordinates"]]},
    )
    for reference, lon, lat, height in COLUMNS:
        AssetFactory(
            council=glasgow,
            reference=reference,
            name=f"Column {reference[-1]}",
            geometry={"type": "Point", "coordinates": [lon, lat]},
            height_m=height,
        )
    AssetFactory(
        council=glasgow, reference="LC-101", geometry={"type": "Point", "coordinates": [-4.29, 55.87]}, height_m=10
    )  # fmt: skip  (another ward)
    AssetFactory(council=glasgow, reference="RT-001", asset_type=AssetType.objects.get(code="building_rooftop"),
                 geometry=square(-4.2515, 55.8610, half=0.0002), height_m=20)  # fmt: skip


def results(page) -> list[str]:
    return page.locator("#site-results tbody tr td:first-child a").all_text_contents()


def map_point(page, lon: float, lat: float) -> tuple[float, float]:
    """Where a longitude and latitude are on the screen (Leaflet's own projection)."""
    x, y = page.evaluate(
        "([lon, lat]) => { const p = window.portalSiteFinder.map.latLngToContainerPoint([lat, lon]);"
        " return [p.x, p.y]; }",
        [lon, lat],
    )
    box = page.locator(".portal-map__canvas").bounding_box()
    return box["x"] + x, box["y"] + y


def test_supplier_searches_draws_an_area_and_shortlists_three_sites(page, sign_in, axe_check, look, register):
    supplier = SupplierFactory(first_name="Ailsa")
    sign_in(page, supplier)

    # The map page: filters, the map (clusters when zoomed out) and the list.
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Find sites").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Find sites")
    expect(page.locator("[data-map-status]")).to_contain_text("grouped by area")
    expect(page.locator(".site-cluster").first).to_be_visible()
    expect(page.get_by_role("heading", name="7 sites found")).to_be_visible()
    axe_check(page)

    # Search by ward and height.
    page.get_by_label("Ward", exact=True).select_option(label="Anderston/City/Yorkhill")
    page.get_by_label("Height from (m)").fill("8")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("heading", name="5 sites found")).to_be_visible()
    assert results(page) == ["LC-001", "LC-002", "LC-003", "LC-005", "RT-001"]
    assert "ward=S13002917" in page.url and "min_height=8" in page.url
    expect(page.locator("[data-map-status]")).to_contain_text("5 sites in view")
    look(page)
    axe_check(page)

    # Draw an area with leaflet-draw's polygon tool: click its corners, then the first again.
    page.evaluate("() => window.portalSiteFinder.map.setView([55.861, -4.2515], 16)")  # zoom in, as a user would
    expect(page.locator("[data-map-status]")).not_to_contain_text("grouped")
    page.get_by_role("button", name="Draw a polygon").click()
    for lon, lat in [*DRAWN, DRAWN[0]]:
        page.mouse.click(*map_point(page, lon, lat))
        page.wait_for_timeout(150)
    page.wait_for_url(re.compile(r"where=area"))
    expect(page.get_by_role("heading", name="4 sites found")).to_be_visible()
    assert results(page) == ["LC-001", "LC-002", "LC-003", "RT-001"]  # the ward and height still apply
    assert "ward=S13002917" in page.url and "min_height=8" in page.url and "within=" in page.url
    expect(page.get_by_label("Inside an area drawn on the map")).to_be_checked()
    expect(page.locator("[data-map-status]")).to_have_text("4 sites on the map.")
    sites = page.locator(".site-map .leaflet-overlay-pane path.leaflet-interactive")
    expect(sites).to_have_count(4)  # three columns and the roof, each on its own (none grouped)
    expect(page.locator(".site-map .site-cluster")).to_have_count(0)
    look(page)
    axe_check(page)

    # First site: from the map's popup.
    page.mouse.click(*map_point(page, -4.2505, 55.8600))
    popup = page.locator(".leaflet-popup-content")
    expect(popup.get_by_role("link", name="LC-002")).to_be_visible()
    popup.get_by_role("button", name="Add LC-002 to shortlist").click()
    expect(popup.get_by_role("button", name="Remove LC-002 from shortlist")).to_be_visible()
    # The list's button for the same site changed too, and the count.
    expect(page.locator("#site-results").get_by_role("button", name="Remove LC-002 from shortlist")).to_be_visible()
    expect(page.locator("[data-shortlist-count]")).to_have_text("1")
    look(page)

    # Second: from the list.
    page.get_by_role("button", name="Add LC-001 to shortlist").click()
    expect(page.get_by_role("button", name="Remove LC-001 from shortlist")).to_be_visible()
    expect(page.locator("[data-shortlist-count]")).to_have_text("2")

    # Third: open a site, and shortlist it from its page.
    page.locator("#site-results").get_by_role("link", name="LC-003").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("LC-003: Column 3")
    expect(page.locator(".site-map--small path.leaflet-interactive")).to_have_count(1)  # the site on its map
    axe_check(page)
    page.get_by_role("button", name="Add LC-003 to shortlist").click()
    expect(page.get_by_role("button", name="Remove LC-003 from shortlist")).to_be_visible()
    look(page)
    assert len(shortlist_asset_ids(user=supplier)) == 3

    # The shortlist: the three sites on a map and in a table, ready to apply for.
    page.get_by_role("link", name="Your shortlist").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your shortlist")
    table = page.get_by_role("table", name="Sites on your shortlist")
    for reference in ["LC-001", "LC-002", "LC-003"]:
        expect(table.get_by_role("link", name=reference)).to_be_visible()
    expect(page.locator(".site-map--shortlist path.leaflet-interactive")).to_have_count(3)
    apply = page.get_by_role("button", name="Apply for these sites")
    expect(apply).to_have_attribute("href", re.compile(r"^/applications/new/\?asset=\d+&asset=\d+&asset=\d+$"))
    axe_check(page)

    # Remove one (a plain form post on this page).
    page.get_by_role("button", name="Remove LC-002").click()
    expect(page.get_by_text("LC-002 removed from your shortlist.")).to_be_visible()
    expect(page.get_by_role("table", name="Sites on your shortlist").get_by_role("row")).to_have_count(3)  # + header
    axe_check(page)


def test_the_list_works_without_javascript(browser, live_server, register):
    """With JavaScript off, the search is the form and the list; the map is not shown."""
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/sites/")
    expect(page.locator(".site-map")).to_be_hidden()
    page.get_by_label("Within a distance of a point").check()
    page.get_by_label("Or as easting,northing").fill("259150,665340")
    page.get_by_label("Distance (metres)").fill("200")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("heading", name=re.compile(r"\d+ sites? found"))).to_be_visible()
    assert "where=radius" in page.url and "near_en=259150%2C665340" in page.url
    assert results(page)[0] in {"LC-001", "LC-002", "RT-001"}  # nearest first
    page.get_by_label("Sort by").select_option(label="Reference, Z to A")
    page.get_by_role("button", name="Sort").click()
    assert "sort=-reference" in page.url
    refs = results(page)
    assert refs == sorted(refs, reverse=True)
    page.screenshot(path="screenshots/test_the_list_works_without_javascript-1.png", full_page=True)
    context.close()
