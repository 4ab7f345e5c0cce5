"""Pages of site search results that stay fast on a million assets, on SQLite and PostgreSQL.

- The count is exact up to a cap (settings.SITE_SEARCH["MAX_LISTED"], 10,000 by default)
  and "more than" beyond it: the ids of at most cap + 1 matches, in no order, so a broad
  search (every available asset) is not a full count of the table on every page.
- A search with no area and only filters the cell counts are kept by (council, asset
  type, ward, availability: sites.clusters.asset_count) is counted exactly from those
  counts instead (a few thousand rows), as the OGC API's numberMatched is: the page then
  says how many there are ("800,000 sites found") and no ids are fetched to count them.
  The pages still end at the cap either way.
- For a map view (`narrow=True`) with no more than the cap, the page is ordered among
  those ids only: the planner then knows the set is small (PostgreSQL otherwise walks the
  whole reference index for a small view, guessing from its box-overlap estimate that
  matches are common: 290 ms instead of 70 at a million assets). Radius and drawn-area
  searches are already an id list (sites.search.in_area); attribute filters are planned
  well from the columns' statistics.
- A page is then two queries: the ids of the page in the search's order (no joins, so
  the planner orders by the best index it has), then those rows with their type, ward
  and council, without the columns the list does not show (geometry, notes, ward shapes).
"""

from functools import cached_property

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import QuerySet

from portal.models import Council
from sites.clusters import asset_count
from sites.models import Asset
from sites.search import AssetSearch, asset_search_queryset
from sites.spatial_index import ids_condition

DEFAULT_MAX_LISTED = 10_000
LIST_DEFERRED = ("geometry", "notes", "ward__geometry")


def max_listed() -> int:
    return int(settings.SITE_SEARCH.get("MAX_LISTED", DEFAULT_MAX_LISTED))


def count_up_to(queryset: QuerySet, cap: int) -> int:
    """How many rows match, counting no further than cap + 1 (in any order: none is needed)."""
    return queryset.order_by()[: cap + 1].count()


def assets_in_order(ids: list[int]) -> list[Asset]:
    """The assets with these ids, in this order, with what a results row shows."""
    rows = Asset.objects.filter(pk__in=ids).select_related("asset_type", "ward", "council").defer(*LIST_DEFERRED)
    by_id = {asset.pk: asset for asset in rows}
    return [by_id[pk] for pk in ids if pk in by_id]


class SearchPaginator(Paginator):
    """A Paginator over an ordered asset queryset with a capped count and id-first pages.

    `count` is at most `cap`; `more` says whether there were more matches than that (the
    pages then end at the cap). `total`: the exact number of matches when the caller knows
    it (the kept cell counts); then nothing is fetched to count them, and `total` stays
    exact past the cap (None when it is not known: a capped live count).
    """

    def __init__(
        self,
        queryset: QuerySet,
        per_page: int,
        *,
        cap: int | None = None,
        narrow: bool = False,
        total: int | None = None,
    ):
        super().__init__(queryset, per_page)
        self.cap = max_listed() if cap is None else cap
        self.narrow = narrow
        self.known_total = total

    @cached_property
    def first_ids(self) -> list[int]:
        """The ids of up to cap + 1 matches, in no particular order."""
        return list(self.object_list.order_by().values_list("id", flat=True)[: self.cap + 1])

    @cached_property
    def found(self) -> int:
        return self.known_total if self.known_total is not None else len(self.first_ids)

    @property
    def total(self) -> int | None:
        """Every match, exactly, when it is known (kept counts, or not past the cap)."""
        return self.found if self.known_total is not None or not self.more else None

    @cached_property
    def ordered(self) -> QuerySet:
        """The search in its order; for a map view, among the ids found when they are all of them."""
        if self.more or not self.narrow:
            return self.object_list
        return self.object_list.filter(ids_condition(self.first_ids, using=self.object_list.db))

    @cached_property
    def count(self) -> int:
        return min(self.found, self.cap)

    @property
    def more(self) -> bool:
        return self.found > self.cap

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = min(bottom + self.per_page, self.count)
        ids = list(self.ordered.values_list("id", flat=True)[bottom:top]) if top > bottom else []
        return self._get_page(assets_in_order(ids), number, self)


def search_pages(*, search: AssetSearch, user, council: Council | None, per_page: int) -> SearchPaginator:
    """The list page's paginator for a valid search: counted from the kept cell counts
    when they answer it exactly (sites.clusters.asset_count), else up to the cap."""
    queryset = asset_search_queryset(search=search, user=user, council=council)
    total = asset_count(search=search, user=user, council=council)
    return SearchPaginator(queryset, per_page, narrow=search.area.bbox is not None, total=total)
