"""The site finder's reads: who may see which assets, and an exact, sorted, capped search.

Where a search looks (`SearchArea`):

- `bbox` (the map view): assets whose bounding box meets the box, decided in SQL on the
  stored bounds after the spatial index narrows (for a point: the point is in the box).
- `near` + `radius_m`: assets whose shape comes within the radius of the point, in metres
  on the WGS84 ellipsoid (geodesic, pyproj), so one 1 m outside is never returned.
- `within`: assets whose shape meets a drawn polygon (shapely 2, coordinates as in RFC
  7946: straight lines in longitude/latitude), boundary included.

The spatial index (sites.spatial_index) narrows in SQL; shapely/pyproj decide exactly on
the candidates; the result is a queryset again, so a list page can order and paginate it
and the map API can take plain values from it.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache
from math import cos, radians
from typing import Any, NamedTuple

import numpy as np
import shapely
from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import Count, F, FloatField, Q, QuerySet, Window
from django.db.models.functions import Cast
from django.db.models.lookups import GreaterThan, LessThanOrEqual
from pyproj import Geod
from shapely.geometry.base import BaseGeometry

from portal.models import Council

from .geometry import bng_to_lonlat, lonlat_to_bng, project_to_bng
from .models import Asset, AssetType, Visibility
from .spatial_index import Box, box_condition, ids_condition, shape_text, type_condition

DEFAULT_SORT = "reference"
SORTS = {
    "reference": "Reference",
    "-reference": "Reference, Z to A",
    "height": "Height, lowest first",
    "-height": "Height, tallest first",
    "distance": "Distance, nearest first",
}


def search_setting(name: str):
    """Limits of one search (settings.SITE_SEARCH), with the defaults documented there."""
    return settings.SITE_SEARCH[name]


# Who sees what ---------------------------------------------------------------------------


def can_see_restricted(user) -> bool:
    """Restricted asset types: signed-in suppliers, council staff and system administrators.

    The one answer to who may see a restricted type (its assets, its count, a licensed
    site's location): the finder, the home page's counts, licence verification and the OGC
    API all ask here (tests/sites/test_restricted_visibility.py).
    """
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or user.is_supplier or user.is_council_staff or user.is_system_admin


def visible_asset_types(*, user) -> QuerySet[AssetType]:
    types = AssetType.objects.order_by("name")
    return types if can_see_restricted(user) else types.filter(visibility=Visibility.PUBLIC)


def own_council(user) -> Council | None:
    """The council whose register `user` works in, when it is one only: council staff search,
    export and report on their own council's assets. None: everyone else, who may search one
    council or all of them."""
    if user is None or not user.is_authenticated or not user.is_council_staff:
        return None
    return user.council


def assets_visible_to(*, user, council: Council | None = None) -> QuerySet[Asset]:
    """The assets `user` may browse (in `council`, when given). Not ordered."""
    qs = Asset.objects.order_by()
    if not can_see_restricted(user):
        # The public types' ids, not a join: the planners then keep to the spatial index (and to
        # the sort indexes: type_condition is no index's key).
        public = AssetType.objects.filter(visibility=Visibility.PUBLIC).values_list("pk", flat=True)
        qs = qs.filter(type_condition(public, using=qs.db))
    return qs.filter(council=council) if council is not None else qs


# Capacity: the one place that says what is still free on an asset. ----------------------


def free_slots():
    """Slots not yet taken (the applications app records approvals in `slots_used`)."""
    return F("slots") - F("slots_used")


def free_load_kg():
    """Structural load still available (NULL when the capacity is unknown)."""
    return F("structural_capacity_kg") - F("load_used_kg")


def with_free_capacity(queryset: QuerySet[Asset]) -> QuerySet[Asset]:
    """Annotate `free_slots` and `free_load_kg` (for list pages and the asset page)."""
    return queryset.annotate(free_slots=free_slots(), free_load_kg=free_load_kg())


# The search -------------------------------------------------------------------------------


@dataclass(frozen=True)
class SearchArea:
    """Where to look; every part given must hold (they combine with AND)."""

    bbox: Box | None = None
    near: tuple[float, float] | None = None  # longitude, latitude
    radius_m: float | None = None
    within: BaseGeometry | None = None  # Polygon or MultiPolygon, WGS84

    @property
    def is_empty(self) -> bool:
        return self.bbox is None and self.near is None and self.within is None

    @property
    def needs_shapes(self) -> bool:
        """Whether shapely must decide (radius or drawn area), not SQL alone."""
        return self.near is not None or self.within is not None

    def boxes(self) -> list[Box]:
        boxes = []
        if self.bbox is not None:
            boxes.append(self.bbox)
        if self.near is not None:
            boxes.append(radius_box(*self.near, self.radius_m))
        if self.within is not None:
            boxes.append(tuple(shapely.bounds(self.within)))
        return boxes

    def narrowing_box(self) -> Box | None:
        """The box every match's bounding box meets; None if none can."""
        boxes = self.boxes()
        box = (
            max(b[0] for b in boxes),
            max(b[1] for b in boxes),
            min(b[2] for b in boxes),
            min(b[3] for b in boxes),
        )
        return box if box[0] <= box[2] and box[1] <= box[3] else None


@dataclass(frozen=True)
class AssetSearch:
    """A parsed search (sites.filters.AssetSearchFilterSet.search() makes one)."""

    area: SearchArea = field(default_factory=SearchArea)
    sort: str = ""  # "" is the default: distance when near is given, else reference
    # An order of the caller's own (expressions for order_by, ending in a unique key), instead of `sort`.
    order_by: tuple = ()
    zoom: int | None = None
    filters: Mapping[str, Any] = field(default_factory=dict)  # the attribute filters given
    refine: Callable[[QuerySet], QuerySet] | None = None  # applies `filters` to a queryset

    @property
    def effective_sort(self) -> str:
        return self.sort or ("distance" if self.area.near is not None else DEFAULT_SORT)


def radius_box(lon: float, lat: float, radius_m: float) -> Box:
    """A box sure to hold the circle: metres per degree taken at their smallest."""
    dlat = radius_m / 110_000.0 + 1e-7
    far_lat = min(abs(lat) + dlat, 89.9)
    dlon = radius_m / (111_000.0 * cos(radians(far_lat))) + 1e-7
    return (lon - dlon, lat - dlat, lon + dlon, lat + dlat)


@cache
def _geod() -> Geod:
    return Geod(ellps="WGS84")


def geodesic_distance_m(lon: float, lat: float, lons: np.ndarray, lats: np.ndarray) -> np.ndarray:
    """Metres on the WGS84 ellipsoid from one point to many."""
    if len(lons) == 0:
        return np.zeros(0)
    _, _, dist = _geod().inv(np.full(len(lons), lon), np.full(len(lats), lat), lons, lats)
    return np.asarray(dist)


def shape_distance_m(lon: float, lat: float, shapes: np.ndarray) -> np.ndarray:
    """Metres on the ellipsoid from a point to the nearest part of each shape (0 inside it).

    The nearest point is found on the British National Grid, then measured geodesically.
    """
    if len(shapes) == 0:
        return np.zeros(0)
    easting, northing = lonlat_to_bng(lon, lat)
    centre = shapely.Point(float(easting), float(northing))
    shapes_bng = project_to_bng(shapes)
    nearest = shapely.get_point(shapely.shortest_line(shapes_bng, centre), 0)
    near_lon, near_lat = bng_to_lonlat(shapely.get_x(nearest), shapely.get_y(nearest))
    distance = geodesic_distance_m(lon, lat, np.asarray(near_lon), np.asarray(near_lat))
    return np.where(shapely.intersects(shapes_bng, centre), 0.0, distance)


def _shape_test(rows: list[tuple], area: SearchArea) -> list[int]:
    """Ids of the rows (id, longitude, latitude, shape text or None) that meet the area exactly."""
    if not rows:
        return []
    ids, lons, lats, texts = zip(*rows, strict=True)
    ids, lons, lats = np.array(ids), np.array(lons), np.array(lats)
    is_shape = np.array([t is not None for t in texts])
    shapes = shapely.from_geojson(np.array([t for t in texts if t is not None], dtype=object))
    keep = np.ones(len(ids), dtype=bool)
    if area.near is not None:
        lon, lat = area.near
        dist = np.empty(len(ids))
        dist[~is_shape] = geodesic_distance_m(lon, lat, lons[~is_shape], lats[~is_shape])
        dist[is_shape] = shape_distance_m(lon, lat, shapes)
        keep &= dist <= area.radius_m
    if area.within is not None:
        shapely.prepare(area.within)
        inside = np.empty(len(ids), dtype=bool)
        inside[~is_shape] = shapely.intersects_xy(area.within, lons[~is_shape], lats[~is_shape])
        inside[is_shape] = shapely.intersects(area.within, shapes)
        keep &= inside
    return ids[keep].tolist()


# How far a distance on the British National Grid may be from the true one: the grid's scale
# factor is 0.9996 to 1.0016 across Great Britain (and 5 mm of rounding in stored values).
GRID_SCALE_TOLERANCE = 0.002
GRID_TOLERANCE_M = 0.1
IS_POINT = Q(min_longitude=F("max_longitude"), min_latitude=F("max_latitude"))


def _in_radius(candidates: QuerySet[Asset], area: SearchArea) -> QuerySet[Asset]:
    """Points clearly inside the radius on the grid are decided in SQL; the rest by geodesic.

    Points within a thin ring around the circle (0.2% of the radius), and lines and areas,
    go to pyproj/shapely; points clearly outside are left out in SQL.
    """
    easting, northing = lonlat_to_bng(*area.near)
    dx, dy = F("easting") - float(easting), F("northing") - float(northing)
    grid_d2 = dx * dx + dy * dy
    inner = max(area.radius_m * (1 - GRID_SCALE_TOLERANCE) - GRID_TOLERANCE_M, 0.0)
    outer = area.radius_m * (1 + GRID_SCALE_TOLERANCE) + GRID_TOLERANCE_M
    sure = IS_POINT & Q(LessThanOrEqual(grid_d2, inner * inner))
    unsure = candidates.exclude(sure).exclude(IS_POINT & Q(GreaterThan(grid_d2, outer * outer)))
    using = candidates.db
    ids = _shape_test(_plain_rows(unsure.values_list("id", "longitude", "latitude", shape_text(using=using))), area)
    return candidates.filter(sure | Q(ids_condition(ids, using=using))) if ids else candidates.filter(sure)


def search_base(*, search: AssetSearch, user, council: Council | None) -> QuerySet[Asset]:
    """What `user` may see in `council`, with the search's attribute filters (no area yet)."""
    qs = assets_visible_to(user=user, council=council)
    return search.refine(qs) if search.refine is not None else qs


def in_area(queryset: QuerySet[Asset], area: SearchArea) -> QuerySet[Asset]:
    """The assets of `queryset` in `area`, exactly (narrowed by the index first)."""
    if area.is_empty:
        return queryset
    box = area.narrowing_box()
    if box is None:
        return queryset.none()
    if area.bbox is not None:
        min_lon, min_lat, max_lon, max_lat = area.bbox
        queryset = queryset.filter(
            max_longitude__gte=min_lon, min_longitude__lte=max_lon, max_latitude__gte=min_lat, min_latitude__lte=max_lat
        )
    using = queryset.db
    candidates = queryset.filter(box_condition(box, using=using))
    if not area.needs_shapes:
        return candidates
    if area.within is None:
        return _in_radius(candidates, area)
    ids = _shape_test(_plain_rows(candidates.values_list("id", "longitude", "latitude", shape_text(using=using))), area)
    return Asset.objects.filter(ids_condition(ids, using=using)) if ids else queryset.none()


def _ordered(queryset: QuerySet[Asset], search: AssetSearch) -> QuerySet[Asset]:
    if search.order_by:
        return queryset.order_by(*search.order_by)
    sort = search.effective_sort
    if sort == "distance":
        easting, northing = lonlat_to_bng(*search.area.near)
        dx, dy = F("easting") - float(easting), F("northing") - float(northing)
        return queryset.alias(grid_distance2=dx * dx + dy * dy).order_by("grid_distance2", "reference", "id")
    if sort in ("height", "-height"):
        height = F("height_m").asc(nulls_last=True) if sort == "height" else F("height_m").desc(nulls_last=True)
        return queryset.order_by(height, "reference", "id")
    return queryset.order_by(sort, "id")


def asset_search_queryset(*, search: AssetSearch, user, council: Council | None = None) -> QuerySet[Asset]:
    """Every asset `user` may see that matches `search` exactly, in the search's order.

    For list pages: paginate it, add select_related or with_free_capacity(). Sorting by
    distance orders by the British National Grid distance to each asset's point (its
    centroid for lines and areas); matching by radius uses the exact shape.
    """
    return _ordered(in_area(search_base(search=search, user=user, council=council), search.area), search)


class AssetRow(NamedTuple):
    """One result as plain values (no model instance): what a map feature needs."""

    id: int
    reference: str
    name: str
    asset_type_id: int
    street: str
    ward_id: int | None
    height_m: float | None
    availability: str
    council_id: int
    longitude: float
    latitude: float
    shape: str | None  # stored GeoJSON text for lines and areas; None for points
    distance_m: float | None  # geodesic metres to `near`, when the search has one


# The columns fetched for a row: height as a float, the shape as text (annotations).
ROW_COLUMNS = tuple("height" if f == "height_m" else f for f in AssetRow._fields[:-1])


@dataclass(frozen=True)
class SearchResult:
    rows: list[AssetRow]
    count: int  # every match, not only the rows returned
    limit: int

    @property
    def capped(self) -> bool:
        return self.count > len(self.rows)


def _plain_rows(queryset: QuerySet) -> list[tuple]:
    """The rows of a values_list() queryset straight from the cursor, without per-value converters.

    Only for columns whose database values are already plain Python (ints, floats, text).
    """
    try:
        sql, params = queryset.query.sql_with_params()
    except EmptyResultSet:  # a .none() queryset (a drawn area that meets nothing)
        return []
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def asset_search(
    *,
    search: AssetSearch,
    user,
    council: Council | None = None,
    limit: int | None = None,
    offset: int = 0,
    count: int | None = None,
) -> SearchResult:
    """`limit` matches (settings.SITE_SEARCH["MAX_RESULTS"]) after the first `offset`, as plain rows, and the count.

    `count`: the number of matches when the caller already knows it exactly (from the kept
    cell counts, sites.clusters.asset_count): then nothing is counted here.
    """
    limit = search_setting("MAX_RESULTS") if limit is None else limit
    qs = asset_search_queryset(search=search, user=user, council=council)
    values = qs.annotate(height=Cast("height_m", FloatField()), shape=shape_text(using=qs.db))
    if search.area.is_empty:  # Ordered by an index, stopped at the limit; counted apart if need be.
        fetched = _plain_rows(values.values_list(*ROW_COLUMNS)[offset : offset + limit + 1])
        past_the_end = offset > 0 and not fetched
        if count is None:
            count = qs.count() if len(fetched) > limit or past_the_end else offset + len(fetched)
    else:  # Every match is read (to sort it) anyway: count them in the same pass.
        page = values.annotate(total=Window(Count("id"))).values_list(*ROW_COLUMNS, "total")
        fetched = _plain_rows(page[offset : offset + limit])
        if count is None:
            count = fetched[0][-1] if fetched else (qs.count() if offset else 0)
        fetched = [row[:-1] for row in fetched]
    fetched = fetched[:limit]
    if search.area.near is not None and fetched:
        lon, lat = search.area.near
        x, y = ROW_COLUMNS.index("longitude"), ROW_COLUMNS.index("latitude")
        lons, lats = np.array([row[x] for row in fetched]), np.array([row[y] for row in fetched])
        distances = geodesic_distance_m(lon, lat, lons, lats).round(1).tolist()
    else:
        distances = [None] * len(fetched)
    new = tuple.__new__  # a NamedTuple's own __new__ is Python code: a few microseconds a row
    rows = [new(AssetRow, (*row, distance)) for row, distance in zip(fetched, distances, strict=True)]
    return SearchResult(rows=rows, count=count, limit=limit)
