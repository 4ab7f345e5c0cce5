"""The two coordinate reference systems served (OGC API - Features Part 2).

- CRS84 (`http://www.opengis.net/def/crs/OGC/1.3/CRS84`): WGS84 longitude, latitude;
  the default, and the storage CRS (geometry is stored as GeoJSON in WGS84).
- EPSG:27700 (`http://www.opengis.net/def/crs/EPSG/0/27700`): British National Grid,
  easting then northing in metres, which is the axis order EPSG defines for it, so no
  swap (EPSG:4326 would be latitude first; it is not offered).

Assets keep their point's easting and northing (sites.geometry.spatial_fields), so a
point in 27700 is read, not computed; lines and areas are reprojected with pyproj.
"""

import numpy as np
import shapely
from shapely.geometry import box, shape
from shapely.geometry.base import BaseGeometry

from sites.geometry import bng_to_lonlat, lonlat_to_bng

CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"
BNG = "http://www.opengis.net/def/crs/EPSG/0/27700"
SUPPORTED = (CRS84, BNG)
# Also accepted as spellings of the same two (clients write them in several ways).
ALIASES = {
    "CRS84": CRS84,
    "OGC:CRS84": CRS84,
    "[OGC:CRS84]": CRS84,
    "EPSG:27700": BNG,
    "[EPSG:27700]": BNG,
    "http://www.opengis.net/def/crs/EPSG/0/27700": BNG,
    "https://www.opengis.net/def/crs/EPSG/0/27700": BNG,
    "https://www.opengis.net/def/crs/OGC/1.3/CRS84": CRS84,
}
COORDINATE_DIGITS = {CRS84: 7, BNG: 2}  # about a centimetre either way


def parse_crs(value: str | None) -> str | None:
    """The canonical URI of a CRS parameter, or None when it is not one of the two served."""
    if value is None or value == "":
        return CRS84
    value = value.strip()
    return value if value in SUPPORTED else ALIASES.get(value)


def to_lonlat_geometry(geometry: BaseGeometry, crs: str) -> BaseGeometry:
    """A geometry given in `crs`, in WGS84 longitude and latitude."""
    if crs == CRS84:
        return geometry

    def transform(coords: np.ndarray) -> np.ndarray:
        lon, lat = bng_to_lonlat(coords[:, 0], coords[:, 1])
        return np.column_stack([lon, lat])

    return shapely.transform(geometry, transform)


def bbox_polygon(bbox: tuple[float, float, float, float], crs: str) -> BaseGeometry:
    """The box (in `crs`) as a WGS84 polygon, its edges densified so that they stay straight lines in `crs`."""
    polygon = box(*bbox)
    if crs == CRS84:
        return polygon
    return to_lonlat_geometry(shapely.segmentize(polygon, max(bbox[2] - bbox[0], bbox[3] - bbox[1]) / 32), crs)


def point_coordinates(lon: float, lat: float, easting: float, northing: float, crs: str) -> list[float]:
    if crs == BNG:
        return [round(easting, 2), round(northing, 2)]
    return [lon, lat]


def reproject_geojson(geometry: dict, crs: str) -> dict:
    """A stored WGS84 GeoJSON geometry in `crs`."""
    if crs == CRS84:
        return geometry

    def transform(coords: np.ndarray) -> np.ndarray:
        x, y = lonlat_to_bng(coords[:, 0], coords[:, 1])
        return np.column_stack([np.round(x, 2), np.round(y, 2)])

    return shapely.geometry.mapping(shapely.transform(shape(geometry), transform))


def lonlat_bbox_in(bbox: tuple[float, float, float, float], crs: str) -> list[float]:
    """A WGS84 extent as a bbox in `crs` (the box around the transformed, densified edges)."""
    if crs == CRS84:
        return list(bbox)
    polygon = shapely.segmentize(box(*bbox), max(bbox[2] - bbox[0], bbox[3] - bbox[1]) / 32)
    coords = shapely.get_coordinates(polygon)
    x, y = lonlat_to_bng(coords[:, 0], coords[:, 1])
    return [
        round(float(np.min(x)), 2),
        round(float(np.min(y)), 2),
        round(float(np.max(x)), 2),
        round(float(np.max(y)), 2),
    ]
