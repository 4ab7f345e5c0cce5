"""The feature collections served, each read through the finder's or the rollout's own selectors.

- one collection per asset type the user may see (sites.search: restricted types only for
  signed-in users), its items from sites.search.asset_search (the finder's filters,
  visibility and order), so a count here equals the finder's for the same search;
- `wards`: the council's electoral wards;
- `rollout`: the public rollout (applications.public.public_sites: approved sites of
  applications from `approved` on, on public asset types; never-public states never appear).

A source answers a page of features (plain values built into GeoJSON dicts, no model
instances) and one feature by id, in CRS84 or EPSG:27700. `items_page` checks a request's
sortby and properties against the collection (sortables, properties) and answers the page.

Sorting (sortby) is offered only on columns an index reads in order (sites.models
Asset.Meta.indexes: council, type, reference; council, type, height, reference), or on
collections small enough to sort whole (wards, the rollout). Every order ends in a unique
key, so offset paging visits each feature exactly once. NULL sorts as the greatest value
(last ascending, first descending), as PostgreSQL's indexes hold it, on both databases.

numberMatched of an asset collection with no bbox and no filter comes from the cell counts
the database keeps (sites.clusters.asset_count): exact, without counting a million rows.
"""

from dataclasses import dataclass, field, replace
from urllib.parse import quote

import numpy as np
import orjson
import shapely
from django.db.models import F, Q, QuerySet
from django.http import QueryDict
from django.urls import reverse
from django.utils.http import RFC3986_SUBDELIMS
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

from applications.models import Technology
from applications.public import PUBLIC_COLUMNS, PUBLIC_FIELDS, PublicStatus, public_site_rows, public_sites
from portal.models import Council
from sites.clusters import asset_count
from sites.filters import AssetSearchFilterSet
from sites.geometry import lonlat_to_bng
from sites.models import Availability, Ward
from sites.search import SearchArea, asset_search, assets_visible_to, in_area, visible_asset_types

from . import crs as crs_module
from .errors import OGCError
from .params import ItemsQuery


@dataclass(frozen=True)
class Queryable:
    """A property a filter may name: its field (or a translation of values to a Q), and its JSON Schema."""

    field: str
    schema: dict
    title: str
    to_q: object = None  # callable(op, values) -> Q, for a property not stored as it is shown
    nullable: bool = False  # may be NULL (matters to where NULL sorts)


@dataclass
class Page:
    features: list[dict]
    number_matched: int


@dataclass
class Source:
    id: str
    title: str
    description: str
    council: Council
    queryables: dict[str, Queryable] = field(default_factory=dict)
    sortables: dict[str, Queryable] = field(default_factory=dict)
    properties: tuple[str, ...] = ()  # every feature's properties, in order
    tiebreak: tuple[str, ...] = ("id",)  # fields after the sort keys that make the order total
    temporal: str = ""  # what `datetime` filters on, in words ("" when it does not apply)

    def order_by(self, sortby: tuple[tuple[str, bool], ...]) -> tuple:
        """The order_by() of a sortby (checked against the sortables), ending in the tiebreak fields.

        The tiebreak goes the way of the last key, so that one index scan (forwards or
        backwards) serves the whole order.
        """
        keys, fields = [], set()
        for name, descending in sortby:
            sortable = self.sortables.get(name)
            if sortable is None:
                offered = ", ".join(self.sortables) or "none"
                raise OGCError(
                    f"Parameter sortby: collection {self.id!r} cannot be sorted by {name!r}; "
                    f"its sortables are {offered}."
                )
            expression = F(sortable.field)
            if sortable.nullable:
                keys.append(expression.desc(nulls_first=True) if descending else expression.asc(nulls_last=True))
            else:
                keys.append(expression.desc() if descending else expression.asc())
            fields.add(sortable.field)
        descending = bool(sortby) and sortby[-1][1]
        keys += [F(f).desc() if descending else F(f).asc() for f in self.tiebreak if f not in fields]
        return tuple(keys)

    def extent(self) -> dict:
        extent = {"spatial": {"bbox": [list(self.council.bounds)], "crs": crs_module.CRS84}}
        if self.temporal:
            extent["temporal"] = {
                "interval": [[None, None]],
                "trs": "http://www.opengis.net/def/uom/ISO-8601/0/Gregorian",
            }
        return extent


# Assets ----------------------------------------------------------------------------------

STRING = {"type": "string"}
ASSET_QUERYABLES = {
    "reference": Queryable("reference", STRING, "Council reference"),
    "name": Queryable("name", STRING, "Name"),
    "street": Queryable("street", STRING, "Street or address"),
    "ward": Queryable("ward__name", STRING, "Ward name"),
    "ward_code": Queryable("ward__code", STRING, "Ward ONS code"),
    "height_m": Queryable("height_m", {"type": "number"}, "Height (m)"),
    "availability": Queryable("availability", {"type": "string", "enum": Availability.values}, "Availability"),
}
# Read in index order (sites.models Asset.Meta.indexes); reference is unique in a council.
ASSET_SORTABLES = {
    "reference": ASSET_QUERYABLES["reference"],
    "height_m": replace(ASSET_QUERYABLES["height_m"], nullable=True),
}
ASSET_PROPERTIES = (
    "reference",
    "name",
    "asset_type",
    "asset_type_name",
    "street",
    "ward",
    "ward_code",
    "height_m",
    "availability",
    "url",
)
# Characters reverse() leaves as they are in a path (django.urls.resolvers).
PATH_SAFE = RFC3986_SUBDELIMS + "/~:@"
REFERENCE_MARK = "REFERENCE0MARK"


def _area_params(query: ItemsQuery) -> dict:
    """The finder's where-parameters for the query's bbox (a 27700 box goes as the drawn area it is)."""
    if query.bbox is None:
        return {}
    if query.bbox_crs == crs_module.CRS84:
        return {"bbox": ",".join(repr(v) for v in query.bbox)}
    polygon = crs_module.bbox_polygon(query.bbox, query.bbox_crs)
    return {"within": shapely.to_geojson(polygon)}


def _first_error(errors: dict[str, list[str]], names: dict[str, str]) -> OGCError:
    name, messages = next(iter(errors.items()))
    return OGCError(f"Parameter {names.get(name, name)}: {messages[0]}")


@dataclass
class AssetSource(Source):
    asset_type_code: str = ""
    user: object = None

    def search(self, query: ItemsQuery, where: Q | None):
        data = QueryDict(mutable=True)
        data.update({"asset_type": self.asset_type_code, **_area_params(query)})
        filterset = AssetSearchFilterSet(data, user=self.user, council=self.council)
        if not filterset.is_valid():
            raise _first_error(filterset.error_dict(), {"within": "bbox", "bbox": "bbox"})
        search = filterset.search()
        if where is not None:
            refine = search.refine
            search = replace(search, refine=lambda qs: refine(qs).filter(where))
        return search

    def page(self, query: ItemsQuery, where: Q | None = None) -> Page:
        search = self.search(query, where)
        if query.sortby:
            search = replace(search, order_by=self.order_by(query.sortby))
        # The kept counts know the type's filters, not a CQL2 filter (which goes in `refine`).
        known = asset_count(search=search, user=self.user, council=self.council) if where is None else None
        result = asset_search(
            search=search,
            user=self.user,
            council=self.council,
            limit=query.limit,
            offset=query.offset,
            count=known,
        )
        return Page(self.features(result.rows, query.crs), result.count)

    def feature(self, feature_id: str, crs: str) -> dict | None:
        if not feature_id.isdigit():
            return None
        search = self.search(ItemsQuery(), Q(pk=int(feature_id)))
        rows = asset_search(search=search, user=self.user, council=self.council, limit=1).rows
        return self.features(rows, crs)[0] if rows else None

    def features(self, rows, crs: str) -> list[dict]:
        wards = {
            pk: (code, name)
            for pk, code, name in Ward.objects.filter(council=self.council).values_list("pk", "code", "name")
        }
        if crs == crs_module.BNG and rows:
            eastings, northings = lonlat_to_bng(
                np.array([r.longitude for r in rows]), np.array([r.latitude for r in rows])
            )
        else:
            eastings = northings = [0.0] * len(rows)
        type_code, type_name = self.asset_type_code, self.title
        # The finder's asset page, reversed once: each row's reference quoted as reverse() would.
        before, after = reverse("finder:detail", args=[self.council.slug, REFERENCE_MARK]).split(REFERENCE_MARK)
        features = []
        for row, easting, northing in zip(rows, eastings, northings, strict=True):
            code, ward = wards.get(row.ward_id, (None, None))
            if row.shape is None:
                geometry = {
                    "type": "Point",
                    "coordinates": crs_module.point_coordinates(
                        row.longitude, row.latitude, float(easting), float(northing), crs
                    ),
                }
            elif crs == crs_module.CRS84:
                geometry = orjson.Fragment(row.shape)
            else:
                geometry = crs_module.reproject_geojson(orjson.loads(row.shape), crs)
            features.append(
                {
                    "type": "Feature",
                    "id": row.id,
                    "geometry": geometry,
                    "properties": {
                        "reference": row.reference,
                        "name": row.name,
                        "asset_type": type_code,
                        "asset_type_name": type_name,
                        "street": row.street,
                        "ward": ward,
                        "ward_code": code,
                        "height_m": row.height_m,
                        "availability": row.availability,
                        "url": before + quote(row.reference, safe=PATH_SAFE) + after,
                    },
                }
            )
        return features

    def intersects(self, geometry: BaseGeometry) -> Q:
        """Assets whose shape meets `geometry` (WGS84), decided as the finder decides a drawn area."""
        if shapely.area(geometry) == 0:  # a point or a line: a centimetre around it
            geometry = shapely.buffer(geometry, 1e-7)
        base = assets_visible_to(user=self.user, council=self.council).filter(asset_type__code=self.asset_type_code)
        return Q(pk__in=in_area(base, SearchArea(within=geometry)).values("pk"))


# Wards -----------------------------------------------------------------------------------

WARD_QUERYABLES = {
    "code": Queryable("code", STRING, "ONS code"),
    "name": Queryable("name", STRING, "Name"),
}
WARD_SORTABLES = WARD_QUERYABLES  # a council has a few dozen wards: any order is cheap


@dataclass
class WardSource(Source):
    def rows(self, query: ItemsQuery, where: Q | None) -> QuerySet:
        qs = Ward.objects.filter(council=self.council).order_by(*self.order_by(query.sortby))
        if where is not None:
            qs = qs.filter(where)
        if query.bbox is not None:
            qs = qs.filter(self.intersects(crs_module.bbox_polygon(query.bbox, query.bbox_crs)))
        return qs

    def page(self, query: ItemsQuery, where: Q | None = None) -> Page:
        qs = self.rows(query, where)
        rows = qs.values_list("code", "name", "geometry")[query.offset : query.offset + query.limit]
        return Page([self.feature_of(*row, query.crs) for row in rows], qs.count())

    def feature(self, feature_id: str, crs: str) -> dict | None:
        row = Ward.objects.filter(council=self.council, code=feature_id).values_list("code", "name", "geometry").first()
        return self.feature_of(*row, crs) if row else None

    @staticmethod
    def feature_of(code: str, name: str, geometry: dict, crs: str) -> dict:
        geometry = crs_module.reproject_geojson(geometry, crs)
        return {"type": "Feature", "id": code, "geometry": geometry, "properties": {"code": code, "name": name}}

    def intersects(self, geometry: BaseGeometry) -> Q:
        min_lon, min_lat, max_lon, max_lat = shapely.bounds(geometry)
        candidates = Ward.objects.filter(
            council=self.council,
            max_longitude__gte=min_lon,
            min_longitude__lte=max_lon,
            max_latitude__gte=min_lat,
            min_latitude__lte=max_lat,
        ).values_list("pk", "geometry")
        shapely.prepare(geometry)
        return Q(pk__in=[pk for pk, shape_ in candidates if shapely.intersects(geometry, shape(shape_))])


# The public rollout ----------------------------------------------------------------------


def _status_q(op: str, values: list) -> Q:
    """`status` is shown as planned/installed/live: each stands for application statuses."""
    from applications.public import APPLICATION_STATUSES_OF

    statuses = []
    for value in values:
        if value not in PublicStatus.values:
            raise OGCError(f"Parameter filter: status is one of {', '.join(PublicStatus.values)}, not {value!r}.")
        statuses += APPLICATION_STATUSES_OF[PublicStatus(value)]
    if op not in ("=", "<>", "in", "not in"):
        raise OGCError("Parameter filter: compare status with =, <> or IN.")
    q = Q(application__status__in=statuses)
    return ~q if op in ("<>", "not in") else q


ROLLOUT_QUERYABLES = {
    "status": Queryable("application__status", {"type": "string", "enum": PublicStatus.values}, "Status", _status_q),
    "asset_type": Queryable("asset__asset_type__code", STRING, "Asset type (code)"),
    "asset_type_name": Queryable("asset__asset_type__name", STRING, "Asset type"),
    "technology": Queryable("technology", {"type": "string", "enum": Technology.values}, "Technology"),
    "operator": Queryable("application__organisation__name", STRING, "Operator"),
    "ward_code": Queryable("asset__ward__code", STRING, "Ward ONS code"),
    "ward_name": Queryable("asset__ward__name", STRING, "Ward name"),
    "approved_on": Queryable("application__decided_at", {"type": "string", "format": "date-time"}, "Approved"),
    "installed_on": Queryable("application__installed_on", {"type": "string", "format": "date"}, "Installed"),
    "live_on": Queryable("application__live_on", {"type": "string", "format": "date"}, "Live"),
}
# The public rollout is thousands of sites, not a million: sorted whole, by any of these.
ROLLOUT_SORTABLES = {
    name: replace(ROLLOUT_QUERYABLES[name], nullable=True)
    for name in ("approved_on", "installed_on", "live_on", "ward_name", "operator")
}
ROLLOUT_PROPERTIES = tuple(name for name in PUBLIC_COLUMNS if name != "site_id")


@dataclass
class RolloutSource(Source):
    def sites(self, query: ItemsQuery, where: Q | None) -> QuerySet:
        qs = public_sites(council=self.council)
        if where is not None:
            qs = qs.filter(where)
        if query.bbox is not None:
            x1, y1, x2, y2 = query.bbox
            if query.bbox_crs == crs_module.BNG:  # the grid reference is stored: the box is exact in metres
                qs = qs.filter(asset__easting__range=(x1, x2), asset__northing__range=(y1, y2))
            else:
                qs = qs.filter(asset__longitude__range=(x1, x2), asset__latitude__range=(y1, y2))
        if query.interval is not None:
            start, end = query.interval
            if start is not None:
                qs = qs.filter(application__decided_at__gte=start)
            if end is not None:
                qs = qs.filter(application__decided_at__lte=end)
        return qs

    def page(self, query: ItemsQuery, where: Q | None = None) -> Page:
        qs = self.sites(query, where)
        qs = qs.order_by(*self.order_by(query.sortby))
        values = list(qs.values(*PUBLIC_FIELDS)[query.offset : query.offset + query.limit])
        return Page(self.features(values, query.crs), qs.count())

    def feature(self, feature_id: str, crs: str) -> dict | None:
        if not feature_id.isdigit():
            return None
        values = list(public_sites(council=self.council).filter(pk=int(feature_id)).values(*PUBLIC_FIELDS))
        return self.features(values, crs)[0] if values else None

    @staticmethod
    def features(values: list[dict], crs: str) -> list[dict]:
        features = []
        for row in public_site_rows(values):
            coordinates = crs_module.point_coordinates(
                row["longitude"], row["latitude"], row["easting"], row["northing"], crs
            )
            properties = {
                k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in row.items() if k != "site_id"
            }
            features.append(
                {
                    "type": "Feature",
                    "id": row["site_id"],
                    "geometry": {"type": "Point", "coordinates": coordinates},
                    "properties": properties,
                }
            )
        return features

    def intersects(self, geometry: BaseGeometry) -> Q:
        min_lon, min_lat, max_lon, max_lat = shapely.bounds(geometry)
        candidates = list(
            public_sites(council=self.council)
            .filter(asset__longitude__range=(min_lon, max_lon), asset__latitude__range=(min_lat, max_lat))
            .values_list("pk", "asset__longitude", "asset__latitude")
        )
        if not candidates:
            return Q(pk__in=[])
        pks, lons, lats = (np.array(column) for column in zip(*candidates, strict=True))
        if shapely.area(geometry) == 0:
            geometry = shapely.buffer(geometry, 1e-7)
        return Q(pk__in=pks[shapely.intersects_xy(geometry, lons, lats)].tolist())


# The catalogue ---------------------------------------------------------------------------

WARDS_ID = "wards"
ROLLOUT_ID = "rollout"


def collections_for(*, user, council: Council) -> list[Source]:
    """Every collection `user` may read, asset types first (by name), then wards and the rollout."""
    sources: list[Source] = [
        AssetSource(
            id=asset_type.code,
            title=asset_type.name,
            description=f"{council.name}'s {asset_type.name.lower()} assets in the site finder.",
            council=council,
            queryables=ASSET_QUERYABLES,
            sortables=ASSET_SORTABLES,
            properties=ASSET_PROPERTIES,
            tiebreak=("reference", "id"),
            asset_type_code=asset_type.code,
            user=user,
        )
        for asset_type in visible_asset_types(user=user)
    ]
    sources.append(
        WardSource(
            id=WARDS_ID,
            title="Wards",
            description=f"{council.name}'s electoral wards.",
            council=council,
            queryables=WARD_QUERYABLES,
            sortables=WARD_SORTABLES,
            properties=("code", "name"),
            tiebreak=("code",),
        )
    )
    sources.append(
        RolloutSource(
            id=ROLLOUT_ID,
            title="Public rollout",
            description="Approved, licensed, installed and live sites (the public rollout).",
            council=council,
            queryables=ROLLOUT_QUERYABLES,
            sortables=ROLLOUT_SORTABLES,
            properties=ROLLOUT_PROPERTIES,
            temporal="the date the council approved the site",
        )
    )
    return sources


def collection_for(*, collection_id: str, user, council: Council) -> Source | None:
    return next((s for s in collections_for(user=user, council=council) if s.id == collection_id), None)


def items_page(source: Source, query: ItemsQuery, where: Q | None = None) -> Page:
    """A page of `source`'s features for `query`: sorted by its sortby, with only the properties
    it names (geometry and id are always there). An unknown name raises OGCError (400)."""
    if query.properties is not None:
        unknown = [name for name in query.properties if name not in source.properties]
        if unknown:
            raise OGCError(
                f"Parameter properties: collection {source.id!r} has no property {unknown[0]!r}; "
                f"its properties are {', '.join(source.properties)}."
            )
    source.order_by(query.sortby)  # checks the names before any query runs
    page = source.page(query, where)
    if query.properties is not None:
        names = query.properties
        for feature in page.features:
            properties = feature["properties"]
            feature["properties"] = {name: properties[name] for name in names if name in properties}
    return page
