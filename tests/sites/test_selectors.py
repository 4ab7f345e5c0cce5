"""sites.selectors: reads of the register, scoped to who is asking."""

import pytest
from django.contrib.auth.models import AnonymousUser

from sites.models import AssetType
from sites.selectors import asset_type_counts, register_has_synthetic
from tests.factories import AssetFactory, CouncilFactory, SupplierFactory

pytestmark = pytest.mark.django_db


def test_asset_type_counts_by_council_and_visibility(glasgow):
    duct = AssetType.objects.get(code="duct_chamber")  # restricted
    rooftop = AssetType.objects.get(code="building_rooftop")
    AssetFactory.create_batch(2, council=glasgow)
    AssetFactory(council=glasgow, asset_type=rooftop)
    AssetFactory(council=glasgow, asset_type=duct)
    AssetFactory.create_batch(3, council=CouncilFactory(), asset_type=rooftop)

    public = asset_type_counts(council=glasgow, user=AnonymousUser())
    assert [(t.code, t.asset_count) for t in public] == [("lighting_column", 2), ("building_rooftop", 1)]
    assert list(asset_type_counts(council=glasgow)) == list(public)

    signed_in = asset_type_counts(council=glasgow, user=SupplierFactory())
    assert [(t.code, t.asset_count) for t in signed_in] == [
        ("lighting_column", 2),
        ("building_rooftop", 1),
        ("duct_chamber", 1),
    ]


def test_register_has_synthetic(glasgow):
    AssetFactory(council=glasgow)
    assert not register_has_synthetic(council=glasgow)
    AssetFactory(council=CouncilFactory(), is_synthetic=True)
    assert not register_has_synthetic(council=glasgow)
    AssetFactory(council=glasgow, is_synthetic=True)
    assert register_has_synthetic(council=glasgow)
