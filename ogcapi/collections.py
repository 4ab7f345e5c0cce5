"""The feature collections served, each read through the finder's or the rollout's own selectors.

- one collection per asset type the user may see (sites.search: restricted types only for
  signed-in users), its items from sites.search.asset_search (the finder's filters,
  visibility and order), so a count here equals the finder's for the same search;
- `wards`: the council's electoral wards;
- `rollout`: the public rollout (applications.public.public_sites: approved sites of
  applications from `approved` on, on public asset types; never-public states never appear).

A source answers a page of features (plain values built into GeoJSON dicts, no model
instances) and one feature by id, in CRS84 or EPSG:27700.
"""

from dataclasses import dataclass, field, replace
from urllib.parse import quote

import numpy as np
import orjson
import shapely
from django.db.models import Q, QuerySet
from django.http import QueryDict
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

from applications.models import Technology
from applications.public import PUBLIC_FIELDS, PublicStatus, public_site_rows, public_sites
from portal.models import Council
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
    temporal: str = ""  # what `datetime` filters on, in words ("" when it does not apply)

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
        result = asset_search(
            search=self.search(query, where),
            user=self.user,
            council=self.council,
            limit=query.limit,
            offset=query.offset,
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
        slug, type_code, type_name = self.council.slug, self.asset_type_code, self.title
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
                        "url": f"/sites/{slug}/{quote(row.reference, safe='')}/",
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


@dataclass
class WardSource(Source):
    def rows(self, query: ItemsQuery, where: Q | None) -> QuerySet:
        qs = Ward.objects.filter(council=self.council).order_by("code")
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
        values = list(qs.order_by("pk").values(*PUBLIC_FIELDS)[query.offset : query.offset + query.limit])
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
        )
    )
    sources.append(
        RolloutSource(
            id=ROLLOUT_ID,
            title="Public rollout",
            description="Approved, licensed, installed and live sites (the public rollout).",
            council=council,
            queryables=ROLLOUT_QUERYABLES,
            temporal="the date the council approved the site",
        )
    )
    return sources


def collection_for(*, collection_id: str, user, council: Council) -> Source | None:
    return next((s for s in collections_for(user=user, council=council) if s.id == collection_id), None)
