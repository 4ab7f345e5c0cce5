"""The application journey in a real browser, both sides.

A supplier applies for three shortlisted sites, enters the equipment, uploads a PDF and
submits; an officer starts the review and asks for information; the supplier answers;
the officer approves two sites and refuses one and records the decision; both sides
see the same timeline. axe-core checks every page on the way; the screenshots are in
screenshots/test_an_application_from_shortlist_to_decision-*.png.
"""

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from applications.models import Application, ApplicationStatus, SiteDecision
from tests.applications.factories import FeeScheduleFactory
from tests.browser.forms import fill_small_cell_equipment
from tests.factories import AssetFactory, OfficerFactory, SupplierFactory, WardFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
S = ApplicationStatus
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


@pytest.fixture
def shortlist(glasgow):
    WardFactory(council=glasgow, name="Anderston/City/Yorkhill")
    FeeScheduleFactory(council=glasgow, annual_licence_fee=Decimal("850.00"))
    return [
        AssetFactory(council=glasgow, reference=f"LC00010{n}", name=f"George Square column {n}", street="George Square")
        for n in (1, 2, 3)
    ]


def sign_out(page):
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("link", name="Sign in", exact=True)).to_be_visible()


def open_application(page, look, reference):
    page.goto(f"/applications/{reference}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(reference)
    look(page)


def timeline_text(page) -> str:
    return page.locator("#timeline + ol").inner_text()


def test_an_application_from_shortlist_to_decision(page, visit, look, sign_in, axe_check, shortlist, glasgow, tmp_path):
    supplier = SupplierFactory(first_name="Ailsa", last_name="Brannigan")
    officer = OfficerFactory(council=glasgow, first_name="Iain", last_name="Strathearn")

    # The supplier comes from the shortlist with three sites.
    sign_in(page, supplier)
    visit(page, "/applications/new/?" + "&".join(f"asset={asset.pk}" for asset in shortlist))
    table = page.get_by_role("table", name="The sites you chose")
    for asset in shortlist:
        expect(table).to_contain_text(asset.reference)
    axe_check(page)

    # Saving without a type: the GOV.UK error summary, focused, linking to the field.
    page.get_by_role("button", name="Save as draft and continue").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Choose what you are applying for")
    expect(summary).to_be_focused()
    axe_check(page)

    page.get_by_label("Small cell", exact=True).check()
    page.get_by_label("Day", exact=True).fill("1")
    page.get_by_label("Month", exact=True).fill("6")
    page.get_by_label("Year", exact=True).fill("2030")
    page.get_by_label("Term of the licence (years)").fill("10")
    page.get_by_role("button", name="Save as draft and continue").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("saved with 3 sites")
    reference = Application.objects.get().reference
    expect(page.get_by_role("heading", level=1)).to_have_text(reference)
    axe_check(page)

    # Equipment for each site, one page after another.
    page.get_by_role("link", name=f"Enter equipment for {shortlist[0].reference}").click()
    for n, asset in enumerate(shortlist):
        expect(page.get_by_role("heading", level=1)).to_have_text(f"Equipment for {asset.reference}")
        fill_small_cell_equipment(page)
        if n == 0:
            axe_check(page)
        if n < len(shortlist) - 1:
            page.get_by_role("button", name=f"Save and go to {shortlist[n + 1].reference}").click()
        else:
            page.get_by_role("button", name="Save and return to the application").click()
    sites = page.locator("#sites + p + table")
    expect(sites.get_by_text("Ready", exact=True)).to_have_count(3)
    look(page)

    # A small PDF.
    drawing = tmp_path / "bracket-drawing.pdf"
    drawing.write_bytes(PDF)
    page.get_by_role("button", name="Add a document").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a document")
    axe_check(page)
    page.get_by_label("Drawing", exact=True).check()
    page.get_by_label("Upload a file").set_input_files(str(drawing))
    page.get_by_role("button", name="Upload", exact=True).click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("bracket-drawing.pdf uploaded")

    page.get_by_role("button", name="Submit application").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("has been submitted")
    expect(page.locator("#status")).to_have_text("Submitted")
    axe_check(page)
    sign_out(page)

    # The officer finds it in the queue, starts the review and asks for information.
    sign_in(page, officer)
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Applications").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Applications queue")
    axe_check(page)
    page.get_by_role("link", name=reference).click()
    axe_check(page)
    page.get_by_role("button", name="Start the review").click()
    axe_check(page)
    page.get_by_role("button", name="Start the review").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("Review started")
    page.get_by_role("button", name="Request information").click()
    page.get_by_label("What information do you need?").fill("Please send the structural calculation for each column.")
    axe_check(page)
    page.get_by_role("button", name="Send the request").click()
    expect(page.locator("#status")).to_have_text("Information requested")
    axe_check(page)
    sign_out(page)

    # The supplier is told, and answers.
    sign_in(page, supplier)
    expect(page.locator(".portal-account__count")).to_be_visible()
    page.get_by_role("link", name="Notifications").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Notifications")
    axe_check(page)
    page.get_by_role("button", name=f"Open {reference}").first.click()
    expect(page.locator("#open-request")).to_contain_text("structural calculation")
    page.get_by_role("button", name="Answer the request").click()
    page.get_by_label("Your answer").fill("The calculations are attached: each column carries 12.5 kg comfortably.")
    axe_check(page)
    page.get_by_role("button", name="Send your answer").click()
    expect(page.locator("#status")).to_have_text("Under review")
    sign_out(page)

    # The officer checks and decides each site: two approved with conditions, one refused.
    sign_in(page, officer)
    open_application(page, look, reference)
    for n, asset in enumerate(shortlist):
        page.get_by_role("link", name=f"Check and decide on {asset.reference}").click()
        expect(page.get_by_role("heading", level=1)).to_have_text(asset.reference)
        expect(page.locator("#checks")).to_contain_text("Structural load")
        if n < 2:
            page.get_by_label("Approve").check()
            page.get_by_label("Conditions of approval").fill("Paint the equipment to match the column.")
        else:
            page.get_by_label("Refuse").check()
            page.get_by_label("Reason for refusing").select_option("constraint")
            page.get_by_label("Details of the refusal").fill("The column stands in front of a listed building.")
        if n in (0, 2):
            axe_check(page)
        page.get_by_role("button", name="Save the decision").click()
        expect(page.locator(".govuk-notification-banner--success")).to_contain_text(asset.reference)
    page.get_by_role("button", name="Record the decision").click()
    expect(page.get_by_role("table", name="Site decisions")).to_contain_text("Refused")
    axe_check(page)
    page.get_by_role("button", name="Record the decision").click()
    expect(page.locator("#status")).to_have_text("Approved")
    axe_check(page)
    officer_timeline = timeline_text(page)
    sign_out(page)

    application = Application.objects.get()
    assert application.status == S.APPROVED
    decisions = list(application.sites.order_by("pk").values_list("decision", flat=True))
    assert decisions == [SiteDecision.APPROVED, SiteDecision.APPROVED, SiteDecision.REFUSED]

    # The supplier sees the decision, per site, and the same timeline.
    sign_in(page, supplier)
    open_application(page, look, reference)
    expect(page.locator("#sites + table")).to_contain_text("The column stands in front of a listed building.")
    expect(page.locator("#fees ~ dl").first).to_contain_text("£1,700.00 a year")
    axe_check(page)
    assert timeline_text(page) == officer_timeline
    for step in ["Submitted", "Review started", "Information requested", "Information supplied", "Decided"]:
        assert step in officer_timeline


def test_a_supplier_registers_and_the_council_verifies_it(page, visit, sign_in, axe_check, glasgow):
    officer = OfficerFactory(council=glasgow)
    visit(page, "/accounts/register/")
    axe_check(page)
    page.get_by_label("Organisation name").fill("Kelvin Fibre Ltd")
    page.get_by_label("Companies House number").fill("SC123456")
    page.get_by_role("radio", name="Yes").check()
    page.get_by_label("Ofcom Code operator reference").fill("ECC-0042")
    page.get_by_label("First name").fill("Morag")
    page.get_by_label("Last name").fill("Fleming")
    page.get_by_label("Your email address").fill("morag@kelvin.example")
    page.get_by_label("Username").fill("morag")
    page.get_by_label("Password", exact=True).fill("short")
    page.get_by_label("Confirm password").fill("short")
    page.get_by_role("button", name="Register").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("This password is too short.")
    axe_check(page)
    page.get_by_label("Password", exact=True).fill("plum-orchard-lantern-42")
    page.get_by_label("Confirm password").fill("plum-orchard-lantern-42")
    page.get_by_role("button", name="Register").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kelvin Fibre Ltd")
    expect(page.locator(".govuk-warning-text")).to_contain_text("has not yet verified")
    axe_check(page)
    page.get_by_label("Your colleague's email address").fill("colleague@kelvin.example")
    page.get_by_role("button", name="Send the invitation").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("colleague@kelvin.example")
    sign_out(page)

    sign_in(page, officer)
    page.goto("/applications/queue/")
    page.get_by_role("link", name="Verify organisations").click()
    expect(page.get_by_role("table")).to_contain_text("Kelvin Fibre Ltd")
    axe_check(page)
    page.get_by_role("button", name="Verify Kelvin Fibre Ltd").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("Kelvin Fibre Ltd is verified")
    axe_check(page)
