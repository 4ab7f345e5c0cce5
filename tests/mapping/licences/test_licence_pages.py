"""The public licence page (state, parties, sites, file check) and the permission-checked PDF download."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from applications.licences.services import licence_revoke, licence_vary_or_renew
from sites.models import ApplicationType, AssetType
from tests.applications.licence_factories import licensed
from tests.factories import AssetFactory, CouncilAdminFactory, OfficerFactory, SupplierFactory, SystemAdminFactory

pytestmark = pytest.mark.django_db


def _page(licence):
    return reverse("licences:verify", kwargs={"number": licence.number})


def _pdf(licence) -> bytes:
    with licence.pdf.open("rb") as handle:
        return handle.read()


def _check(client, licence, content: bytes, name: str = "licence.pdf"):
    upload = SimpleUploadedFile(name, content, content_type="application/pdf")
    return client.post(_page(licence), {"file": upload})


@pytest.fixture
def issued(glasgow):
    application, licence = licensed(council=glasgow, site_count=3)
    return application, licence


def test_valid_licence_page_shows_state_parties_sites_hash_and_a_map(client, issued):
    application, licence = issued
    response = client.get(_page(licence))
    assert response.status_code == 200
    html = response.content.decode()
    assert "This licence is valid" in html
    assert f"from {licence.starts_on:%-d %B %Y} until {licence.ends_on:%-d %B %Y}" in html, "it starts later"
    assert licence.number in html
    assert "Glasgow City Council" in html
    assert application.organisation.name in html
    assert licence.sha256 in html
    for row in licence.schedule.all():
        assert row.asset_reference in html
    assert len(response.context["features"]["features"]) == 3
    assert 'id="licence-features"' in html, "the features go to the map by json_script"
    assert "portal/licence-map.js" in html and "vendor/leaflet/leaflet.js" in html
    assert "<script>" not in html, "no inline script"
    assert 'enctype="multipart/form-data"' in html and "csrfmiddlewaretoken" in html


def test_the_public_page_names_no_people(client, issued):
    application, licence = issued
    supplier, officer = application.supplier, application.officer
    html = client.get(_page(licence)).content.decode()
    for secret in [supplier.email, officer.email, officer.get_full_name(), supplier.get_full_name()]:
        assert secret not in html
    assert officer.last_name not in html
    main = html.split("<main", 1)[1].split("</main>", 1)[0]
    assert "@" not in main, "no email address in the page's content (the footer has the council's)"


def test_revoked_licence_shows_reason_and_date(client, issued):
    application, licence = issued
    licence_revoke(licence=licence, reason="Annual fees unpaid for two years", by=application.officer)
    response = client.get(_page(licence))
    html = response.content.decode()
    assert response.context["state"] == "revoked"
    assert "This licence was revoked on" in html
    assert "Annual fees unpaid for two years" in html
    assert "This licence is valid" not in html


def test_superseded_licence_links_to_its_replacement(client, glasgow):
    application, licence = licensed(council=glasgow, site_count=2, proposed_start_date=timezone.localdate())
    removed = licence.schedule.order_by("position").first().asset_reference
    new = licence_vary_or_renew(
        licence=licence, by=application.officer, kind="variation", reason="One column removed", remove_sites=[removed]
    )
    licence.refresh_from_db()
    response = client.get(_page(licence))
    html = response.content.decode()
    assert response.context["state"] == "superseded", f"the variation starts on {new.starts_on}"
    assert f'href="{_page(new)}"' in html
    assert "This licence has been replaced by" in html
    replacement = client.get(_page(new)).content.decode()
    assert f'href="{_page(licence)}"' in replacement, "the new licence links back to the one it replaces"


@pytest.mark.parametrize("number", ["GCC-SC-2027-99999", "not-a-number", "gcc-sc-2027-00001"])
def test_unknown_numbers_are_404(client, issued, number):
    assert client.get(f"/licences/{number}/").status_code == 404
    assert client.get(f"/licences/{number}/licence.pdf").status_code in (302, 404)


def test_uploading_the_exact_file_matches(client, issued):
    _, licence = issued
    response = _check(client, licence, _pdf(licence))
    assert response.status_code == 200
    assert response.context["result"].matches
    assert "The file matches" in response.content.decode()


def test_uploading_an_altered_copy_does_not_match(client, issued):
    _, licence = issued
    original = _pdf(licence)
    altered = original[:-20] + bytes(b ^ 1 for b in original[-20:])
    response = _check(client, licence, altered)
    assert response.status_code == 200
    assert not response.context["result"].matches
    html = response.content.decode()
    assert "The file does not match" in html and "The file matches" not in html


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "The selected file is empty."),
        (b"MZ\x90\x00 this is not a pdf", "The selected file must be a PDF."),
        (b"%PDF-1.7\n" + b"0" * 4096, "smaller than"),
        (None, "Select the licence PDF to check."),
    ],
    ids=["empty", "not-pdf", "too-large", "no-file"],
)
def test_bad_uploads_are_form_errors_not_500s(client, issued, settings, content, message):
    _, licence = issued
    settings.LICENCE_CHECK_MAX_BYTES = 2048
    response = client.post(_page(licence), {}) if content is None else _check(client, licence, content)
    assert response.status_code == 200
    html = response.content.decode()
    assert "govuk-error-summary" in html and "There is a problem" in html
    assert message in html
    assert not response.context.get("result")


def test_the_check_needs_the_csrf_token(issued):
    _, licence = issued
    client = Client(enforce_csrf_checks=True)
    assert client.post(_page(licence), {}).status_code == 403


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("supplier_of_the_org", True),
        ("supplier_of_another_org", False),
        ("officer_of_the_council", True),
        ("council_admin_of_the_council", True),
        ("officer_of_another_council", False),
        ("system_admin", True),  # ADR 12: they see every application and its files
    ],
)
def test_download_permissions(client, issued, glasgow, who, allowed):
    application, licence = issued
    user = {
        "supplier_of_the_org": lambda: SupplierFactory(organisation=application.organisation),
        "supplier_of_another_org": SupplierFactory,
        "officer_of_the_council": lambda: OfficerFactory(council=glasgow),
        "council_admin_of_the_council": lambda: CouncilAdminFactory(council=glasgow),
        "officer_of_another_council": OfficerFactory,
        "system_admin": SystemAdminFactory,
    }[who]()
    client.force_login(user)
    url = reverse("licences:download", kwargs={"number": licence.number})
    response = client.get(url)
    if allowed:
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"] == f'attachment; filename="{licence.number}.pdf"'
        assert b"".join(response.streaming_content) == _pdf(licence)
    else:
        assert response.status_code == 403, "the licence is public, its file is not"


def test_anonymous_download_goes_to_sign_in(client, issued):
    _, licence = issued
    url = reverse("licences:download", kwargs={"number": licence.number})
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login")) and "next=" in response["Location"]


def test_application_page_links_to_download_and_check(client, issued):
    application, licence = issued
    client.force_login(application.supplier)
    html = client.get(reverse("applications:detail", args=[application.reference])).content.decode()
    assert reverse("licences:download", kwargs={"number": licence.number}) in html
    assert _page(licence) in html
    assert "Download licence" in html and "Check licence" in html


def test_expired_licence_says_when_it_ended(client, issued, monkeypatch):
    _, licence = issued
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: licence.ends_on + timedelta(days=1))
    response = client.get(_page(licence))
    assert response.context["state"] == "expired"
    assert f"This licence ended on {licence.ends_on.day} {licence.ends_on:%B %Y}" in response.content.decode()


def test_restricted_asset_types_keep_their_location_from_the_public(client, glasgow):
    """Ducts are shown only to signed-in users (sites.search.can_see_restricted); so is a licensed duct."""
    route = {"type": "LineString", "coordinates": [[-4.2512, 55.8611], [-4.2492, 55.8611]]}
    duct = AssetFactory(
        council=glasgow, asset_type=AssetType.objects.get(code="duct_chamber"), geometry=route, street="Duct Lane"
    )
    application, licence = licensed(council=glasgow, assets=[duct], application_type=ApplicationType.WAYLEAVE)
    public = client.get(_page(licence))
    assert public.context["features"]["features"] == []
    assert duct.reference in public.content.decode() and "Duct Lane" not in public.content.decode()
    client.force_login(application.supplier)
    signed_in = client.get(_page(licence))
    assert [f["geometry"]["type"] for f in signed_in.context["features"]["features"]] == ["LineString"]
    assert "Duct Lane" in signed_in.content.decode()
