"""A location plan per site, drawn from the geometry in British National Grid metres (no tiles).

The licensed site in red, the licence's other sites as red rings, the register's other
assets in grey, ward boundaries dashed (the site's ward tinted), a grid in BNG metres
labelled round the frame, a scale bar and a north arrow (grid north). Pure drawing: the
caller passes the site's shape and the surroundings, both already in BNG.
"""

import math
from dataclasses import dataclass

import numpy as np
import shapely
from reportlab.graphics.shapes import Circle, Drawing, Group, Line, Path, Polygon, PolyLine, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from .styles import BOLD, BRAND, FONT, INK, RED

MIN_HALF_M = 100.0  # a point site: 200 m across
NICE = (10, 20, 25, 50, 100, 125, 150, 200, 250, 300, 400, 500, 750, 1000, 1500, 2000, 2500, 5000, 10000)
LABEL_LEFT = 26.0  # room for the northings left of the frame
LABEL_BOTTOM = 11.0  # room for the eastings below it
GREY = colors.HexColor("#505a5f")
GRID = colors.HexColor("#b1b4b6")
WARD_LINE = colors.HexColor("#4c2c92")
WARD_TINT = colors.HexColor("#eef4f4")
RING = colors.HexColor("#f4c7bf")


@dataclass(frozen=True)
class Extent:
    """A square of BNG metres centred on the site."""

    cx: float
    cy: float
    half: float

    @property
    def box(self) -> tuple[float, float, float, float]:
        return (self.cx - self.half, self.cy - self.half, self.cx + self.half, self.cy + self.half)


def nice_at_least(value: float) -> float:
    return next((float(n) for n in NICE if n >= value), float(math.ceil(value / 10000) * 10000))


def nice_at_most(value: float) -> float:
    return next((float(n) for n in reversed(NICE) if n <= value), float(NICE[0]))


def plan_extent(shape_bng) -> Extent:
    """The square the plan shows: at least 200 m across, the whole site with a margin."""
    min_x, min_y, max_x, max_y = shape_bng.bounds
    span = max(max_x - min_x, max_y - min_y)
    half = nice_at_least(max(MIN_HALF_M, span * 0.6))
    return Extent((min_x + max_x) / 2, (min_y + max_y) / 2, half)


class _Frame:
    """BNG metres -> drawing points."""

    def __init__(self, extent: Extent, size: float):
        self.extent, self.size = extent, size
        self.scale = size / (2 * extent.half)
        self.x0, self.y0 = extent.cx - extent.half, extent.cy - extent.half

    def xy(self, coords: np.ndarray) -> list[float]:
        pts = np.empty((len(coords), 2))
        pts[:, 0] = LABEL_LEFT + (coords[:, 0] - self.x0) * self.scale
        pts[:, 1] = LABEL_BOTTOM + (coords[:, 1] - self.y0) * self.scale
        return pts.ravel().tolist()

    def point(self, x: float, y: float) -> tuple[float, float]:
        return LABEL_LEFT + (x - self.x0) * self.scale, LABEL_BOTTOM + (y - self.y0) * self.scale


def _parts(geometry) -> list:
    if geometry is None or geometry.is_empty:
        return []
    return list(geometry.geoms) if hasattr(geometry, "geoms") else [geometry]


def _area_path(frame: _Frame, polygon, **style) -> Path:
    path = Path(**style)
    for ring in [polygon.exterior, *polygon.interiors]:
        pts = frame.xy(np.asarray(ring.coords))
        path.moveTo(pts[0], pts[1])
        for i in range(2, len(pts), 2):
            path.lineTo(pts[i], pts[i + 1])
        path.closePath()
    return path


def _draw_shape(group: Group, frame: _Frame, geometry, *, point, line, area) -> None:
    """A geometry of any type: `point(x, y)` returns the marker, `line` and `area` are styles."""
    for part in _parts(geometry):
        kind = part.geom_type
        if kind == "Point":
            group.add(point(*frame.point(part.x, part.y)))
        elif kind in ("LineString", "LinearRing"):
            group.add(PolyLine(frame.xy(np.asarray(part.coords)), **line))
        elif kind == "Polygon":
            group.add(_area_path(frame, part, **area))
        else:
            _draw_shape(group, frame, part, point=point, line=line, area=area)


def _grid(group: Group, frame: _Frame) -> float:
    ext = frame.extent
    step = nice_at_most(2 * ext.half / 4)
    min_x, min_y, max_x, max_y = ext.box
    x = math.ceil(min_x / step) * step
    while x <= max_x:
        px, _ = frame.point(x, min_y)
        group.add(Line(px, LABEL_BOTTOM, px, LABEL_BOTTOM + frame.size, strokeColor=GRID, strokeWidth=0.4))
        group.add(String(px, 3, f"{x:.0f}", fontName=FONT, fontSize=5.5, fillColor=GREY, textAnchor="middle"))
        x += step
    y = math.ceil(min_y / step) * step
    while y <= max_y:
        _, py = frame.point(min_x, y)
        group.add(Line(LABEL_LEFT, py, LABEL_LEFT + frame.size, py, strokeColor=GRID, strokeWidth=0.4))
        group.add(
            String(LABEL_LEFT - 2, py - 2, f"{y:.0f}", fontName=FONT, fontSize=5.5, fillColor=GREY, textAnchor="end")
        )
        y += step
    return step


def _scale_bar(group: Group, frame: _Frame) -> None:
    metres = nice_at_most(2 * frame.extent.half / 4)
    length = metres * frame.scale
    x, y = LABEL_LEFT + 8, LABEL_BOTTOM + 8
    group.add(Rect(x - 4, y - 4, length + 8, 17, fillColor=colors.white, strokeColor=None, fillOpacity=0.85))
    half = length / 2
    group.add(Rect(x, y, half, 3, fillColor=INK, strokeColor=INK, strokeWidth=0.5))
    group.add(Rect(x + half, y, half, 3, fillColor=colors.white, strokeColor=INK, strokeWidth=0.5))
    group.add(String(x, y + 5, "0", fontName=FONT, fontSize=5.5, fillColor=INK, textAnchor="middle"))
    group.add(
        String(x + length, y + 5, f"{metres:.0f} m", fontName=FONT, fontSize=5.5, fillColor=INK, textAnchor="middle")
    )


def _north_arrow(group: Group, frame: _Frame) -> None:
    cx = LABEL_LEFT + frame.size - 14
    top = LABEL_BOTTOM + frame.size - 6
    group.add(Circle(cx, top - 12, 10, fillColor=colors.white, strokeColor=None, fillOpacity=0.85))
    group.add(Polygon([cx, top - 4, cx - 4, top - 20, cx, top - 16], fillColor=INK, strokeColor=INK, strokeWidth=0.5))
    group.add(
        Polygon([cx, top - 4, cx + 4, top - 20, cx, top - 16], fillColor=colors.white, strokeColor=INK, strokeWidth=0.5)
    )
    group.add(String(cx, top - 30, "N", fontName=BOLD, fontSize=7, fillColor=INK, textAnchor="middle"))


# A dot as an octagon: many dots make one path (one drawing operation), not a node each.
_OCTAGON = [(math.cos(math.pi / 8 + i * math.pi / 4), math.sin(math.pi / 8 + i * math.pi / 4)) for i in range(8)]


def _dots(flat_xy: list[float], *, radius: float, **style) -> Path:
    path = Path(strokeColor=None, **style)
    for i in range(0, len(flat_xy), 2):
        x, y = flat_xy[i], flat_xy[i + 1]
        path.moveTo(x + radius * _OCTAGON[0][0], y + radius * _OCTAGON[0][1])
        for dx, dy in _OCTAGON[1:]:
            path.lineTo(x + radius * dx, y + radius * dy)
        path.closePath()
    return path


def _clip(geometry, box):
    return shapely.clip_by_rect(geometry, *box)


def location_plan(
    *, site_bng, reference: str, extent: Extent, nearby, wards, others=(), size: float = 200.0
) -> Drawing:
    """The plan of one site. `nearby`: other assets (BNG shapes); `wards`: (name, BNG shape);
    `others`: the licence's other sites in view (BNG shapes)."""
    frame = _Frame(extent, size)
    box = extent.box
    drawing = Drawing(LABEL_LEFT + size + 2, LABEL_BOTTOM + size + 2)
    group = Group()
    group.add(Rect(LABEL_LEFT, LABEL_BOTTOM, size, size, fillColor=colors.white, strokeColor=None))
    centre = shapely.Point(extent.cx, extent.cy)
    for _, ward in wards:
        if ward.contains(centre):
            for part in _parts(shapely.simplify(_clip(ward, box), 0.5)):
                if part.geom_type == "Polygon":
                    group.add(_area_path(frame, part, fillColor=WARD_TINT, strokeColor=None))
    _grid(group, frame)
    for _, ward in wards:
        boundary = shapely.simplify(_clip(ward.boundary, box), 0.5)
        _draw_shape(
            group,
            frame,
            boundary,
            point=lambda x, y: Group(),
            line={"strokeColor": WARD_LINE, "strokeWidth": 1.1, "strokeDashArray": [4, 2]},
            area={},
        )
    grey_line = {"strokeColor": GREY, "strokeWidth": 0.7}
    grey_area = {"strokeColor": GREY, "strokeWidth": 0.6, "fillColor": None}
    nearby = np.asarray(nearby, dtype=object)
    is_point = shapely.get_type_id(nearby) == 0 if len(nearby) else np.array([], dtype=bool)
    if is_point.any():
        group.add(_dots(frame.xy(shapely.get_coordinates(nearby[is_point])), radius=1.7, fillColor=GREY))
    for geometry in nearby[~is_point]:
        _draw_shape(group, frame, _clip(geometry, box), point=lambda x, y: Group(), line=grey_line, area=grey_area)
    for geometry in others:
        _draw_shape(
            group,
            frame,
            _clip(geometry, box) if geometry.geom_type != "Point" else geometry,
            point=lambda x, y: Circle(x, y, 2.6, fillColor=colors.white, strokeColor=RED, strokeWidth=1),
            line={"strokeColor": RED, "strokeWidth": 1, "strokeDashArray": [2, 1]},
            area={"strokeColor": RED, "strokeWidth": 1, "fillColor": None},
        )
    _draw_shape(
        group,
        frame,
        _clip(site_bng, box) if site_bng.geom_type != "Point" else site_bng,
        point=lambda x, y: Group(
            Circle(x, y, 7, fillColor=RING, strokeColor=None, fillOpacity=0.7),
            Circle(x, y, 4, fillColor=RED, strokeColor=colors.white, strokeWidth=1.2),
        ),
        line={"strokeColor": RED, "strokeWidth": 2.4},
        area={"strokeColor": RED, "strokeWidth": 1.8, "fillColor": RED, "fillOpacity": 0.25},
    )
    label_x, label_y = frame.point(extent.cx, extent.cy)
    width = stringWidth(reference, BOLD, 7)  # a white halo, so a neighbour's marker never hides it
    group.add(
        Rect(label_x + 7.5, label_y + 3, width + 3, 9, fillColor=colors.white, strokeColor=None, fillOpacity=0.85)
    )
    group.add(String(label_x + 9, label_y + 5, reference, fontName=BOLD, fontSize=7, fillColor=RED))
    _scale_bar(group, frame)
    _north_arrow(group, frame)
    group.add(Rect(LABEL_LEFT, LABEL_BOTTOM, size, size, fillColor=None, strokeColor=BRAND, strokeWidth=0.9))
    drawing.add(group)
    return drawing
