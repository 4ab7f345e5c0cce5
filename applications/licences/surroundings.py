"""What the location plans show around each site: nearby assets and the wards, in BNG metres.

Two queries for the whole licence whatever its size: the register's assets in any of the
plans' extents (through the spatial index, sites.spatial_index), and the council's
wards meeting them. Everything is projected once (sites.geometry) and kept in STRtrees
so each plan picks its own with one lookup.
"""

from dataclasses import dataclass, field

import numpy as np
import orjson
import shapely
from shapely.geometry import Point, shape

from sites.geometry import bng_to_lonlat, from_geojson, project_to_bng
from sites.models import Asset, Ward
from sites.spatial_index import box_condition, shape_text

from .pdf.plan import plan_extent

# At most this many register assets are read for the plans of one licence.
MAX_NEARBY = 20_000


@dataclass
class Surroundings:
    """Nearby assets and wards in British National Grid metres, with trees to find them."""

    assets: np.ndarray = field(default_factory=lambda: np.array([], dtype=object))
    wards: np.ndarray = field(default_factory=lambda: np.array([], dtype=object))
    ward_names: list[str] = field(default_factory=list)

    def __post_init__(self):
        self._asset_tree = shapely.STRtree(self.assets)
        self._ward_tree = shapely.STRtree(self.wards)

    def assets_in(self, box: tuple[float, float, float, float]) -> np.ndarray:
        return self.assets[self._asset_tree.query(shapely.box(*box))]

    def wards_in(self, box: tuple[float, float, float, float]) -> list[tuple[str, object]]:
        found = sorted(self._ward_tree.query(shapely.box(*box)))
        return [(self.ward_names[i], self.wards[i]) for i in found]


def site_shape_bng(row) -> object:
    """The licensed geometry of a schedule row in BNG (its point if the geometry is a point)."""
    geometry = row.geometry or {"type": "Point", "coordinates": [row.longitude, row.latitude]}
    if geometry.get("type") == "Point":
        return Point(row.easting, row.northing)
    return project_to_bng([shape(geometry)])[0]


def _lonlat_box(box_bng: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    min_e, min_n, max_e, max_n = box_bng
    lons, lats = bng_to_lonlat(np.array([min_e, max_e, min_e, max_e]), np.array([min_n, min_n, max_n, max_n]))
    return (float(lons.min()), float(lats.min()), float(lons.max()), float(lats.max()))


def surroundings_for(*, council, rows, site_shapes: list) -> Surroundings:
    """The assets (other than the licensed ones) and wards around every site of the licence."""
    if not rows:
        return Surroundings()
    boxes = [_lonlat_box(plan_extent(shape_bng).box) for shape_bng in site_shapes]
    licensed = {row.asset_id for row in rows}
    found = (
        Asset.objects.filter(council=council)
        .filter(box_condition(boxes))
        .order_by()
        .values_list("id", "longitude", "latitude", shape_text())[:MAX_NEARBY]
    )
    points_lon, points_lat, shapes = [], [], []
    for asset_id, lon, lat, text in found:
        if asset_id in licensed:
            continue
        if text is None:
            points_lon.append(lon)
            points_lat.append(lat)
        else:
            shapes.append(orjson.loads(text))
    geoms = []
    if points_lon:
        e, n = np.asarray(points_lon, dtype=float), np.asarray(points_lat, dtype=float)
        e, n = project_to_bng_arrays(e, n)
        geoms.extend(shapely.points(e, n))
    if shapes:
        geoms.extend(project_to_bng(from_geojson(shapes)))
    union = (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )
    wards = list(
        Ward.objects.filter(
            council=council,
            max_longitude__gte=union[0],
            min_longitude__lte=union[2],
            max_latitude__gte=union[1],
            min_latitude__lte=union[3],
        ).values_list("name", "geometry")
    )
    ward_shapes = project_to_bng(from_geojson(g for _, g in wards)) if wards else np.array([], dtype=object)
    return Surroundings(
        assets=np.array(geoms, dtype=object),
        wards=np.asarray(ward_shapes, dtype=object),
        ward_names=[n for n, _ in wards],
    )


def project_to_bng_arrays(lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    from sites.geometry import lonlat_to_bng

    e, n = lonlat_to_bng(lon, lat)
    return np.asarray(e), np.asarray(n)
