"""Changes to a supplier's saved searches (sites.saved_searches) and the alerts' bookkeeping.

Only suppliers keep saved searches (as they keep a shortlist); each person sees and
changes only their own; at most SAVED_SEARCH_LIMIT each; the same query once. The
query string is checked by the caller (the finder's parser lives in mapping) before it
is saved here.
"""

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import QuerySet

from portal.models import User

from .saved_searches import QUERY_MAX_LENGTH, SAVED_SEARCH_LIMIT, SavedSearch
from .shortlist_services import has_shortlist

FULL_MESSAGE = f"You can keep at most {SAVED_SEARCH_LIMIT} saved searches. Delete one you no longer need first."


def may_save_searches(user) -> bool:
    """Active signed-in suppliers (the people with a shortlist)."""
    return has_shortlist(user)


def saved_search_list(*, user) -> QuerySet[SavedSearch]:
    if not may_save_searches(user):
        return SavedSearch.objects.none()
    return SavedSearch.objects.filter(user=user)


@transaction.atomic
def saved_search_create(*, user: User, name: str, query: str, alerts: bool = True) -> SavedSearch:
    """Save `query` (a checked finder query string) under `name`.

    PermissionDenied for anyone but a supplier; ValidationError for an empty or long name,
    a query too long, the same query again, or a full list.
    """
    if not may_save_searches(user):
        raise PermissionDenied("Only suppliers can save searches.")
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError({"name": "Enter a name for the search, for example “5G columns in the city centre”."})
    if len(query) > QUERY_MAX_LENGTH:
        raise ValidationError({"query": "This search is too long to save. Draw a simpler area, or use fewer filters."})
    # Lock the user's row so two saves at once cannot both pass the limit.
    User.objects.select_for_update().filter(pk=user.pk).first()
    if SavedSearch.objects.filter(user=user, query=query).exists():
        raise ValidationError({"query": "You have already saved this search."})
    if SavedSearch.objects.filter(user=user).count() >= SAVED_SEARCH_LIMIT:
        raise ValidationError({"query": FULL_MESSAGE})
    search = SavedSearch(user=user, name=name, query=query, alerts=alerts)
    search.full_clean()
    try:
        with transaction.atomic():
            search.save()
    except IntegrityError as exc:  # the same query saved at the same moment
        raise ValidationError({"query": "You have already saved this search."}) from exc
    return search


@transaction.atomic
def saved_search_delete(*, user: User, pk: int) -> SavedSearch | None:
    """Delete one of `user`'s own saved searches; the one deleted, or None (not theirs, or gone)."""
    search = saved_search_list(user=user).filter(pk=pk).first()
    if search is not None:
        search.delete()
    return search


@transaction.atomic
def saved_search_alerts_set(*, user: User, pk: int, alerts: bool) -> SavedSearch | None:
    search = saved_search_list(user=user).filter(pk=pk).first()
    if search is not None:
        search.alerts = alerts
        search.save(update_fields=["alerts"])
    return search


def saved_search_alerted(*, search: SavedSearch, up_to: datetime) -> None:
    """The alert run has told the supplier of every new site up to `up_to`."""
    SavedSearch.objects.filter(pk=search.pk).update(alerted_up_to=up_to)
