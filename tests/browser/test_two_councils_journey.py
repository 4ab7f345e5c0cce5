"""Two councils in a real browser: a supplier searches across both, shortlists a site in each, applies,
and gets one application per council; each council's officer sees only their own in the queue.

axe-core checks every page on the way; the screenshots are in
screenshots/test_a_shortlist_across_two_councils_makes_one_application_each-*.png.
"""

import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from applications.models import Application, ApplicationStatus
from tests.applications.factories import FeeScheduleFactory
from tests.browser.forms import fill_small_cell_equipment
from tests.factories import AssetFactory, OfficerFactory, SupplierFactory, WardFactory, square, valley_council

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
S = ApplicationStatus
VALLEY = (-3.95, 55.84)
GEORGE_SQUARE = (-4.2502, 55.8611)


@pytest.fixture
def councils(glasgow):
    valley = valley_council(initials="CVC", brand_colour="#00703c")
    for council, point, ward, reference in (
        (glasgow, GEORGE_SQUARE, "Anderston/City/Yorkhill", "LC-GLA-1"),
        (valley, VALLEY, "Calderbank", "LC-CVC-1"),
    ):
        WardFactory(council=council, name=ward, geometry=square(*point, half=0.01))
        FeeScheduleFactory(council=council, annual_licence_fee=Decimal("850.00"))
        AssetFactory(
            council=council,
            reference=reference,
            name=f"{council.name} column",
            geometry={"type": "Point", "coordinates": list(point)},
        )
    return glasgow, valley


def enter_equipment_and_submit(page, axe_check, reference: str, asset_reference: str) -> None:
    page.goto(f"/applications/{reference}/")
    page.get_by_role("link", name=f"Enter equipment for {asset_reference}").click()
    fill_small_cell_equipment(page)
    page.get_by_role("button", name="Save and return to the application").click()
    page.get_by_role("button", name="Submit application").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("has been submitted")
    axe_check(page)


def test_a_shortlist_across_two_councils_makes_one_application_each(page, visit, sign_in, axe_check, councils):
    glasgow, valley = councils
    supplier = SupplierFactory(first_name="Ailsa")
    sign_in(page, supplier)

    # One search across both councils: each site names its council.
    visit(page, "/sites/")
    results = page.locator("#site-results")
    expect(results).to_contain_text("LC-GLA-1")
    expect(results).to_contain_text("LC-CVC-1")
    expect(results).to_contain_text("Clyde Valley Council")
    axe_check(page)

    # Narrow to one council with the filter, shortlist its site; then the other's.
    page.get_by_label("Council", exact=True).select_option(label="Clyde Valley Council")
    page.get_by_role("button", name="Search", exact=True).click()
    expect(page).to_have_url(re.compile(r"council=clyde-valley"))
    expect(page.locator("#site-results")).not_to_contain_text("LC-GLA-1")
    page.get_by_role("button", name="Add LC-CVC-1 to shortlist").click()
    expect(page.get_by_role("button", name="Remove LC-CVC-1 from shortlist")).to_be_visible()
    axe_check(page)
    visit(page, "/sites/?council=glasgow")
    page.get_by_role("button", name="Add LC-GLA-1 to shortlist").click()
    expect(page.locator("[data-shortlist-count]")).to_have_text("2")

    # The shortlist says the sites belong to two councils, and applying makes one application to each.
    page.get_by_role("link", name="Your shortlist").click()
    expect(page.get_by_text("belonging to 2 councils")).to_be_visible()
    axe_check(page)
    page.get_by_role("button", name="Apply for these sites").click()
    expect(page.get_by_text("These sites belong to 2 councils")).to_be_visible()
    axe_check(page)
    page.get_by_label("Small cell", exact=True).check()
    page.get_by_label("Day", exact=True).fill("1")
    page.get_by_label("Month", exact=True).fill("6")
    page.get_by_label("Year", exact=True).fill("2030")
    page.get_by_label("Term of the licence (years)").fill("10")
    page.get_by_role("button", name="Save as draft and continue").click()
    banner = page.locator(".govuk-notification-banner--success")
    expect(banner).to_contain_text("belong to 2 councils")
    axe_check(page)

    made = {a.council.slug: a for a in Application.objects.select_related("council")}
    assert set(made) == {"glasgow", "clyde-valley"}
    assert made["clyde-valley"].reference.startswith("CVC-") and made["glasgow"].reference.startswith("GCC-")
    assert [s.asset.reference for s in made["clyde-valley"].sites.all()] == ["LC-CVC-1"]
    for application in made.values():
        expect(banner).to_contain_text(application.reference)
    for slug, asset_reference in (("glasgow", "LC-GLA-1"), ("clyde-valley", "LC-CVC-1")):
        enter_equipment_and_submit(page, axe_check, made[slug].reference, asset_reference)
    assert set(Application.objects.values_list("status", flat=True)) == {S.SUBMITTED}
    page.get_by_role("button", name="Sign out").click()

    # Each council's officer sees their own council's application only, under their council's name.
    for council, own, other in ((glasgow, "glasgow", "clyde-valley"), (valley, "clyde-valley", "glasgow")):
        officer = OfficerFactory(council=council)
        sign_in(page, officer)
        visit(page, "/applications/queue/")
        expect(page.locator("body")).to_contain_text(made[own].reference)
        expect(page.locator("body")).not_to_contain_text(made[other].reference)
        expect(page.locator(".govuk-header")).to_contain_text(council.name)
        axe_check(page)
        visit(page, f"/applications/{made[other].reference}/", status=404)  # another council's: not found
        page.goto("/")
        page.get_by_role("button", name="Sign out").click()


def test_the_public_sees_each_council_and_every_councils_rollout(page, visit, axe_check, councils):
    glasgow, valley = councils
    visit(page, "/")
    expect(page.get_by_role("table", name="Councils in the portal")).to_contain_text("Clyde Valley Council")
    expect(page.locator(".govuk-header")).to_contain_text("Councils' telecoms sites")
    axe_check(page)

    # Every council's rollout on one map, then one council's, headed in its own colour.
    visit(page, "/rollout/")
    expect(page.locator(".govuk-caption-xl").first).to_have_text("All councils")
    expect(page.locator(".rollout-map .leaflet-container")).to_be_visible()
    axe_check(page)
    page.get_by_label("Council", exact=True).select_option(label="Clyde Valley Council")
    page.get_by_role("button", name="Apply filters").click()
    expect(page).to_have_url(re.compile(r"council=clyde-valley"))
    expect(page.locator(".govuk-header")).to_contain_text("Clyde Valley Council")
    header = page.locator(".govuk-header").evaluate("e => getComputedStyle(e).backgroundColor")
    assert header == "rgb(0, 112, 60)"  # #00703c, from /councils/clyde-valley/brand.css
    axe_check(page)
