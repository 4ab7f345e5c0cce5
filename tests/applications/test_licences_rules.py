"""Licence rules: who may issue, only approved sites, a snapshot that outlives the register,
the database guard, renewal and the derived states, and the terms for each licence type."""

import io
from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from pypdf import PdfReader

from applications import services
from applications.licences.services import licence_issue, licence_revoke, licence_vary_or_renew
from applications.licences.verification import stored_file_matches
from applications.models import ApplicationStatus, Licence, LicenceSite, LicenceState, RefusalReason, SiteDecision
from sites.models import ApplicationType, AssetType
from sites.services import asset_save
from tests.applications.factories import UnderReviewApplicationFactory
from tests.applications.licence_factories import approved, licensed, register, spread_assets
from tests.factories import (
    GEORGE_SQUARE,
    AssetFactory,
    CouncilAdminFactory,
    OfficerFactory,
    SupplierFactory,
    SystemAdminFactory,
    square,
)

pytestmark = pytest.mark.django_db


def _text(licence: Licence) -> str:
    with licence.pdf.open("rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


ROLES = {
    "officer_of_the_council": (lambda app: OfficerFactory(council=app.council), True),
    "council_admin_of_the_council": (lambda app: CouncilAdminFactory(council=app.council), True),
    "supplier_of_the_org": (lambda app: SupplierFactory(organisation=app.organisation), False),
    "supplier_of_another_org": (lambda app: SupplierFactory(), False),
    "officer_of_another_council": (lambda app: OfficerFactory(), False),
    "system_admin": (lambda app: SystemAdminFactory(), False),
    "anonymous": (lambda app: AnonymousUser(), False),
}


@pytest.mark.parametrize("who", list(ROLES))
def test_only_the_councils_officers_may_issue(glasgow, who):
    application = approved(council=glasgow)
    make_user, allowed = ROLES[who]
    user = make_user(application)
    if allowed:
        services.application_issue_licence(application=application, by=user)
        licence = Licence.objects.get(application=application)
        assert licence.issued_by == user
        assert application.status == ApplicationStatus.LICENCE_ISSUED
    else:
        with pytest.raises(PermissionDenied):
            services.application_issue_licence(application=application, by=user)
        application.refresh_from_db()
        assert application.status == ApplicationStatus.APPROVED
        assert not Licence.objects.filter(application=application).exists()


def test_the_licence_service_itself_refuses_anyone_but_the_council(glasgow):
    """Defence in depth: licence_issue checks the person too, not only the workflow."""
    application, licence = licensed(council=glasgow)
    with pytest.raises(PermissionDenied):
        licence_issue(application=application, by=application.supplier)
    with pytest.raises(ValidationError, match="already has licence"):
        licence_issue(application=application, by=application.officer)
    assert Licence.objects.filter(application=application).count() == 1


def test_a_refused_site_is_not_licensed(glasgow):
    register(council=glasgow)
    assets = spread_assets(council=glasgow, count=3)
    application = UnderReviewApplicationFactory(council=glasgow, assets=assets)
    officer = application.officer
    for site in application.sites.order_by("asset__reference"):
        site.application = application
        if site.asset == assets[1]:
            services.application_site_decide(
                site=site, by=officer, decision=SiteDecision.REFUSED, refusal_reason=RefusalReason.STRUCTURAL_CAPACITY
            )
        else:
            services.application_site_decide(site=site, by=officer, decision=SiteDecision.APPROVED)
    services.application_decide(application=application, by=officer)
    services.application_issue_licence(application=application, by=officer)
    licence = Licence.objects.get(application=application)
    assert list(licence.schedule.values_list("asset_reference", flat=True)) == [
        assets[0].reference,
        assets[2].reference,
    ]
    text = _text(licence)
    assert assets[1].reference not in text
    assert "2 sites" in text and "£2,400.00" in text, "two annual fees of £1,200"


def test_the_schedule_is_a_snapshot_the_register_cannot_change(glasgow):
    application, licence = licensed(council=glasgow)
    asset = application.sites.get().asset
    asset.street = "Renamed Street"
    asset.geometry = {"type": "Point", "coordinates": [GEORGE_SQUARE[0] + 0.01, GEORGE_SQUARE[1]]}
    asset_save(asset=asset)
    row = LicenceSite.objects.get(licence=licence)
    assert row.street == "1 George Street"
    assert row.longitude == pytest.approx(GEORGE_SQUARE[0] - 5 * 0.0006)
    assert stored_file_matches(licence)


def test_the_database_refuses_to_change_a_schedule_row_or_a_revocation(glasgow):
    _, licence = licensed(council=glasgow)
    with pytest.raises(IntegrityError), transaction.atomic():
        LicenceSite.objects.filter(licence=licence).update(annual_fee=0)
    revoked = licence_revoke(licence=licence, reason="Fees unpaid", by=OfficerFactory(council=glasgow))
    with pytest.raises(IntegrityError), transaction.atomic():
        Licence.objects.filter(pk=revoked.pk).update(revocation_reason="Something else")
    with pytest.raises(IntegrityError), transaction.atomic():
        Licence.objects.filter(pk=revoked.pk).update(revoked_at=None, revoked_by=None, revocation_reason="")
    revoked.refresh_from_db()
    assert revoked.revocation_reason == "Fees unpaid"


def test_a_renewal_starts_when_the_old_licence_ends_which_is_superseded_from_then(glasgow):
    _, licence = licensed(council=glasgow)
    officer = OfficerFactory(council=glasgow)
    renewal = licence_vary_or_renew(licence=licence, by=officer, kind="renewal", reason="Second term")
    assert renewal.starts_on == licence.ends_on + timedelta(days=1)
    assert renewal.term_years == licence.term_years
    assert renewal.replaces == licence and renewal.number != licence.number
    licence.refresh_from_db()
    assert licence.state_on(licence.starts_on) == LicenceState.VALID, "still in force until its renewal starts"
    assert licence.state_on(renewal.starts_on) == LicenceState.SUPERSEDED
    assert renewal.state_on(renewal.starts_on) == LicenceState.VALID
    assert renewal.state_on(renewal.ends_on + timedelta(days=1)) == LicenceState.EXPIRED
    assert "renews licence " + licence.number in _text(renewal)


def test_an_expired_licence_without_a_replacement(glasgow):
    _, licence = licensed(council=glasgow)
    assert licence.state_on(licence.ends_on) == LicenceState.VALID
    assert licence.state_on(licence.ends_on + timedelta(days=1)) == LicenceState.EXPIRED


def test_a_revoked_licence_cannot_be_varied_and_a_variation_needs_a_reason(glasgow):
    _, licence = licensed(council=glasgow)
    officer = OfficerFactory(council=glasgow)
    with pytest.raises(ValidationError, match="reason"):
        licence_vary_or_renew(licence=licence, by=officer, kind="variation", reason="")
    with pytest.raises(PermissionDenied):
        licence_vary_or_renew(licence=licence, by=OfficerFactory(), kind="variation", reason="Not mine")
    licence_revoke(licence=licence, reason="Breach of condition C1", by=officer)
    with pytest.raises(ValidationError, match="was revoked"):
        licence_vary_or_renew(licence=licence, by=officer, kind="variation", reason="Too late")
    assert Licence.objects.count() == 1


def _asset_for(council, licence_type: str, n: int):
    lon, lat = GEORGE_SQUARE[0] + 0.002 * n, GEORGE_SQUARE[1]
    if licence_type == ApplicationType.ROOFTOP:
        return AssetFactory(
            council=council,
            asset_type=AssetType.objects.get(code="building_rooftop"),
            geometry=square(lon, lat, half=0.0002),
            structural_capacity_kg=500,
        )
    if licence_type == ApplicationType.MACRO_SITE:
        return AssetFactory(
            council=council,
            asset_type=AssetType.objects.get(code="land_parcel"),
            geometry=square(lon, lat, half=0.0004),
            structural_capacity_kg=5000,
        )
    if licence_type == ApplicationType.WAYLEAVE:
        route = {"type": "LineString", "coordinates": [[lon - 0.001, lat], [lon, lat + 0.0005], [lon + 0.001, lat]]}
        return AssetFactory(council=council, asset_type=AssetType.objects.get(code="duct_chamber"), geometry=route)
    return AssetFactory(council=council, geometry={"type": "Point", "coordinates": [lon, lat]})


@pytest.mark.parametrize(
    ("licence_type", "code", "phrase"),
    [
        (ApplicationType.SMALL_CELL, "SC", "street lighting engineers"),
        (ApplicationType.ROOFTOP, "RT", "roof access route"),
        (ApplicationType.MACRO_SITE, "MS", "fenced compound"),
        (ApplicationType.WAYLEAVE, "WL", "Scottish Road Works Register"),
    ],
)
def test_each_licence_type_has_its_number_code_terms_and_plan(glasgow, licence_type, code, phrase):
    """Points, areas and routes are all drawn; a type without a fee schedule says so."""
    register(council=glasgow)  # a fee schedule for small cells on lighting columns only
    asset = _asset_for(glasgow, licence_type, 1)
    application, licence = licensed(council=glasgow, assets=[asset], application_type=licence_type)
    assert licence.number.startswith(f"GCC-{code}-")
    text = _text(licence)
    assert phrase in text
    for clause in ("Access", "Power", "Insurance", "Electronic Communications Code", "Dispute resolution"):
        assert clause in text
    assert "Schedule 4: location plans" in text and f"Plan 1 of 1: {asset.reference}" in text
    if licence_type == ApplicationType.SMALL_CELL:
        assert not licence.fees_to_be_confirmed and "£1,200.00" in text
    else:
        assert licence.fees_to_be_confirmed and "to be confirmed" in text
