"""The public licence page in a real browser: the map draws, axe finds nothing serious, an upload is
checked; superseded and revoked licences say so."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from applications.licences.services import licence_revoke, licence_vary_or_renew
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


def test_superseded_and_revoked_licences_say_so(page, visit, axe_check, glasgow):
    application, licence = licensed(council=glasgow, site_count=2, proposed_start_date=timezone.localdate())
    removed = licence.schedule.order_by("position").first().asset_reference
    new = licence_vary_or_renew(
        licence=licence, by=application.officer, kind="variation", reason="One column removed", remove_sites=[removed]
    )
    visit(page, f"/licences/{licence.number}/")
    expect(page.get_by_role("region", name="Superseded")).to_contain_text(f"replaced by licence {new.number}")
    axe_check(page)
    page.get_by_role("link", name=f"licence {new.number}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Licence {new.number}")
    expect(page.locator("#licence-map .leaflet-interactive")).to_have_count(1)

    licence_revoke(licence=new, reason="Annual fees unpaid", by=application.officer)
    visit(page, f"/licences/{new.number}/")
    revoked = page.get_by_role("region", name="Revoked")
    expect(revoked).to_contain_text("This licence was revoked on")
    expect(revoked).to_contain_text("Reason: Annual fees unpaid")
    axe_check(page)
