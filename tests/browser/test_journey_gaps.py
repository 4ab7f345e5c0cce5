"""What a new user tripped on, in a real browser (issue 15): each page axe-checked.

- applying for the shortlisted sites clears them from the shortlist, and says so;
- the application page shows every milestone with its date;
- a 403 says why and what to do;
- a supplier at /admin/ gets a clear page, not the admin's sign-in form.
"""

import pytest
from playwright.sync_api import expect

from applications.models import Application
from sites.shortlist_services import shortlist_add, shortlist_asset_ids
from tests.applications.factories import LiveApplicationFactory
from tests.factories import AssetFactory, SupplierFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_applying_for_the_shortlist_clears_it_and_says_so(page, visit, sign_in, axe_check, glasgow):
    supplier = SupplierFactory()
    sites = [AssetFactory(council=glasgow, reference=f"LC00020{n}", street="Ingram Street") for n in (1, 2)]
    for asset in sites:
        shortlist_add(user=supplier, asset=asset)
    sign_in(page, supplier)
    visit(page, "/sites/shortlist/")
    expect(page.get_by_role("table", name="Sites on your shortlist")).to_contain_text("LC000202")
    page.get_by_role("button", name="Apply for these sites").click()
    page.get_by_label("Small cell", exact=True).check()
    page.get_by_role("button", name="Save as draft and continue").click()
    banner = page.locator(".govuk-notification-banner--success")
    expect(banner).to_contain_text("saved with 2 sites")
    expect(banner).to_contain_text("They came off your shortlist")
    axe_check(page)
    assert Application.objects.get().sites.count() == 2
    assert shortlist_asset_ids(user=supplier) == set()
    visit(page, "/sites/shortlist/")
    expect(page.get_by_text("Your shortlist is empty.")).to_be_visible()
    axe_check(page)


def test_the_application_page_shows_every_milestone_with_its_date(page, visit, sign_in, axe_check, glasgow):
    application = LiveApplicationFactory(council=glasgow)
    application.refresh_from_db()
    sign_in(page, application.supplier)
    visit(page, f"/applications/{application.reference}/")
    milestones = page.locator("#milestones")
    for label in ("Draft started", "Submitted", "Review started", "Decided", "Licence issued", "Installed", "Live"):
        expect(milestones).to_contain_text(label)
    expect(milestones.locator('[data-milestone="installed"]')).to_contain_text(f"{application.installed_on:%-d %B %Y}")
    expect(milestones.locator('[data-milestone="live"]')).to_contain_text(f"{application.live_on:%-d %B %Y}")
    expect(milestones.locator('[data-milestone="decided"]')).to_contain_text("Approved for 1 of 1 site")
    axe_check(page)


def test_a_refusal_says_why_and_what_to_do(page, visit, sign_in, axe_check, glasgow):
    sign_in(page, SupplierFactory())
    visit(page, "/applications/queue/", status=403)
    expect(page.get_by_role("heading", level=1)).to_have_text("You cannot open this page")
    expect(page.locator("#reason")).to_have_text("Only council staff can use this page.")
    page.locator("#advice").get_by_role("link", name="Your applications").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("applications")
    axe_check(page)


def test_the_public_at_the_admin_still_gets_its_sign_in_form(page, visit, glasgow):
    visit(page, "/admin/")  # officers sign in there
    expect(page.get_by_label("Password")).to_be_visible()


def test_a_supplier_at_the_admin_gets_a_clear_page(page, visit, sign_in, axe_check, glasgow):
    sign_in(page, SupplierFactory())
    visit(page, "/admin/", status=403)
    expect(page.locator("#reason")).to_have_text(
        "The administration pages are for council staff and system administrators."
    )
    expect(page.get_by_label("Password")).to_have_count(0)
    expect(page.locator("#advice").get_by_role("link", name="Your applications")).to_be_visible()
    axe_check(page)


def test_an_officer_imports_in_the_admin_and_the_run_goes_on_beside_the_request(
    page, sign_in, look, axe_check, glasgow, settings, tmp_path
):
    """The preview and the write run in a thread of their own; the page shows the report when done."""
    from sites.models import Asset
    from tests.factories import OfficerFactory, asset_frame, write_asset_file

    settings.ASSET_IMPORT_IN_BACKGROUND = True
    settings.MEDIA_ROOT = tmp_path / "media"
    path = write_asset_file(asset_frame(), tmp_path / "columns.gpkg", crs="EPSG:27700")
    sign_in(page, OfficerFactory(council=glasgow))
    page.goto("/admin/sites/asset/import/")
    page.get_by_label("File").set_input_files(str(path))
    page.get_by_label("Asset type").select_option(label="Lighting column")
    page.get_by_role("button", name="Preview the import").click()
    # The run page: progress while it runs (refreshing every 2 s), then the preview.
    confirm = page.get_by_role("button", name="Confirm: import 3 new and 0 changed assets")
    expect(confirm).to_be_visible(timeout=20_000)
    expect(page.get_by_role("table", name="What the import would do")).to_contain_text("3")
    axe_check(page)
    confirm.click()
    expect(page.locator(".messagelist")).to_contain_text("Imported columns.gpkg: 3 created", timeout=20_000)
    look(page)
    assert Asset.objects.filter(council=glasgow).count() == 3


def test_a_supplier_saves_a_search_comes_back_to_it_and_saves_one_near_a_site(page, visit, sign_in, axe_check, glasgow):
    from sites.models import SavedSearch

    for n in (1, 2):
        AssetFactory(council=glasgow, reference=f"LC00030{n}", height_m=10 + n)
    AssetFactory(council=glasgow, reference="LC000399", height_m=4)
    supplier = SupplierFactory()
    sign_in(page, supplier)
    visit(page, "/sites/")
    page.get_by_label("Height from (m)").fill("10")
    page.get_by_role("button", name="Search").click()
    expect(page.locator("#results-heading")).to_have_text("2 sites found")
    page.get_by_label("Save this search").fill("Tall columns")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("Search “Tall columns” saved.")
    axe_check(page)

    page.get_by_role("link", name="Tall columns").click()
    expect(page.locator("#results-heading")).to_have_text("2 sites found")
    expect(page.get_by_label("Height from (m)")).to_have_value("10")
    axe_check(page)

    visit(page, "/sites/glasgow/LC000301/")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_role("table", name="Your saved searches")).to_contain_text("Lighting column sites near LC000301")
    page.get_by_role("button", name="Turn off alerts for Tall columns").click()
    expect(page.get_by_role("button", name="Turn on alerts for Tall columns")).to_be_visible()
    axe_check(page)
    assert list(SavedSearch.objects.filter(user=supplier).values_list("name", "alerts")) == [
        ("Lighting column sites near LC000301", True),
        ("Tall columns", False),
    ]
