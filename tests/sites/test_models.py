"""Database constraints on the register hold even when code bypasses the services."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from sites.models import Asset, AssetType, Availability
from tests.factories import AssetFactory

pytestmark = pytest.mark.django_db


def test_reference_asset_types_are_there_after_migrate():
    codes = set(AssetType.objects.values_list("code", flat=True))
    assert {
        "lighting_column",
        "cctv_column",
        "building_rooftop",
        "land_parcel",
        "duct_chamber",
        "traffic_signal_pole",
        "bus_shelter",
        "other",
    } <= codes
    assert AssetType.objects.get(code="building_rooftop").accepts("rooftop")
    assert not AssetType.objects.get(code="lighting_column").accepts("rooftop")


@pytest.mark.parametrize(
    "change",
    [
        {"height_m": -1},
        {"longitude": 200},
        {"latitude": -91},
        {"min_longitude": 1, "max_longitude": 0},
        {"availability": Availability.UNAVAILABLE, "unavailable_reason": ""},
        {"easting": 9_000_000},
    ],
    ids=["negative height", "longitude", "latitude", "inverted box", "unavailable without reason", "grid"],
)
def test_constraint_refuses_impossible_values(glasgow, change):
    asset = AssetFactory(council=glasgow)
    with pytest.raises(IntegrityError), transaction.atomic():
        Asset.objects.filter(pk=asset.pk).update(**change)


def test_reference_is_unique_within_a_council(glasgow):
    AssetFactory(council=glasgow, reference="LC-1")
    with pytest.raises(ValidationError, match="reference"):
        AssetFactory(council=glasgow, reference="LC-1")
    assert Asset.objects.filter(reference="LC-1").count() == 1


def test_edits_are_kept_in_history(glasgow):
    from sites.services import asset_save

    asset = AssetFactory(council=glasgow, height_m=8)
    asset.height_m = 10
    asset_save(asset=asset)
    heights = [float(h.height_m) for h in asset.history.order_by("history_date")]
    assert heights == [8.0, 10.0]
