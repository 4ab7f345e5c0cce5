"""Form fields for the where-part of a site search: bbox, a point, a drawn polygon.

Each turns one query parameter into plain numbers or a shapely geometry, or raises a
ValidationError in plain English; nothing unparseable, infinite or absurd gets through.
"""

import math

import orjson
import shapely
from django import forms
from django.core.exceptions import ValidationError
from shapely.errors import ShapelyError
from shapely.geometry import shape

from .search import search_setting

# British National Grid's extent, in metres.
GRID_BOUNDS = (0.0, 0.0, 700_000.0, 1_300_000.0)


def parse_numbers(value: str, count: int, message: str) -> tuple[float, ...]:
    parts = [p.strip() for p in str(value).split(",")]
    if len(parts) != count:
        raise ValidationError(message, code="invalid")
    try:
        numbers = tuple(float(p) for p in parts)
    except ValueError:
        raise ValidationError(message, code="invalid") from None
    if not all(math.isfinite(n) for n in numbers):
        raise ValidationError(message, code="invalid")
    return numbers


def check_lonlat(lon: float, lat: float) -> None:
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):
        raise ValidationError(
            "Longitude must be between -180 and 180 and latitude between -90 and 90.", code="out_of_range"
        )


def check_span(min_lon: float, min_lat: float, max_lon: float, max_lat: float, what: str) -> None:
    limit = search_setting("MAX_SPAN_DEGREES")
    if max_lon - min_lon > limit or max_lat - min_lat > limit:
        raise ValidationError(
            f"The {what} is too large: at most {limit:g} degrees across. Zoom in or draw a smaller area.",
            code="too_large",
        )


class BBoxField(forms.CharField):
    """`minlon,minlat,maxlon,maxlat` (west, south, east, north) in WGS84 degrees."""

    message = "Enter the box as four numbers: west,south,east,north (longitude and latitude in degrees)."

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        min_lon, min_lat, max_lon, max_lat = parse_numbers(value, 4, self.message)
        check_lonlat(min_lon, min_lat)
        check_lonlat(max_lon, max_lat)
        if min_lon >= max_lon or min_lat >= max_lat:
            raise ValidationError(
                "The box is the wrong way round or empty: give west,south,east,north, with west less than "
                "east and south less than north.",
                code="inverted",
            )
        check_span(min_lon, min_lat, max_lon, max_lat, "box")
        return (min_lon, min_lat, max_lon, max_lat)


class LonLatField(forms.CharField):
    """`lon,lat` in WGS84 degrees."""

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        lon, lat = parse_numbers(value, 2, "Enter the point as longitude,latitude in degrees, e.g. -4.2502,55.8611.")
        check_lonlat(lon, lat)
        return (lon, lat)


class GridPointField(forms.CharField):
    """`easting,northing` on the British National Grid (EPSG:27700), in metres."""

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        easting, northing = parse_numbers(
            value, 2, "Enter the point as easting,northing in metres, e.g. 259000,665500."
        )
        min_e, min_n, max_e, max_n = GRID_BOUNDS
        if not (min_e <= easting <= max_e and min_n <= northing <= max_n):
            raise ValidationError(
                "That easting and northing are not on the British National Grid "
                "(eastings 0 to 700000, northings 0 to 1300000).",
                code="out_of_range",
            )
        return (easting, northing)


class PolygonField(forms.CharField):
    """A GeoJSON Polygon or MultiPolygon (or a Feature holding one) in WGS84."""

    max_chars = 200_000

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        if len(value) > self.max_chars:
            raise ValidationError("The drawn area is too detailed: draw it with fewer points.", code="too_large")
        try:
            data = orjson.loads(value)
        except orjson.JSONDecodeError:
            raise ValidationError("Enter the area as a GeoJSON polygon.", code="invalid") from None
        if isinstance(data, dict) and data.get("type") == "Feature":
            data = data.get("geometry")
        if not isinstance(data, dict) or data.get("type") not in ("Polygon", "MultiPolygon"):
            raise ValidationError("The area must be a GeoJSON Polygon or MultiPolygon.", code="invalid")
        try:
            geometry = shape(data)
        except (AttributeError, KeyError, TypeError, ValueError, IndexError, ShapelyError):
            raise ValidationError("Enter the area as a GeoJSON polygon.", code="invalid") from None
        limit = search_setting("MAX_POLYGON_VERTICES")
        if shapely.get_num_coordinates(geometry) > limit:
            raise ValidationError(
                f"The drawn area has too many points: at most {limit}. Draw it more simply.", code="too_large"
            )
        if geometry.is_empty:
            raise ValidationError("The drawn area is empty.", code="empty")
        coords = shapely.get_coordinates(geometry)
        if not (abs(coords[:, 0]) <= 180).all() or not (abs(coords[:, 1]) <= 90).all():
            raise ValidationError(
                "The area's longitudes must be between -180 and 180 and latitudes between -90 and 90.",
                code="out_of_range",
            )
        if not geometry.is_valid:
            raise ValidationError(
                "The drawn area crosses itself (or its parts overlap): draw it again without crossing lines.",
                code="self_intersecting",
            )
        if shapely.area(geometry) == 0:
            raise ValidationError("The drawn area is empty.", code="empty")
        check_span(*geometry.bounds, "drawn area")
        return geometry


class StrictBooleanField(forms.Field):
    """true/false (also yes/no, 1/0, on/off); anything else is an error, not ignored."""

    TRUE = {"true", "yes", "1", "on"}
    FALSE = {"false", "no", "0", "off"}

    def to_python(self, value):
        if value in self.empty_values:
            return None
        text = str(value).strip().lower()
        if text in self.TRUE:
            return True
        if text in self.FALSE:
            return False
        raise ValidationError("Enter true or false.", code="invalid")


class CommaSeparatedMultiple(forms.SelectMultiple):
    """Repeated parameters (a=1&a=2) or one comma-separated value (a=1,2)."""

    def value_from_datadict(self, data, files, name):
        values = data.getlist(name) if hasattr(data, "getlist") else data.get(name)
        if values is None:
            return []
        if isinstance(values, str):
            values = [values]
        return [part.strip() for value in values for part in str(value).split(",") if part.strip()]
