"""Clusters for a zoomed-out map: counts per grid cell whose total is the search's count.

A cluster cell at zoom z is a square of the map a quarter of a tile wide (sites.spatial_
schema). Counting a million assets on each request is too slow for either database, so:

- cells wholly inside the view come from the per-cell counts the database keeps
  (`sites_asset_cell`, kept by triggers), when the only filters are ones those counts
  are kept by (asset type, ward, availability), which covers the usual whole-city map;
- the strips along the view's edges, and any search with other filters, are counted
  live in SQL (GROUP BY cell), narrowed by the spatial index.

Both use the same cell of each asset (computed by the same SQL), and an asset is counted
by exactly one of them, so the clusters add up to `asset_search(...).count` for the same
search. Searches with a radius or drawn area are not clustered (they are exact shapes).
"""

# ruff: noqa: S611 -- the raw SQL is the cell expressions of sites.spatial_index and an int shift.

from dataclasses import dataclass
from math import floor

from django.db.models import BooleanField, Count, IntegerField, QuerySet, Sum
from django.db.models.expressions import RawSQL

from portal.models import Council

from .models import Asset
from .search import AssetSearch, in_area, search_base, visible_asset_types
from .spatial_index import Box, box_condition, cell_counts, cell_expressions
from .spatial_schema import CELL_X_SCALE, CELL_Y_SCALE, CELL_ZOOM

# Filters the per-cell counts are kept by; any other filter is counted live.
CELL_FILTERS = {"asset_type", "ward", "availability"}
# Strips are widened inward by this much (degrees) so rounding never loses an asset.
EDGE_MARGIN = 1e-7
_ALL_CELLS = (0, 0, 2**31 - 1, 2**31 - 1)


@dataclass(frozen=True)
class Cluster:
    longitude: float  # the mean position of the assets in the cell
    latitude: float
    count: int
    cell: tuple[int, int]


@dataclass(frozen=True)
class ClusterResult:
    clusters: list[Cluster]
    zoom: int

    @property
    def count(self) -> int:
        return sum(c.count for c in self.clusters)


def inner_cells(bbox: Box) -> tuple[int, int, int, int] | None:
    """Fine cells (fx0, fy0, fx1, fy1) certainly inside `bbox`, keeping one cell clear of each edge."""
    min_lon, min_lat, max_lon, max_lat = bbox
    fx0, fx1 = floor((min_lon + 180.0) * CELL_X_SCALE) + 1, floor((max_lon + 180.0) * CELL_X_SCALE) - 1
    fy0, fy1 = floor((min_lat + 90.0) * CELL_Y_SCALE) + 1, floor((max_lat + 90.0) * CELL_Y_SCALE) - 1
    return (fx0, fy0, fx1, fy1) if fx0 <= fx1 and fy0 <= fy1 else None


def edge_strips(bbox: Box, cells: tuple[int, int, int, int]) -> list[Box]:
    """Boxes covering `bbox` outside the inner cells (and its edges), a little overlapping them."""
    min_lon, min_lat, max_lon, max_lat = bbox
    fx0, fy0, fx1, fy1 = cells
    x0, x1 = fx0 / CELL_X_SCALE - 180.0, (fx1 + 1) / CELL_X_SCALE - 180.0
    y0, y1 = fy0 / CELL_Y_SCALE - 90.0, (fy1 + 1) / CELL_Y_SCALE - 90.0
    m = EDGE_MARGIN
    return [
        (min_lon, min_lat, x0 + m, max_lat),
        (x1 - m, min_lat, max_lon, max_lat),
        (x0 - m, min_lat, x1 + m, y0 + m),
        (x0 - m, y1 - m, x1 + m, max_lat),
    ]


def _live_cells(queryset: QuerySet[Asset], shift: int) -> list[tuple[int, int, int, float, float]]:
    fx, fy = cell_expressions(using=queryset.db)
    return list(
        queryset.annotate(
            cx=RawSQL(f"({fx.sql}) >> {shift}", [], output_field=IntegerField()),
            cy=RawSQL(f"({fy.sql}) >> {shift}", [], output_field=IntegerField()),
        )
        .values("cx", "cy")
        .annotate(n=Count("id"), sx=Sum("longitude"), sy=Sum("latitude"))
        .order_by()
        .values_list("cx", "cy", "n", "sx", "sy")
    )


def _outside(cells: tuple[int, int, int, int], using: str) -> RawSQL:
    """Boolean SQL: the asset's fine cell is not among `cells`."""
    fx, fy = cell_expressions(using=using)
    fx0, fy0, fx1, fy1 = cells
    return RawSQL(
        f"NOT (({fx.sql}) BETWEEN %s AND %s AND ({fy.sql}) BETWEEN %s AND %s)",
        [fx0, fx1, fy0, fy1],
        output_field=BooleanField(),
    )


def _counted_cells(*, search: AssetSearch, user, council: Council | None, cells, shift: int, using: str):
    types = {t.pk for t in visible_asset_types(user=user)}
    if "asset_type" in search.filters:
        types &= {t.pk for t in search.filters["asset_type"]}
    wards = [w.pk for w in search.filters["ward"]] if "ward" in search.filters else None
    availability = [search.filters["availability"]] if "availability" in search.filters else None
    return cell_counts(
        zoom=CELL_ZOOM - shift,
        cells=cells,
        council_id=council.pk if council is not None else None,
        asset_type_ids=sorted(types),
        ward_ids=wards,
        availability=availability,
        using=using,
    )


def asset_count(*, search: AssetSearch, user, council: Council | None = None) -> int | None:
    """How many assets `asset_search` finds for `search`, from the kept cell counts (a few
    thousand rows, not a million): exact, when the search has no area and only filters the
    counts are kept by (CELL_FILTERS); None when it must be counted live."""
    if not search.area.is_empty or not set(search.filters) <= CELL_FILTERS:
        return None
    using = search_base(search=search, user=user, council=council).db
    cells = _counted_cells(search=search, user=user, council=council, cells=_ALL_CELLS, shift=CELL_ZOOM, using=using)
    return int(sum(n for _, _, n, _, _ in cells))


def asset_clusters(*, search: AssetSearch, user, council: Council | None = None) -> ClusterResult:
    """Clusters of what `asset_search` would find for `search` (no radius or drawn area) at its zoom."""
    if search.area.needs_shapes:
        raise ValueError("Searches with a radius or a drawn area are not clustered.")
    zoom = min(search.zoom if search.zoom is not None else CELL_ZOOM, CELL_ZOOM)
    shift = CELL_ZOOM - zoom
    base = search_base(search=search, user=user, council=council)
    using = base.db
    bbox = search.area.bbox
    parts: list = []
    cells = _ALL_CELLS if bbox is None else inner_cells(bbox)
    if cells is None or not set(search.filters) <= CELL_FILTERS:
        parts += _live_cells(in_area(base, search.area), shift)
    else:
        parts += _counted_cells(search=search, user=user, council=council, cells=cells, shift=shift, using=using)
        if bbox is not None:
            min_lon, min_lat, max_lon, max_lat = bbox
            edges = base.filter(
                box_condition(edge_strips(bbox, cells), using=using),
                max_longitude__gte=min_lon,
                min_longitude__lte=max_lon,
                max_latitude__gte=min_lat,
                min_latitude__lte=max_lat,
            ).filter(_outside(cells, using))
            parts += _live_cells(edges, shift)
    totals: dict[tuple[int, int], list] = {}
    for cx, cy, n, sx, sy in parts:
        total = totals.setdefault((cx, cy), [0, 0.0, 0.0])
        total[0] += n
        total[1] += sx
        total[2] += sy
    clusters = [
        Cluster(longitude=round(sx / n, 7), latitude=round(sy / n, 7), count=int(n), cell=cell)
        for cell, (n, sx, sy) in sorted(totals.items())
        if n > 0
    ]
    return ClusterResult(clusters=clusters, zoom=zoom)
