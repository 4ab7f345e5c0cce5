"""The OGC API - Features HTML pages in a real browser: portal layout, axe finds nothing serious, paging works."""

import pytest
from playwright.sync_api import expect

from tests.factories import AssetFactory, WardFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_gis_officer_browses_the_service(page, visit, look, axe_check, glasgow):
    WardFactory(council=glasgow, code="S13002917", name="Anderston/City/Yorkhill")
    for i in range(12):
        AssetFactory(council=glasgow, reference=f"LC-{i:02d}", name=f"Column {i}", street="George Street",
                     geometry={"type": "Point", "coordinates": [-4.2502 + i * 0.0005, 55.8611]})  # fmt: skip
    visit(page, "/ogc/")
    expect(page.get_by_role("heading", level=1)).to_have_text("GIS access (OGC API - Features)")
    axe_check(page)
    page.get_by_role("link", name="The collections").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Collections")
    axe_check(page)
    page.get_by_role("link", name="Lighting column").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Lighting column")
    axe_check(page)  # the README's screenshot of the collection page
    page.get_by_role("link", name="Browse the features").click()
    expect(page.get_by_text("Features 1 to 12 of 12.")).to_be_visible()
    axe_check(page)
    visit(page, "/ogc/collections/lighting_column/items?f=html&limit=5")
    page.get_by_role("link", name="Next page").click()
    expect(page.get_by_text("Features 6 to 10 of 12.")).to_be_visible()
    axe_check(page)
    first_id = page.locator("tbody a").first
    first_id.click()
    expect(page.get_by_text("George Street")).to_be_visible()
    axe_check(page)
    visit(page, "/ogc/collections/lighting_column/queryables?f=html")
    axe_check(page)
    visit(page, "/ogc/api?f=html")
    axe_check(page)
