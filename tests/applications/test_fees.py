"""Fees from the council's schedule: annual per site, one-off fees once per application."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from applications import services
from applications.fees import application_fees
from applications.models import RefusalReason
from sites.models import AssetType
from tests.applications.factories import ApplicationFactory, FeeScheduleFactory, UnderReviewApplicationFactory
from tests.factories import AssetFactory

pytestmark = pytest.mark.django_db


def test_annual_fee_per_site_and_one_off_fees_once(glasgow):
    FeeScheduleFactory(council=glasgow)
    application = ApplicationFactory(council=glasgow, site_count=3)
    quote = application_fees(application=application)
    assert quote.complete
    assert [line.annual_fee for line in quote.lines] == [Decimal("1200.00")] * 3
    assert quote.annual_total == Decimal("3600.00")
    assert quote.one_off_total == Decimal("1100.00")  # 350 + 500 + 250
    assert quote.first_year_total == Decimal("4700.00")
    assert quote.missing_message == ""


def test_a_mixed_batch_pays_each_types_fee_and_the_highest_one_offs(glasgow):
    cctv = AssetType.objects.get(code="cctv_column")
    FeeScheduleFactory(council=glasgow)
    FeeScheduleFactory(
        council=glasgow,
        asset_type=cctv,
        annual_licence_fee=Decimal("900.00"),
        application_fee=Decimal("400.00"),
        legal_fee=Decimal("100.00"),
        surveyor_fee=Decimal("0.00"),
    )
    assets = [AssetFactory(council=glasgow), AssetFactory(council=glasgow, asset_type=cctv)]
    quote = application_fees(application=ApplicationFactory(council=glasgow, assets=assets))
    assert quote.annual_total == Decimal("2100.00")
    assert (quote.application_fee, quote.legal_fee, quote.surveyor_fee) == (
        Decimal("400.00"),
        Decimal("500.00"),
        Decimal("250.00"),
    )


def test_no_fee_schedule_is_a_clear_result_not_an_error(glasgow):
    FeeScheduleFactory(council=glasgow, application_type="wayleave")  # another application type
    quote = application_fees(application=ApplicationFactory(council=glasgow, site_count=2))
    assert not quote.complete
    assert quote.missing == ["Lighting column"]
    assert [line.annual_fee for line in quote.lines] == [None, None]
    assert quote.annual_total == quote.one_off_total == Decimal("0.00")
    assert quote.missing_message == (
        "Glasgow City Council has no fee schedule for Lighting column (Small cell) yet. "
        "The council will confirm these fees."
    )


def test_refused_sites_pay_nothing(glasgow):
    FeeScheduleFactory(council=glasgow)
    application = UnderReviewApplicationFactory(council=glasgow, site_count=2)
    site = application.sites.order_by("pk").first()
    site.application = application
    services.application_site_decide(
        site=site, by=application.officer, decision="refused", refusal_reason=RefusalReason.SAFETY_OR_ACCESS
    )
    assert application_fees(application=application).annual_total == Decimal("1200.00")


def test_a_schedule_is_unique_per_council_asset_type_and_application_type(glasgow):
    FeeScheduleFactory(council=glasgow)
    duplicate = FeeScheduleFactory.build(council=glasgow)
    with pytest.raises(ValidationError, match="already has a fee schedule"):
        duplicate.full_clean()
    negative = FeeScheduleFactory.build(council=glasgow, application_type="wayleave", legal_fee=Decimal("-1"))
    with pytest.raises(ValidationError) as exc:
        negative.full_clean()
    assert "legal_fee" in exc.value.message_dict
