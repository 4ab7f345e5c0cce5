"""Changes to and reads of a supplier's shortlist (sites.shortlist).

Only suppliers have shortlists; each asset at most once; at most batch_limit() assets (settings.APPLICATION_MAX_SITES).
An asset the user may not see (a restricted type, for someone who cannot) is refused
as if it did not exist.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet

from portal.models import User

from .models import Asset
from .search import assets_visible_to
from .shortlist import Shortlist, ShortlistItem, batch_limit

__all__ = [
    "batch_limit",
    "has_shortlist",
    "shortlist_add",
    "shortlist_asset_ids",
    "shortlist_assets",
    "shortlist_count",
    "shortlist_remove",
    "shortlist_take_off",
]


def full_message() -> str:
    return (
        f"Your shortlist is full: it holds at most {batch_limit()} sites. Remove some, or apply for these sites first."
    )


def has_shortlist(user) -> bool:
    """Whether `user` may keep a shortlist: active signed-in suppliers only."""
    return bool(user is not None and user.is_authenticated and user.is_active and user.is_supplier)


def _require_supplier(user) -> None:
    if not has_shortlist(user):
        raise PermissionDenied("Only suppliers have a shortlist.")


@transaction.atomic
def shortlist_add(*, user: User, asset: Asset) -> tuple[ShortlistItem, bool]:
    """Put `asset` on `user`'s shortlist; (the item, whether it was added now).

    Raises PermissionDenied for anyone but a supplier, Asset.DoesNotExist for an asset the
    user may not see, and ValidationError when the shortlist is full.
    """
    _require_supplier(user)
    if not assets_visible_to(user=user).filter(pk=asset.pk).exists():
        raise Asset.DoesNotExist("No such site.")
    shortlist, _ = Shortlist.objects.get_or_create(user=user)
    # Lock the shortlist row so two adds at once cannot both pass the limit (PostgreSQL;
    # SQLite's IMMEDIATE transactions already serialise writers).
    shortlist = Shortlist.objects.select_for_update().get(pk=shortlist.pk)
    existing = shortlist.items.filter(asset=asset).first()
    if existing is not None:
        return existing, False
    if shortlist.items.count() >= batch_limit():
        raise ValidationError(full_message(), code="full")
    item = ShortlistItem(shortlist=shortlist, asset=asset)
    item.full_clean()
    item.save()
    return item, True


@transaction.atomic
def shortlist_remove(*, user: User, asset_id: int) -> bool:
    """Take an asset off `user`'s own shortlist; whether it was there."""
    _require_supplier(user)
    deleted, _ = ShortlistItem.objects.filter(shortlist__user=user, asset_id=asset_id).delete()
    return deleted > 0


def shortlist_take_off(*, user: User, asset_ids) -> int:
    """Take these assets off `user`'s shortlist (they are in an application now); how many were on it.

    Anyone without a shortlist has nothing to take off (0). Call it inside the caller's transaction.
    """
    if not has_shortlist(user):
        return 0
    deleted, _ = ShortlistItem.objects.filter(shortlist__user=user, asset_id__in=list(asset_ids)).delete()
    return deleted


def shortlist_assets(*, user: User) -> QuerySet[Asset]:
    """The assets on `user`'s shortlist that they may see, in the order they were added."""
    if not has_shortlist(user):
        return Asset.objects.none()
    return (
        assets_visible_to(user=user)
        .filter(shortlist_items__shortlist__user=user)
        .select_related("council", "asset_type", "ward")
        .order_by("shortlist_items__added_at", "shortlist_items__pk")
    )


def shortlist_asset_ids(*, user) -> set[int]:
    """Ids of the assets on `user`'s shortlist (empty for anyone without one)."""
    if not has_shortlist(user):
        return set()
    return set(ShortlistItem.objects.filter(shortlist__user=user).values_list("asset_id", flat=True))


def shortlist_count(*, user) -> int:
    if not has_shortlist(user):
        return 0
    return ShortlistItem.objects.filter(shortlist__user=user).count()
