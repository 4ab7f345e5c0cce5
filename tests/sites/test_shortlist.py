"""sites.shortlist_services: only suppliers, each asset once, the limit, visibility, one's own shortlist only."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError

from sites import shortlist as shortlist_module
from sites import shortlist_services
from sites.models import Asset, AssetType, Shortlist, ShortlistItem
from sites.shortlist_services import (
    has_shortlist,
    shortlist_add,
    shortlist_asset_ids,
    shortlist_assets,
    shortlist_count,
    shortlist_remove,
)
from tests.factories import AssetFactory, CouncilAdminFactory, OfficerFactory, SupplierFactory, SystemAdminFactory

pytestmark = pytest.mark.django_db


def test_add_creates_the_shortlist_and_keeps_each_asset_once(glasgow):
    supplier = SupplierFactory()
    first, second = AssetFactory.create_batch(2, council=glasgow)
    item, added = shortlist_add(user=supplier, asset=first)
    assert added and item.asset == first and item.shortlist.user == supplier
    again, added = shortlist_add(user=supplier, asset=first)
    assert not added and again.pk == item.pk
    shortlist_add(user=supplier, asset=second)
    assert list(shortlist_assets(user=supplier)) == [first, second]  # in the order added
    assert shortlist_asset_ids(user=supplier) == {first.pk, second.pk}
    assert shortlist_count(user=supplier) == 2
    assert Shortlist.objects.count() == 1


def test_remove_takes_it_off_only_the_users_own_shortlist(glasgow):
    mine, theirs = SupplierFactory(), SupplierFactory()
    asset = AssetFactory(council=glasgow)
    shortlist_add(user=mine, asset=asset)
    shortlist_add(user=theirs, asset=asset)
    assert shortlist_remove(user=theirs, asset_id=asset.pk) is True
    assert shortlist_remove(user=theirs, asset_id=asset.pk) is False  # already gone
    assert shortlist_asset_ids(user=mine) == {asset.pk}
    assert shortlist_asset_ids(user=theirs) == set()


def test_the_limit_is_enforced_and_says_so(glasgow, settings):
    settings.APPLICATION_MAX_SITES = 3  # the one setting: lowering it lowers the shortlist too
    supplier = SupplierFactory()
    assets = AssetFactory.create_batch(4, council=glasgow)
    for asset in assets[:3]:
        shortlist_add(user=supplier, asset=asset)
    with pytest.raises(ValidationError) as error:
        shortlist_add(user=supplier, asset=assets[3])
    assert "Your shortlist is full" in error.value.messages[0]
    assert shortlist_count(user=supplier) == 3
    # Adding one already there is not refused at the limit.
    assert shortlist_add(user=supplier, asset=assets[0])[1] is False


def test_the_shortlist_and_an_application_share_one_limit(settings):
    from applications.checks import max_sites

    assert shortlist_module.batch_limit() == 100 == max_sites()
    settings.APPLICATION_MAX_SITES = 7
    assert shortlist_services.batch_limit() == 7 == max_sites()


@pytest.mark.parametrize("make", [OfficerFactory, CouncilAdminFactory, SystemAdminFactory, None])
def test_only_suppliers_have_shortlists(glasgow, make):
    user = make() if make else AnonymousUser()
    asset = AssetFactory(council=glasgow)
    assert not has_shortlist(user)
    with pytest.raises(PermissionDenied):
        shortlist_add(user=user, asset=asset)
    with pytest.raises(PermissionDenied):
        shortlist_remove(user=user, asset_id=asset.pk)
    assert shortlist_asset_ids(user=user) == set()
    assert list(shortlist_assets(user=user)) == []
    assert ShortlistItem.objects.count() == 0


def test_inactive_supplier_has_no_shortlist(glasgow):
    supplier = SupplierFactory(is_active=False)
    with pytest.raises(PermissionDenied):
        shortlist_add(user=supplier, asset=AssetFactory(council=glasgow))


def test_an_asset_the_user_cannot_see_is_refused_as_missing(glasgow, monkeypatch):
    supplier = SupplierFactory()
    duct = AssetFactory(council=glasgow, asset_type=AssetType.objects.get(code="duct_chamber"))
    # Suppliers see restricted types; pretend this one may not, to check the guard.
    monkeypatch.setattr(shortlist_services, "assets_visible_to", lambda **kw: Asset.objects.exclude(pk=duct.pk))
    with pytest.raises(Asset.DoesNotExist):
        shortlist_add(user=supplier, asset=duct)


def test_deleting_an_asset_or_a_user_removes_their_items(glasgow):
    supplier = SupplierFactory()
    keep, drop = AssetFactory.create_batch(2, council=glasgow)
    shortlist_add(user=supplier, asset=keep)
    shortlist_add(user=supplier, asset=drop)
    drop.delete()
    assert shortlist_asset_ids(user=supplier) == {keep.pk}
    supplier.delete()
    assert ShortlistItem.objects.count() == 0 and Shortlist.objects.count() == 0
