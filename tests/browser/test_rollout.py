"""A visitor follows the rollout in a real browser: the city map, a ward, a site, the open data."""

import csv
import io
import re

import pytest
from playwright.sync_api import expect

from applications.public import PUBLIC_COLUMNS
from tests.mapping.rollout.rollout_world import rollout_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def world(glasgow, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "uploads"
    return rollout_world(glasgow)


def test_visitor_filters_the_map_to_a_ward_opens_it_and_downloads_the_csv(page, visit, look, axe_check, world):
    visit(page, "/")
    page.get_by_role("link", name="See the planned rollout").click()
    expect(page).to_have_url(re.compile(r"/rollout/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Planned rollout of telecoms equipment")
    # The map drew every public site it fetched, and said so.
    expect(page.locator("#rollout-map-status")).to_have_text("The map shows 7 sites.")
    assert page.locator("html").get_attribute("data-rollout-sites") == "7"
    expect(page.locator(".rollout-map .leaflet-container")).to_be_visible()
    expect(page.get_by_role("table", name="7 sites, newest first")).to_be_visible()
    axe_check(page)

    # Filter to one ward with the form: a bookmarkable address, the table and the map follow.
    page.get_by_label("Ward").select_option(label="Partick East/Kelvindale")
    page.get_by_role("button", name="Apply filters").click()
    expect(page).to_have_url(re.compile(rf"/rollout/\?.*ward={world.west.code}"))
    expect(page.locator("#rollout-map-status")).to_have_text("The map shows 3 sites.")
    table = page.get_by_role("table", name="3 sites matching the filters")
    expect(table.locator("tbody tr")).to_have_count(3)
    look(page)
    axe_check(page)

    # A bad value in the address is a message on the form, not an error page.
    page.goto(f"/rollout/?ward={world.west.code}&status=refused")
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Choose a status from the list")
    axe_check(page)

    # Open the ward's page from the table of wards.
    page.goto(f"/rollout/?ward={world.west.code}")
    page.get_by_role("table", name="Sites matching the filters in each ward").get_by_role(
        "link", name="Partick East/Kelvindale"
    ).click()
    expect(page).to_have_url(re.compile(rf"/rollout/wards/{world.west.code}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Partick East/Kelvindale")
    expect(page.locator("#rollout-map-status")).to_have_text("The map shows 3 sites.")
    expect(page.get_by_role("img", name="Sites licensed per month, Partick East/Kelvindale")).to_be_visible()
    axe_check(page)

    # Download the ward's sites as CSV.
    with page.expect_download() as download_info:
        page.get_by_role("link", name="CSV (spreadsheet)").click()
    download = download_info.value
    assert re.fullmatch(rf"glasgow-rollout-{world.west.code}-\d{{4}}-\d{{2}}-\d{{2}}\.csv", download.suggested_filename)
    rows = list(csv.DictReader(io.StringIO(download.path().read_text(encoding="utf-8"))))
    assert list(rows[0]) == list(PUBLIC_COLUMNS)
    assert {r["ward_name"] for r in rows} == {"Partick East/Kelvindale"} and len(rows) == 3

    # A site's own page, from the table.
    page.get_by_role("table", name="3 sites in Partick East").get_by_role("link").first.click()
    expect(page).to_have_url(re.compile(r"/rollout/sites/\d+/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("5G on a lighting column")
    axe_check(page)

    page.get_by_role("link", name="Partick East/Kelvindale").first.click()
    page.get_by_role("link", name="About the open data and its columns").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Open data: the planned rollout")
    axe_check(page)


def test_a_site_on_the_map_opens_its_popup(page, visit, look, world):
    visit(page, f"/rollout/wards/{world.centre.code}/")
    expect(page.locator("#rollout-map-status")).to_have_text("The map shows 4 sites.")
    # Every site of the ward is at George Square: the circles sit on the map's centre.
    canvas = page.locator(".rollout-map .leaflet-overlay-pane canvas")
    box = canvas.bounding_box()
    canvas.click(position={"x": box["width"] / 2, "y": box["height"] / 2})
    popup = page.locator(".leaflet-popup-content")
    expect(popup).to_contain_text("Lighting column")
    look(page)
    popup.get_by_role("link", name="More about this site").click()
    expect(page).to_have_url(re.compile(r"/rollout/sites/\d+/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("5G on a lighting column")


def test_supplier_reports_the_installation_with_a_photo_and_the_rollout_follows(
    page, sign_in, axe_check, look, glasgow, settings, tmp_path
):
    from datetime import timedelta

    from django.utils import timezone
    from PIL import Image

    from tests.applications.factories import LicenceIssuedApplicationFactory
    from tests.factories import WardFactory

    settings.MEDIA_ROOT = tmp_path / "uploads"
    ward = WardFactory(council=glasgow, name="Anderston/City/Yorkhill")
    application = LicenceIssuedApplicationFactory(council=glasgow)
    photo = tmp_path / "column.png"
    Image.new("RGB", (16, 16), "#00703c").save(photo)

    sign_in(page, application.supplier)
    page.goto(f"/applications/{application.reference}/")
    page.get_by_role("button", name="Report the installation").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Report the installation")
    axe_check(page)
    # A date in the future is refused on the form.
    tomorrow = timezone.localdate() + timedelta(days=1)
    page.get_by_label("Day").fill(str(tomorrow.day))
    page.get_by_label("Month").fill(str(tomorrow.month))
    page.get_by_label("Year").fill(str(tomorrow.year))
    page.get_by_role("button", name="Report the installation").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Installation date must be today or in the past")
    axe_check(page)
    today = timezone.localdate()
    page.get_by_label("Day").fill(str(today.day))
    page.get_by_label("Month").fill(str(today.month))
    page.get_by_label("Year").fill(str(today.year))
    page.get_by_label("Photographs of the installation (optional)").set_input_files(str(photo))
    page.get_by_role("button", name="Report the installation").click()
    expect(page.get_by_text("The installation has been recorded.")).to_be_visible()
    expect(page.get_by_text("column.png").first).to_be_visible()
    look(page)

    # The public sees it installed, on the ward's page, signed out.
    page.get_by_role("button", name="Sign out").click()
    page.goto(f"/rollout/wards/{ward.code}/")
    row = page.get_by_role("table", name="1 site in Anderston/City/Yorkhill").locator("tbody tr")
    expect(row).to_contain_text("Installed")
    expect(row).to_contain_text(f"Installed {today.day} {today:%b %Y}")
    axe_check(page)
