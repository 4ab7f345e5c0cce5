"""Smoke journeys in a real browser: the layout loads its own CSS and JS, people sign in, axe finds nothing serious."""

import pytest
from playwright.sync_api import expect

from sites.models import AssetType
from tests.factories import AssetFactory, OfficerFactory, SupplierFactory, WardFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BRAND = "rgb(16, 97, 101)"  # static/scss/_brand.scss $brand


@pytest.fixture
def register(glasgow):
    """A ward and a few assets of two types in Glasgow's register."""
    WardFactory(council=glasgow, name="Anderston/City/Yorkhill")
    rooftop = AssetType.objects.get(code="building_rooftop")
    return [
        AssetFactory(council=glasgow, reference="LC000101", name="George Square column 1"),
        AssetFactory(council=glasgow, reference="LC000102", name="George Square column 2"),
        AssetFactory(council=glasgow, reference="RT000001", name="City Chambers roof", asset_type=rooftop),
    ]


def test_anonymous_visitor_sees_home_and_sign_in(page, visit, axe_check, register):
    visit(page, "/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Telecoms sites on Glasgow City Council land")
    for route in ["See the planned rollout", "Find council sites", "Apply as a supplier"]:
        expect(page.get_by_role("link", name=route)).to_be_visible()
    figures = page.locator(".portal-figures")
    expect(figures).to_contain_text("3")  # assets open to the public
    expect(page.get_by_role("table", name="Assets by type")).to_contain_text("Building rooftop")

    # Our own CSS loaded: the header is in the council's colour, the text in Arial (not GDS Transport).
    header = page.locator(".govuk-header")
    assert header.evaluate("e => getComputedStyle(e).backgroundColor") == BRAND
    for element in ["body", "h1"]:
        assert page.locator(element).evaluate("e => getComputedStyle(e).fontFamily") == "arial, sans-serif"
    expect(page.locator(".govuk-header__logotype")).to_have_count(0)
    # Our own JS ran: GOV.UK Frontend is initialised.
    expect(page.locator("body")).to_have_class("govuk-template__body js-enabled govuk-frontend-supported")
    axe_check(page)

    page.get_by_role("link", name="Sign in", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    # The password input's Show button appears only once GOV.UK Frontend's JS runs.
    expect(page.get_by_role("button", name="Show password")).to_be_visible()
    axe_check(page)

    page.get_by_role("button", name="Sign in").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Enter your username")
    expect(summary).to_be_focused()
    axe_check(page)


def test_officer_signs_in_and_opens_the_asset_register(page, sign_in, axe_check, register, glasgow):
    officer = OfficerFactory(council=glasgow, first_name="Isla")
    sign_in(page, officer)
    expect(page.get_by_role("heading", level=1)).to_have_text("Welcome, Isla")
    expect(page.get_by_role("table", name="Assets by type")).to_contain_text("Lighting column")
    axe_check(page)

    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Asset register").click()
    expect(page).to_have_url("/admin/sites/asset/")
    for asset in register:
        expect(page.get_by_role("link", name=asset.reference)).to_be_visible()
    axe_check(page)


def test_supplier_has_no_admin_link_and_is_refused_the_admin(page, sign_in, visit, look, glasgow):
    supplier = SupplierFactory()
    sign_in(page, supplier)
    menu = page.get_by_role("navigation", name="Menu")
    expect(menu.get_by_role("link", name="Applications")).to_be_visible()
    expect(menu.get_by_role("link", name="Admin")).to_have_count(0)
    expect(menu.get_by_role("link", name="Asset register")).to_have_count(0)

    for path in ["/admin/", "/admin/sites/asset/"]:
        visit(page, path, status=403)  # a clear page, not the admin's sign-in form (ADR 12)
        expect(page).to_have_url(path)
        expect(page.get_by_text("The administration pages are for council staff")).to_be_visible()

    visit(page, "/")
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("link", name="Sign in", exact=True)).to_be_visible()
    expect(page.get_by_text("Signed in as")).to_have_count(0)
    look(page)


@pytest.mark.parametrize(
    ("path", "status", "heading"),
    [
        ("/accessibility/", 200, "Accessibility statement for the Telecoms Site Portal"),
        ("/privacy/", 200, "Privacy notice"),
        ("/no-such-page/", 404, "Page not found"),
    ],
    ids=["accessibility", "privacy", "not-found"],
)
def test_statement_and_error_pages(page, visit, axe_check, glasgow, path, status, heading):
    visit(page, path, status=status)
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    axe_check(page)
