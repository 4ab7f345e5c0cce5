"""Approving a site reserves the asset's slot and load; refusal and withdrawal give them back."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from applications import services
from applications.models import ApplicationSite, ApplicationStatus, EventAction, RefusalReason, SiteDecision
from applications.transitions import TransitionNotAllowed
from sites.models import Asset, Availability
from tests.applications.factories import (
    EQUIPMENT,
    ApprovedApplicationFactory,
    SubmittedApplicationFactory,
    UnderReviewApplicationFactory,
)
from tests.factories import AssetFactory

pytestmark = pytest.mark.django_db
S = ApplicationStatus


def _site(application):
    site = application.sites.get()
    site.application = application
    return site


def _asset(asset) -> tuple[int, int]:
    asset = Asset.objects.get(pk=asset.pk)
    return asset.slots_used, asset.load_used_kg


def test_approving_reserves_a_slot_and_the_weight_rounded_up(glasgow):
    asset = AssetFactory(council=glasgow, slots=2, structural_capacity_kg=60)
    application = UnderReviewApplicationFactory(council=glasgow, assets=[asset])
    site = services.application_site_decide(
        site=_site(application), by=application.officer, decision="approved", conditions="Grey finish."
    )
    assert (site.capacity_reserved, site.reserved_load_kg) == (True, 13)  # 12.5 kg
    assert _asset(asset) == (1, 13)
    # Deciding it again (new conditions) does not take the capacity twice.
    services.application_site_decide(site=site, by=application.officer, decision="approved", conditions="Black.")
    assert _asset(asset) == (1, 13)
    event = application.events.filter(action=EventAction.SITE_DECIDED).last()
    assert (event.site_id, event.comment, event.data["decision"]) == (site.pk, "Black.", "approved")


def test_refusing_an_approved_site_gives_the_capacity_back(glasgow):
    asset = AssetFactory(council=glasgow)
    application = UnderReviewApplicationFactory(council=glasgow, assets=[asset], decide_sites="approved")
    assert _asset(asset) == (1, 13)
    site = services.application_site_decide(
        site=_site(application),
        by=application.officer,
        decision="refused",
        refusal_reason=RefusalReason.CONSTRAINT,
        refusal_detail="Listed building frontage.",
    )
    assert (site.capacity_reserved, site.reserved_load_kg, site.conditions) == (False, 0, "")
    assert _asset(asset) == (0, 0)


def test_a_refusal_needs_a_reason_from_the_list(glasgow):
    application = UnderReviewApplicationFactory(council=glasgow)
    site = _site(application)
    with pytest.raises(ValidationError, match="Choose the reason"):
        services.application_site_decide(site=site, by=application.officer, decision="refused")
    with pytest.raises(ValidationError, match="Explain the reason"):
        services.application_site_decide(
            site=site, by=application.officer, decision="refused", refusal_reason=RefusalReason.OTHER
        )
    with pytest.raises(ValidationError, match="approve or refuse"):
        services.application_site_decide(site=site, by=application.officer, decision="maybe")
    assert ApplicationSite.objects.get(pk=site.pk).decision == SiteDecision.PENDING


def test_sites_are_decided_only_by_the_council_while_under_review(glasgow):
    application = SubmittedApplicationFactory(council=glasgow)
    with pytest.raises(TransitionNotAllowed, match="only while the application is under review"):
        services.application_site_decide(site=_site(application), by=application.officer, decision="approved")
    application = UnderReviewApplicationFactory(council=glasgow)
    with pytest.raises(PermissionDenied):
        services.application_site_decide(site=_site(application), by=application.supplier, decision="approved")


def test_the_last_slot_goes_to_the_first_approval(glasgow):
    asset = AssetFactory(council=glasgow, slots=1)
    first = UnderReviewApplicationFactory(council=glasgow, assets=[asset])
    second = UnderReviewApplicationFactory(council=glasgow, assets=[asset])
    services.application_site_decide(site=_site(first), by=first.officer, decision="approved")
    events = second.events.count()
    with pytest.raises(ValidationError) as exc:
        services.application_site_decide(site=_site(second), by=second.officer, decision="approved")
    assert exc.value.message_dict["decision"] == [f"{asset.reference} has 0 free slot(s); 1 asked for."]
    assert _site(second).decision == SiteDecision.PENDING
    assert second.events.count() == events
    assert _asset(asset) == (1, 13)


def test_approval_is_refused_when_the_load_is_too_much(glasgow):
    asset = AssetFactory(council=glasgow, slots=3, structural_capacity_kg=20)
    first = UnderReviewApplicationFactory(council=glasgow, assets=[asset], decide_sites="approved")
    second = UnderReviewApplicationFactory(
        council=glasgow, assets=[AssetFactory(council=glasgow)], equipment={**EQUIPMENT, "weight_kg": Decimal("9")}
    )
    assert first.sites.get().capacity_reserved
    # Put the second application's site on the same asset (as if submitted before the first was approved).
    site = _site(second)
    ApplicationSite.objects.filter(pk=site.pk).update(asset=asset)
    site.refresh_from_db()
    site.application = second
    with pytest.raises(ValidationError, match="can carry 7 kg more; 9 kg asked for"):
        services.application_site_decide(site=site, by=second.officer, decision="approved")


def test_an_unavailable_asset_cannot_be_approved(glasgow):
    asset = AssetFactory(council=glasgow)
    application = UnderReviewApplicationFactory(council=glasgow, assets=[asset])
    Asset.objects.filter(pk=asset.pk).update(availability=Availability.UNAVAILABLE, unavailable_reason="Removed.")
    with pytest.raises(ValidationError, match="is unavailable: Removed."):
        services.application_site_decide(site=_site(application), by=application.officer, decision="approved")


def test_withdrawing_an_approved_application_releases_its_sites(glasgow):
    assets = [AssetFactory(council=glasgow) for _ in range(2)]
    application = ApprovedApplicationFactory(council=glasgow, assets=assets)
    assert [_asset(a) for a in assets] == [(1, 13), (1, 13)]
    services.application_withdraw(application=application, by=application.supplier, reason="Funding withdrawn.")
    assert application.status == S.WITHDRAWN
    assert [_asset(a) for a in assets] == [(0, 0), (0, 0)]
    assert not application.sites.filter(capacity_reserved=True).exists()


def test_a_batch_can_be_approved_in_part(glasgow):
    application = UnderReviewApplicationFactory(council=glasgow, site_count=3)
    sites = list(application.sites.order_by("pk"))
    for site in sites[:2]:
        site.application = application
        services.application_site_decide(site=site, by=application.officer, decision="approved")
    sites[2].application = application
    services.application_site_decide(
        site=sites[2], by=application.officer, decision="refused", refusal_reason=RefusalReason.NO_SPACE
    )
    services.application_decide(application=application, by=application.officer, comment="Two of three.")
    assert application.status == S.APPROVED
    assert application.sites.filter(capacity_reserved=True).count() == 2
