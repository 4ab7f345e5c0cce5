"""Adding a council to the portal, its area, and its branding (manage.py add_council).

A council is live once it has a row here, its wards (`manage.py import_wards`) and its assets
(`manage.py import_assets`); nothing needs the admin. Its area is a box (min/max longitude and
latitude), and, when a boundary file is given, the exact boundary too: the importers refuse
a location outside either (sites.services.out_of_area).
"""

import io
import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import shapely
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify

from .models import Council, initials_of

# Where a UK council can be (WGS84): a boundary read with the wrong CRS lands far outside.
UK_BOX = (-8.75, 49.8, 2.0, 60.95)
# A council is bigger than a street and smaller than the Highlands (26,000 km2), with room.
MIN_AREA_KM2, MAX_AREA_KM2 = 0.5, 40_000
# Assets on the boundary road are the council's: the boundary is widened by about 50 m.
BOUNDARY_TOLERANCE_DEG = 0.0005
LOGO_MAX_BYTES = 200_000
LOGO_MAX_PIXELS = 1200
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@dataclass(frozen=True)
class Area:
    """A council's area in WGS84: its box, and its exact boundary when known (GeoJSON)."""

    bounds: tuple[float, float, float, float]
    boundary: dict | None


def area_from_bbox(text: str) -> Area:
    """west,south,east,north in degrees (WGS84)."""
    parts = [p.strip() for p in text.split(",")]
    try:
        west, south, east, north = (float(p) for p in parts)
    except ValueError:
        raise ValidationError(
            {"bbox": "Give the box as west,south,east,north in degrees, such as -4.45,55.77,-4.05,55.94."}
        ) from None
    if not all(np.isfinite([west, south, east, north])) or west >= east or south >= north:
        raise ValidationError({"bbox": "The box's west must be less than its east, and its south less than its north."})
    _check_in_uk((west, south, east, north), "bbox")
    return Area(bounds=(west, south, east, north), boundary=None)


def area_from_file(path: Path) -> Area:
    """The union of the polygons in a vector file (GeoJSON, GeoPackage, Shapefile...), in WGS84."""
    import pyogrio  # noqa: PLC0415 (GDAL is loaded only when a file is read)

    if not Path(path).is_file():
        raise ValidationError({"boundary": f"There is no file at {path}."})
    try:
        frame = pyogrio.read_dataframe(path)
    except Exception as exc:  # GDAL says what it could not read, in many ways
        raise ValidationError({"boundary": f"{Path(path).name} could not be read as a map file ({exc})."}) from None
    if frame.crs is None:
        raise ValidationError(
            {"boundary": f"{Path(path).name} does not say its coordinate reference system (CRS). Save it with one."}
        )
    geoms = np.array([g for g in frame.to_crs("EPSG:4326").geometry.values if g is not None], dtype=object)
    polygons = geoms[np.isin(shapely.get_type_id(geoms), (3, 6))] if len(geoms) else geoms
    if not len(polygons):
        raise ValidationError(
            {"boundary": f"{Path(path).name} has no polygon: a boundary is an area, not points or lines."}
        )
    shape = shapely.union_all(shapely.make_valid(polygons))
    shape = shapely.union_all([g for g in shapely.get_parts(shape) if g.geom_type in ("Polygon", "MultiPolygon")])
    if shape.is_empty:
        raise ValidationError({"boundary": f"The polygons in {Path(path).name} are empty."})
    bounds = outward(shape.bounds)
    _check_in_uk(bounds, "boundary")
    km2 = _area_km2(shape)
    if not MIN_AREA_KM2 <= km2 <= MAX_AREA_KM2:
        raise ValidationError(
            {
                "boundary": f"The boundary covers {km2:,.1f} km2; a council covers {MIN_AREA_KM2} to "
                f"{MAX_AREA_KM2:,} km2."
            }
        )
    return Area(bounds=bounds, boundary=json.loads(shapely.to_geojson(shapely.set_precision(shape, 1e-6))))


def outward(bounds: tuple[float, float, float, float], places: int = 6) -> tuple[float, float, float, float]:
    """The box rounded to `places` decimals outward, so that it still holds every point of the shape.

    (Rounded to the nearest, a ward with a vertex on the council's edge fell outside its box.)
    """
    scale = 10**places
    west, south, east, north = bounds
    return (
        math.floor(west * scale) / scale,
        math.floor(south * scale) / scale,
        math.ceil(east * scale) / scale,
        math.ceil(north * scale) / scale,
    )


def _check_in_uk(bounds, field: str) -> None:
    west, south, east, north = bounds
    uw, us, ue, un = UK_BOX
    if not (uw <= west and east <= ue and us <= south and north <= un):
        raise ValidationError(
            {field: "The area is not in the United Kingdom as read. Check the coordinate reference system (CRS)."}
        )


def _area_km2(shape) -> float:
    from pyproj import Geod  # noqa: PLC0415

    return abs(Geod(ellps="WGS84").geometry_area_perimeter(shape)[0]) / 1e6


def logo_checked(data: bytes) -> bytes:
    """A PNG logo as given, once it is one (Pillow opens it) and small enough."""
    from PIL import Image  # noqa: PLC0415

    if not data.startswith(PNG_SIGNATURE):
        raise ValidationError({"logo": "The logo must be a PNG image."})
    if len(data) > LOGO_MAX_BYTES:
        raise ValidationError({"logo": f"The logo must be at most {LOGO_MAX_BYTES // 1000} KB."})
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.verify()
            width, height = image.size
    except Exception:  # Pillow raises many kinds for a broken image
        raise ValidationError({"logo": "The logo is not a readable PNG image."}) from None
    if max(width, height) > LOGO_MAX_PIXELS:
        raise ValidationError({"logo": f"The logo must be at most {LOGO_MAX_PIXELS} pixels on its longer side."})
    return data


@transaction.atomic
def council_add(
    *,
    name: str,
    ons_code: str,
    contact_email: str,
    area: Area,
    slug: str = "",
    initials: str = "",
    brand_colour: str = "",
    logo_png: bytes = b"",
    licence_conditions: str = "",
) -> Council:
    """A new council with its area and branding; every problem at once, as a ValidationError."""
    name = " ".join(name.split())
    council = Council(
        name=name,
        ons_code=ons_code.strip().upper(),
        slug=slug or slugify(name.removesuffix(" Council").removesuffix(" City")),
        initials=(initials or initials_of(name)).upper(),
        contact_email=contact_email.strip(),
        min_longitude=area.bounds[0],
        min_latitude=area.bounds[1],
        max_longitude=area.bounds[2],
        max_latitude=area.bounds[3],
        boundary=area.boundary,
        licence_conditions=licence_conditions.strip(),
    )
    if brand_colour:
        council.brand_colour = brand_colour
    if logo_png:
        council.logo_png = logo_checked(logo_png)
    council.full_clean()
    council.save()
    return council


@lru_cache(maxsize=32)
def _boundary_shape(boundary_json: str):
    shape = shapely.buffer(shapely.from_geojson(boundary_json), BOUNDARY_TOLERANCE_DEG)
    shapely.prepare(shape)
    return shape


def outside_boundary(council: Council, geometries: np.ndarray) -> np.ndarray:
    """True where a geometry does not touch the council's exact boundary (all False when it has none)."""
    if not council.boundary or not len(geometries):
        return np.zeros(len(geometries), dtype=bool)
    shape = _boundary_shape(json.dumps(council.boundary, sort_keys=True))
    return ~shapely.intersects(shape, geometries)
