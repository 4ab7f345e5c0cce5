"""The public licence page in a real browser: the map draws, axe finds nothing serious, an upload is checked."""

import pytest
from playwright.sync_api import expect

from tests.applications.licence_factories import licensed

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_anyone_checks_a_licence_file_on_its_page(page, visit, look, axe_check, glasgow, tmp_path):
    application, licence = licensed(council=glasgow, site_count=3)
    visit(page, f"/licences/{licence.number}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Licence {licence.number}")
    expect(page.get_by_text("This licence is valid")).to_be_visible()
    expect(page.get_by_text(application.organisation.name).first).to_be_visible()
    expect(page.locator("#licence-map .leaflet-interactive")).to_have_count(3)  # the sites, drawn by licence-map.js
    axe_check(page)

    copy = tmp_path / f"{licence.number}.pdf"
    with licence.pdf.open("rb") as handle:
        copy.write_bytes(handle.read())
    page.set_input_files("#id_file", str(copy))
    page.get_by_role("button", name="Check the file").click()
    page.wait_for_load_state("load")
    expect(page.get_by_text(f"The file matches: it is exactly licence {licence.number} as issued.")).to_be_visible()
    axe_check(page)

    altered = tmp_path / "altered.pdf"
    altered.write_bytes(copy.read_bytes() + b"\n% changed\n")
    page.set_input_files("#id_file", str(altered))
    page.get_by_role("button", name="Check the file").click()
    page.wait_for_load_state("load")
    expect(page.get_by_role("heading", name="The file does not match")).to_be_visible()
    axe_check(page)

    # On a phone nothing runs off the side (the schedule has three columns, the hashes wrap).
    page.set_viewport_size({"width": 390, "height": 800})
    look(page)
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
