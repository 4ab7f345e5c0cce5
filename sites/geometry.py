"""Pure geometry: derived coordinates, reprojection and exact spatial tests with shapely 2.

No database here. Everything works on arrays of shapely geometries so that one asset
(an admin edit) and a million (an import) go through the same vectorised code.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np
import shapely
from pyproj import Transformer
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

WGS84 = "EPSG:4326"
BRITISH_NATIONAL_GRID = "EPSG:27700"

# How far outside every ward an asset may lie and still be given the nearest ward
# (the published ward boundaries are generalised and clipped to the coastline).
NEAREST_WARD_TOLERANCE_M = 250.0


@cache
def _to_bng() -> Transformer:
    return Transformer.from_crs(WGS84, BRITISH_NATIONAL_GRID, always_xy=True)


@cache
def _from_bng() -> Transformer:
    return Transformer.from_crs(BRITISH_NATIONAL_GRID, WGS84, always_xy=True)


def lonlat_to_bng(lon, lat):
    """(easting, northing) in metres for WGS84 longitude and latitude (scalars or arrays)."""
    return _to_bng().transform(lon, lat)


def bng_to_lonlat(easting, northing):
    """(longitude, latitude) for British National Grid easting and northing."""
    return _from_bng().transform(easting, northing)


def from_geojson(geometries: Iterable[dict]) -> np.ndarray:
    """An array of shapely geometries from GeoJSON geometry dicts."""
    return np.array([shape(g) for g in geometries], dtype=object)


def to_geojson(geometry: BaseGeometry, precision: int = 7) -> dict:
    """A GeoJSON geometry dict, coordinates rounded (7 places is about a centimetre)."""
    return shapely.geometry.mapping(shapely.set_precision(geometry, 10**-precision))


def project_to_bng(geometries: Sequence[BaseGeometry] | np.ndarray) -> np.ndarray:
    """The same geometries in British National Grid metres."""

    def transform(coords: np.ndarray) -> np.ndarray:
        x, y = _to_bng().transform(coords[:, 0], coords[:, 1])
        return np.column_stack([x, y])

    return shapely.transform(np.asarray(geometries, dtype=object), transform)


@dataclass(frozen=True)
class SpatialFields:
    """Per geometry: representative point, bounding box and grid reference."""

    longitude: np.ndarray
    latitude: np.ndarray
    min_longitude: np.ndarray
    min_latitude: np.ndarray
    max_longitude: np.ndarray
    max_latitude: np.ndarray
    easting: np.ndarray
    northing: np.ndarray

    def row(self, i: int) -> dict[str, float]:
        return {name: float(getattr(self, name)[i]) for name in self.__dataclass_fields__}


def spatial_fields(geometries: Sequence[BaseGeometry] | np.ndarray) -> SpatialFields:
    """The indexed columns stored beside each GeoJSON geometry.

    The point is the geometry itself for points and its centroid otherwise; easting and
    northing are that point in EPSG:27700, rounded to the centimetre.
    """
    geoms = np.asarray(geometries, dtype=object)
    bounds = shapely.bounds(geoms)
    points = np.where(shapely.get_type_id(geoms) == 0, geoms, shapely.centroid(geoms))
    lon, lat = shapely.get_x(points), shapely.get_y(points)
    easting, northing = lonlat_to_bng(lon, lat)
    return SpatialFields(
        longitude=lon,
        latitude=lat,
        min_longitude=bounds[:, 0],
        min_latitude=bounds[:, 1],
        max_longitude=bounds[:, 2],
        max_latitude=bounds[:, 3],
        easting=np.round(easting, 2),
        northing=np.round(northing, 2),
    )


@dataclass(frozen=True)
class Placement:
    """Which area each geometry falls in: the index into the areas, or -1 for none."""

    area: np.ndarray
    by_nearest: np.ndarray  # True where no area contained it and the nearest was taken


def place_in_areas(
    geometries_bng: np.ndarray,
    areas_bng: Sequence[BaseGeometry] | np.ndarray,
    *,
    tolerance_m: float = NEAREST_WARD_TOLERANCE_M,
) -> Placement:
    """The area (ward) each geometry's representative point lies in, all in BNG metres.

    A point on a shared boundary goes to the lowest-numbered area, so the answer is
    deterministic; a point outside every area takes the nearest within `tolerance_m`.
    """
    n = len(geometries_bng)
    area = np.full(n, -1, dtype=np.int64)
    by_nearest = np.zeros(n, dtype=bool)
    if n == 0 or len(areas_bng) == 0:
        return Placement(area, by_nearest)
    points = shapely.point_on_surface(np.asarray(geometries_bng, dtype=object))
    tree = shapely.STRtree(np.asarray(areas_bng, dtype=object))
    point_idx, area_idx = tree.query(points, predicate="intersects")
    # First (lowest) area per point: reverse so the lowest index is written last.
    order = np.lexsort((-area_idx, point_idx))
    area[point_idx[order]] = area_idx[order]
    outside = np.flatnonzero(area == -1)
    if len(outside):
        near_point, near_area = tree.query_nearest(points[outside], max_distance=tolerance_m, all_matches=False)
        area[outside[near_point]] = near_area
        by_nearest[outside[near_point]] = True
    return Placement(area, by_nearest)


def intersecting_pairs(
    geometries_bng: np.ndarray, areas_bng: Sequence[BaseGeometry] | np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Index pairs (geometry, area) where a geometry touches or overlaps an area."""
    if len(geometries_bng) == 0 or len(areas_bng) == 0:
        empty = np.array([], dtype=np.int64)
        return empty, empty
    tree = shapely.STRtree(np.asarray(areas_bng, dtype=object))
    geom_idx, area_idx = tree.query(np.asarray(geometries_bng, dtype=object), predicate="intersects")
    return geom_idx, area_idx


def within_bounds(fields: SpatialFields, bounds: tuple[float, float, float, float]) -> np.ndarray:
    """True where a geometry's bounding box lies inside (min_lon, min_lat, max_lon, max_lat)."""
    min_lon, min_lat, max_lon, max_lat = bounds
    return (
        (fields.min_longitude >= min_lon)
        & (fields.max_longitude <= max_lon)
        & (fields.min_latitude >= min_lat)
        & (fields.max_latitude <= max_lat)
    )
