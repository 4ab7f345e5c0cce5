"""Bad input on the applicant's forms (start, details, equipment, sites, submit, documents): a plain-English
error on the page, never a 500, nothing half-written."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from applications.models import Application, ApplicationDocument, ApplicationStatus
from tests.applications.factories import (
    ApplicationFactory,
    SubmittedApplicationFactory,
)
from tests.factories import AssetFactory, CouncilFactory, OrganisationFactory, SupplierFactory

pytestmark = pytest.mark.django_db
S = ApplicationStatus
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
HUGE = "x" * 20_000


def url(name, application, *more):
    return reverse(f"applications:{name}", args=[application.reference, *more])


def errors(response) -> str:
    """The page's error summary and inline messages, as text."""
    assert response.status_code == 200, response.status_code
    html = response.content.decode()
    assert "govuk-error-summary" in html, "no error summary on the page"
    return html


@pytest.fixture
def draft(glasgow):
    return ApplicationFactory(council=glasgow, site_count=2)


@pytest.fixture
def supplier_client(client, draft):
    client.force_login(draft.supplier)
    return client


# Starting an application ------------------------------------------------------------------------------------------


def start(client, **data):
    return client.post(reverse("applications:new"), {"application_type": "small_cell", **data})


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"application_type": ""}, "Choose what you are applying for"),
        ({"application_type": "spaceship"}, "Choose what you are applying for"),
        ({"description": HUGE}, "What the installation is for must be 2,000 characters or fewer"),
        ({"references": ""}, "Choose at least one site"),
        ({"references": "NOPE-1, NOPE-2"}, "NOPE-1, NOPE-2 are not in"),
        ({"asset": ["999999999"]}, "Some of the sites you chose are no longer in the register"),
        ({"asset": ["abc"]}, "Some of the sites you chose are no longer in the register"),
        ({"asset": ["9" * 40]}, "Some of the sites you chose are no longer in the register"),
        ({"term_years": "0"}, "The term must be at least 1 year"),
        ({"term_years": "26"}, "The term must be 25 years or less"),
        ({"term_years": "ten"}, "Enter the term as a whole number of years"),
        ({"term_years": "9" * 30}, "The term must be 25 years or less"),
    ],
    ids=[
        "no-type",
        "unknown-type",
        "huge-description",
        "no-sites",
        "unknown-references",
        "unknown-asset-id",
        "malformed-asset-id",
        "enormous-asset-id",
        "term-zero",
        "term-too-long",
        "term-words",
        "term-enormous",
    ],
)
def test_start_an_application_bad_input(supplier_client, glasgow, data, message):
    before = Application.objects.count()
    data.setdefault("references", "LC-OK")
    AssetFactory(council=glasgow, reference="LC-OK")
    html = errors(start(supplier_client, **data))
    assert message in html
    assert Application.objects.count() == before


@pytest.mark.parametrize(
    ("day", "month", "year", "message"),
    [
        ("31", "2", "2031", "Proposed start date must be a real date"),
        ("ab", "3", "2031", "Proposed start date must be a real date"),
        ("1", "13", "2031", "Proposed start date must be a real date"),
        ("1", "3", "99999", "Proposed start date must be a real date"),
        ("1", "", "2031", "Proposed start date must include a month"),
        ("", "", "2031", "Proposed start date must include a day"),
        ("1", "1", "2001", "Proposed start date must be today or in the future"),
        ("1", "1", "2199", "Proposed start date must be within the next 10 years"),
    ],
    ids=["31-february", "letters", "month-13", "five-digit-year", "no-month", "no-day", "past", "far-future"],
)
def test_start_an_application_malformed_dates(supplier_client, glasgow, day, month, year, message):
    AssetFactory(council=glasgow, reference="LC-OK")
    data = {
        "references": "LC-OK",
        "proposed_start_date_0": day,
        "proposed_start_date_1": month,
        "proposed_start_date_2": year,
    }
    html = errors(start(supplier_client, **data))
    assert message in html
    assert 'href="#id_proposed_start_date_' in html  # the summary links to the part of the date


def test_sites_of_two_councils_make_one_draft_for_each(supplier_client, glasgow):
    ours = [AssetFactory(council=glasgow) for _ in range(2)]
    renfrewshire = CouncilFactory(name="Renfrewshire Council")
    theirs = AssetFactory(council=renfrewshire, reference="RC000009")
    before = Application.objects.count()
    page = supplier_client.get(reverse("applications:new"), {"asset": [ours[0].pk, theirs.pk]}).content.decode()
    assert "These sites belong to 2 councils: Glasgow City Council, Renfrewshire Council" in page
    response = start(
        supplier_client, asset=[str(ours[0].pk), str(theirs.pk)], references=ours[1].reference, term_years="10"
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("applications:list")
    made = Application.objects.order_by("pk")[before:]
    assert [(a.council, {s.asset for s in a.sites.all()}) for a in made] == [
        (glasgow, set(ours)),
        (renfrewshire, {theirs}),
    ]
    assert all(a.status == S.DRAFT and a.term_years == 10 for a in made)
    assert made[1].reference.startswith(f"{renfrewshire.initials}-")
    page = supplier_client.get(response["Location"]).content.decode()
    assert "Your 3 sites belong to 2 councils, so there is a draft for each" in page
    assert f"{made[0].reference} to Glasgow City Council (2 sites)" in page
    assert f"{made[1].reference} to Renfrewshire Council (1 site)" in page


def test_a_reference_in_two_councils_must_be_chosen_in_the_finder(supplier_client, glasgow):
    AssetFactory(council=glasgow, reference="LC123123")
    AssetFactory(council=CouncilFactory(name="Renfrewshire Council"), reference="LC123123")
    before = Application.objects.count()
    html = errors(start(supplier_client, references="lc123123, LC999999"))
    assert "LC123123 is in the registers of Glasgow City Council and Renfrewshire Council" in html
    assert "LC999999 is not in any council&#x27;s register" in html
    assert Application.objects.count() == before


def test_a_typed_reference_is_looked_up_in_the_chosen_sites_council(supplier_client, glasgow):
    chosen = AssetFactory(council=glasgow)
    AssetFactory(council=CouncilFactory(name="Renfrewshire Council"), reference="RC000001")
    html = errors(start(supplier_client, asset=[str(chosen.pk)], references="RC000001"))
    assert "RC000001 is not in Glasgow City Council&#x27;s register" in html


def test_too_many_sites(supplier_client, glasgow, settings):
    settings.APPLICATION_MAX_SITES = 2
    assets = [AssetFactory(council=glasgow) for _ in range(3)]
    html = errors(start(supplier_client, asset=[str(a.pk) for a in assets]))
    assert "An application can name at most 2 sites" in html


def test_start_from_the_shortlist_and_by_reference(supplier_client, glasgow):
    chosen = [AssetFactory(council=glasgow) for _ in range(2)]
    typed = AssetFactory(council=glasgow, reference="LC777777")
    page = supplier_client.get(reverse("applications:new"), {"asset": [a.pk for a in chosen] + ["junk"]})
    assert page.status_code == 200
    for asset in chosen:
        assert asset.reference in page.content.decode()
    response = start(supplier_client, asset=[str(a.pk) for a in chosen], references="lc777777")
    assert response.status_code == 302
    application = Application.objects.latest("pk")
    assert {s.asset for s in application.sites.all()} == {*chosen, typed}
    assert response["Location"] == url("detail", application)


# Changing a draft -----------------------------------------------------------------------------------------------


def test_details_of_a_submitted_application_cannot_change(client, glasgow):
    application = SubmittedApplicationFactory(council=glasgow)
    client.force_login(application.supplier)
    html = errors(client.post(url("edit", application), {"application_type": "rooftop", "term_years": "3"}))
    assert "You can change an application only while it is a draft or has been returned" in html
    application.refresh_from_db()
    assert (application.application_type, application.term_years) == ("small_cell", 10)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"weight_kg": "heavy"}, "Enter the weight in kg, like 12.5"),
        ({"weight_kg": "-3"}, "Weight must be at least 0.1 kg"),
        ({"weight_kg": "12.55"}, "Weight can have at most 1 decimal place"),
        ({"weight_kg": "1e400"}, "Weight must be 99,999.9 kg or less"),
        ({"weight_kg": "NaN"}, "Enter the weight in kg, like 12.5"),
        ({"height_mm": "4.5"}, "Enter the height in mm as a whole number, like 450"),
        ({"height_mm": "0"}, "Height must be at least 1 mm"),
        ({"width_mm": "9" * 25}, "Width must be 100,000 mm or less"),
        ({"power_draw_w": "-1"}, "Power draw must be at least 0 W"),
        ({"mounting_height_m": "301"}, "Mounting height must be 300 m or less"),
        ({"frequency_bands": ["3600", "999"]}, "Choose frequency bands from the list"),
        ({"equipment_type": "death_ray"}, "Choose the equipment type from the list"),
        ({"make_model": HUGE}, "Make and model must be 200 characters or fewer"),
        ({"notes": HUGE}, "Notes for the council must be 2,000 characters or fewer"),
        ({"cabinet_needed": "maybe"}, "Select a valid choice"),
    ],
)
def test_equipment_bad_input(supplier_client, draft, data, message):
    site = draft.sites.order_by("pk").first()
    before = {f: getattr(site, f) for f in ("weight_kg", "height_mm", "make_model", "frequency_bands")}
    html = errors(supplier_client.post(url("site_edit", draft, site.pk), data))
    assert message in html
    site.refresh_from_db()
    assert {f: getattr(site, f) for f in before} == before


def test_equipment_saved_and_on_to_the_next_site(supplier_client, draft):
    first, second = draft.sites.order_by("pk")
    data = {
        "equipment_type": "antenna",
        "technology": "4g_5g",
        "make_model": "Nokia AirScale",
        "weight_kg": "7.5",
        "frequency_bands": ["800", "3600"],
        "cabinet_needed": "yes",
        "after": "next",
    }
    response = supplier_client.post(url("site_edit", draft, first.pk), data)
    assert response["Location"] == url("site_edit", draft, second.pk)
    first.refresh_from_db()
    assert (first.equipment_type, str(first.weight_kg), first.frequency_bands, first.cabinet_needed) == (
        "antenna",
        "7.5",
        ["800", "3600"],
        True,
    )
    assert first.height_mm is None  # blank stays blank in a draft


def test_another_applications_site_is_not_found(supplier_client, draft, glasgow):
    other = ApplicationFactory(council=glasgow)
    foreign_site = other.sites.first()
    assert supplier_client.get(url("site_edit", draft, foreign_site.pk)).status_code == 404
    assert supplier_client.post(url("site_remove", draft, foreign_site.pk)).status_code == 404
    assert other.sites.filter(pk=foreign_site.pk).exists()


@pytest.mark.parametrize(
    ("reference", "message"),
    [
        ("", "Enter the council reference of the site"),
        ("NOPE", "NOPE is not in Glasgow City Council"),
        (HUGE, "Council reference must be 50 characters or fewer"),
    ],
)
def test_add_a_site_bad_input(supplier_client, draft, reference, message):
    before = draft.sites.count()
    html = errors(supplier_client.post(url("site_add", draft), {"reference": reference}))
    assert message in html
    assert draft.sites.count() == before


def test_add_a_site_already_in_the_application_or_of_another_council(supplier_client, draft):
    present = draft.sites.first().asset
    html = errors(supplier_client.post(url("site_add", draft), {"reference": present.reference}))
    assert f"{present.reference} is already in this application" in html
    elsewhere = AssetFactory(council=CouncilFactory(), reference="RC000001")
    html = errors(supplier_client.post(url("site_add", draft), {"reference": elsewhere.reference}))
    assert "RC000001 is not in Glasgow City Council" in html
    assert draft.sites.count() == 2


# Submitting -----------------------------------------------------------------------------------------------------


def test_submit_shows_every_problem_at_once_linking_to_each(client, glasgow):
    unverified = SupplierFactory(organisation=OrganisationFactory())
    application = ApplicationFactory(
        council=glasgow, supplier=unverified, site_count=2, equipment=None, proposed_start_date=None, term_years=None
    )
    client.force_login(unverified)
    html = errors(client.post(url("submit", application)))
    sites = list(application.sites.order_by("pk"))
    for anchor in [
        "#organisation",
        "#proposed_start_date",
        "#term_years",
        f"#site-{sites[0].pk}",
        f"#site-{sites[1].pk}",
    ]:
        assert f'href="{anchor}"' in html, anchor
    assert "has not been verified yet" in html
    assert "Enter the proposed start date." in html
    assert "Enter the term in years, from 1 to 25." in html
    assert f"{sites[0].asset.reference}: enter the equipment type" in html
    assert "Fix these 5 problems" in html
    application.refresh_from_db()
    assert application.status == S.DRAFT


def test_submit_a_ready_draft(supplier_client, draft):
    response = supplier_client.post(url("submit", draft))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == S.SUBMITTED


# Documents ------------------------------------------------------------------------------------------------------


def upload(client, application, content: bytes, name: str, kind="drawing"):
    return client.post(url("document_upload", application), {"kind": kind, "file": SimpleUploadedFile(name, content)})


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (
            b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200,
            "drawing.pdf",
            "must be a PDF, PNG or JPEG",
        ),
        (b"#!/bin/sh\nrm -rf /\n", "photo.jpg", "must be a PDF, PNG or JPEG"),
        (b"<html><script>alert(1)</script></html>", "plan.png", "must be a PDF, PNG or JPEG"),
        (b"", "empty.pdf", "The selected file is empty"),
    ],
    ids=["renamed-executable", "renamed-script", "html-as-png", "empty"],
)
def test_upload_refuses_what_is_not_a_pdf_or_image(supplier_client, draft, content, name, message):
    html = errors(upload(supplier_client, draft, content, name))
    assert message in html
    assert not ApplicationDocument.objects.filter(application=draft).exists()


def test_upload_refuses_an_oversized_file(supplier_client, draft, settings):
    settings.APPLICATION_UPLOAD_MAX_BYTES = 1024
    html = errors(upload(supplier_client, draft, PDF + b"0" * 2048, "big.pdf"))
    assert "The selected file must be smaller than" in html
    assert not ApplicationDocument.objects.filter(application=draft).exists()


def test_upload_without_a_file_or_a_kind(supplier_client, draft):
    assert "Select a file to upload" in errors(supplier_client.post(url("document_upload", draft), {"kind": "drawing"}))
    html = errors(supplier_client.post(url("document_upload", draft), {"file": SimpleUploadedFile("a.pdf", PDF)}))
    assert "Choose what kind of document this is" in html


def test_upload_for_a_site_of_another_application_is_refused(supplier_client, draft, glasgow):
    other = ApplicationFactory(council=glasgow, supplier=draft.supplier)
    payload = {"kind": "drawing", "site": other.sites.first().pk, "file": SimpleUploadedFile("a.pdf", PDF)}
    html = errors(supplier_client.post(url("document_upload", draft), payload))
    assert "Choose a site of this application" in html


def test_a_pdf_named_jpg_is_stored_as_a_pdf_and_served_only_through_the_check(supplier_client, draft):
    response = upload(supplier_client, draft, PDF, "plan.jpg")
    assert response.status_code == 302
    document = ApplicationDocument.objects.get(application=draft)
    assert document.content_type == "application/pdf" and document.file.name.endswith(".pdf")
    download = supplier_client.get(url("document_download", draft, document.pk))
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"].startswith("attachment")
    assert download["Cache-Control"] == "private, no-store"
    assert b"".join(download.streaming_content) == PDF


def test_another_organisations_document_id_is_not_found_through_my_application(client, glasgow, draft):
    mine = SubmittedApplicationFactory(council=glasgow)
    theirs = draft
    client.force_login(theirs.supplier)
    upload(client, theirs, PDF, "secret.pdf")
    secret = ApplicationDocument.objects.get(application=theirs)
    client.force_login(mine.supplier)
    assert client.get(url("document_download", mine, secret.pk)).status_code == 404
    assert client.get(url("document_download", theirs, secret.pk)).status_code == 404
    assert client.post(url("document_delete", theirs, secret.pk)).status_code == 404
    assert ApplicationDocument.objects.filter(pk=secret.pk).exists()


def test_a_document_missing_from_storage_is_a_404_not_a_500(supplier_client, draft):
    upload(supplier_client, draft, PDF, "gone.pdf")
    document = ApplicationDocument.objects.get(application=draft)
    document.file.storage.delete(document.file.name)
    assert supplier_client.get(url("document_download", draft, document.pk)).status_code == 404
