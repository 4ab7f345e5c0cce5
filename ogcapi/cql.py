"""CQL2 filters (OGC API - Features Part 3) as Django Q objects, parsed by pygeofilter.

    where = filter_q(source, "height_m > 8 AND name LIKE 'Col%'", lang="cql2-text", crs=CRS84)

pygeofilter parses CQL2 text and JSON into its AST; this walks the AST for the operators
offered (comparison, LIKE, IN, BETWEEN, IS NULL, AND/OR/NOT, S_INTERSECTS with a point,
bbox, line or polygon) and builds a Q on the collection's queryables. A property the
collection does not have, a value of the wrong type, an operator not offered or a
filter that does not parse raises OGCError naming the problem (400).

S_INTERSECTS is decided by the collection (Source.intersects): for assets the finder's
own exact drawn-area test, so a filter by area finds what the finder finds.
"""

import re
from datetime import date, datetime

import orjson
import shapely
from django.db.models import Q
from lark.exceptions import LarkError
from pygeofilter import ast, values
from pygeofilter.parsers.cql2_json import parse as parse_json
from pygeofilter.parsers.cql2_text import parse as parse_text
from shapely.geometry import box, shape
from shapely.geometry.base import BaseGeometry

from . import crs as crs_module
from .errors import OGCError

GEOMETRY = "geometry"
LOOKUPS = {"=": "exact", "<": "lt", "<=": "lte", ">": "gt", ">=": "gte"}
MAX_FILTER_CHARS = 20_000


def problem(message: str) -> OGCError:
    return OGCError(f"Parameter filter: {message}")


def parse(text: str, lang: str):
    """The AST of a filter (raises OGCError when it does not parse)."""
    if len(text) > MAX_FILTER_CHARS:
        raise problem(f"the filter is too long (at most {MAX_FILTER_CHARS:,} characters).")
    try:
        node = parse_json(_standard_between(orjson.loads(text))) if lang == "cql2-json" else parse_text(text)
    except orjson.JSONDecodeError:
        raise problem("this is not JSON; give CQL2 JSON, or filter-lang=cql2-text for CQL2 text.") from None
    except LarkError as error:
        where = getattr(error, "column", None)
        raise problem(f"this is not CQL2 text{f' (at character {where})' if where else ''}.") from None
    except (ValueError, TypeError, KeyError, IndexError, AttributeError):
        raise problem("this is not a CQL2 expression.") from None
    if not isinstance(node, ast.Node):
        raise problem("give a condition (for example height_m > 8), not a single value.")
    return node


def _standard_between(node):
    """CQL2 JSON's between is [property, low, high]; pygeofilter reads [property, [low, high]]."""
    if isinstance(node, list):
        return [_standard_between(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: _standard_between(value) for key, value in node.items()}
    args = node.get("args")
    if node.get("op") == "between" and isinstance(args, list) and len(args) == 3:
        node["args"] = [args[0], [args[1], args[2]]]
    return node


class Translator:
    def __init__(self, source, lang: str, crs: str):
        self.source, self.lang, self.crs = source, lang, crs

    def q(self, node) -> Q:
        if isinstance(node, ast.And):
            return self.q(node.lhs) & self.q(node.rhs)
        if isinstance(node, ast.Or):
            return self.q(node.lhs) | self.q(node.rhs)
        if isinstance(node, ast.Not):
            return ~self.q(node.sub_node)
        if isinstance(node, ast.Comparison):
            return self.comparison(node)
        if isinstance(node, ast.Between):
            name, queryable = self.property(node.lhs)
            low, high = self.value(queryable, name, node.low), self.value(queryable, name, node.high)
            return self.negated(Q(**{f"{queryable.field}__range": (low, high)}), queryable, node.not_)
        if isinstance(node, ast.Like):
            return self.like(node)
        if isinstance(node, ast.In):
            name, queryable = self.property(node.lhs)
            options = [self.value(queryable, name, option) for option in node.sub_nodes]
            if queryable.to_q is not None:
                return queryable.to_q("not in" if node.not_ else "in", options)
            return self.negated(Q(**{f"{queryable.field}__in": options}), queryable, node.not_)
        if isinstance(node, ast.IsNull):
            _, queryable = self.property(node.lhs)
            q = Q(**{f"{queryable.field}__isnull": True})
            return ~q if node.not_ else q
        if isinstance(node, ast.GeometryIntersects):
            return self.intersects(node)
        if isinstance(node, ast.SpatialComparisonPredicate):
            raise problem(f"the spatial function S_{node.op.name} is not offered; use S_INTERSECTS.")
        raise problem(f"{type(node).__name__} is not offered (see /conformance for what is).")

    # Parts ---------------------------------------------------------------------------------

    def property(self, node):
        if isinstance(node, ast.Function):
            raise problem(f"the function {node.name}() is not offered.")
        if not isinstance(node, ast.Attribute):
            raise problem("the left side of a comparison must be a property (see the collection's queryables).")
        queryable = self.source.queryables.get(node.name)
        if queryable is None:
            names = ", ".join(sorted(self.source.queryables))
            raise problem(f"collection {self.source.id!r} has no property {node.name!r}; its queryables are {names}.")
        return node.name, queryable

    def value(self, queryable, name: str, value):
        kind, form = queryable.schema.get("type"), queryable.schema.get("format")
        if isinstance(value, ast.Node):
            raise problem(f"compare {name} with a value, not an expression.")
        if form in ("date", "date-time"):
            ok = isinstance(value, date)
        elif kind == "number":
            ok = isinstance(value, (int, float)) and not isinstance(value, bool)
        else:
            ok = isinstance(value, str)
        if not ok:
            expected = {"date": "a DATE('...')", "date-time": "a TIMESTAMP('...')"}.get(form) or (
                "a number" if kind == "number" else "a 'quoted' string"
            )
            raise problem(f"{name} is compared with {expected}, not {value!r}.")
        if form == "date" and isinstance(value, datetime):
            return value.date()
        return value

    @staticmethod
    def negated(q: Q, queryable, negate: bool) -> Q:
        """NOT of a comparison: NULL stays unknown (left out), as in SQL."""
        return (~q & Q(**{f"{queryable.field}__isnull": False})) if negate else q

    def comparison(self, node) -> Q:
        lhs, rhs, op = node.lhs, node.rhs, node.op.value
        if not isinstance(lhs, (ast.Attribute, ast.Function)) and isinstance(rhs, ast.Attribute):
            lhs, rhs = rhs, lhs
            op = {"<": ">", ">": "<", "<=": ">=", ">=": "<="}.get(op, op)
        name, queryable = self.property(lhs)
        value = self.value(queryable, name, rhs)
        if queryable.to_q is not None:
            return queryable.to_q(op, [value])
        if op == "<>":
            return self.negated(Q(**{queryable.field: value}), queryable, True)
        return Q(**{f"{queryable.field}__{LOOKUPS[op]}": value})

    def like(self, node) -> Q:
        name, queryable = self.property(node.lhs)
        pattern = self.value(queryable, name, node.pattern)
        regex, i = ["^"], 0
        while i < len(pattern):
            char = pattern[i]
            if char == node.escapechar and i + 1 < len(pattern):
                i += 1
                regex.append(re.escape(pattern[i]))
            elif char == node.wildcard:
                regex.append(".*")
            elif char in (node.singlechar, "_"):
                regex.append(".")
            else:
                regex.append(re.escape(char))
            i += 1
        regex.append("$")
        lookup = "iregex" if node.nocase else "regex"
        return self.negated(Q(**{f"{queryable.field}__{lookup}": "".join(regex)}), queryable, node.not_)

    def geometry(self, node) -> BaseGeometry:
        if isinstance(node, values.Geometry):
            try:
                geometry = shape(node.geometry)
            except (AttributeError, KeyError, TypeError, ValueError, IndexError, shapely.errors.ShapelyError):
                raise problem("the geometry is not valid.") from None
        elif isinstance(node, values.Envelope):
            # pygeofilter reads a CQL2 JSON bbox [minx, miny, maxx, maxy] into (x1, x2, y1, y2) in that order.
            bounds = (
                (node.x1, node.x2, node.y1, node.y2)
                if self.lang == "cql2-json"
                else (node.x1, node.y1, node.x2, node.y2)
            )
            geometry = self.box(bounds)
        elif isinstance(node, ast.Function) and node.name.lower() == "bbox" and len(node.arguments) in (4, 6):
            arguments = node.arguments if len(node.arguments) == 4 else [node.arguments[i] for i in (0, 1, 3, 4)]
            geometry = self.box(arguments)
        else:
            raise problem("S_INTERSECTS takes the geometry property and a geometry (POINT, POLYGON, BBOX, ...).")
        if geometry.is_empty or not geometry.is_valid:
            raise problem("the geometry is empty or crosses itself.")
        lonlat = crs_module.to_lonlat_geometry(geometry, self.crs)
        coords = shapely.get_coordinates(lonlat)
        if not ((abs(coords[:, 0]) <= 180).all() and (abs(coords[:, 1]) <= 90).all()):
            raise problem("the geometry is outside the world: check filter-crs and the axis order (x, y).")
        return lonlat

    @staticmethod
    def box(bounds) -> BaseGeometry:
        if not all(isinstance(v, (int, float)) for v in bounds) or bounds[0] > bounds[2] or bounds[1] > bounds[3]:
            raise problem("a BBOX is four numbers: lower left corner, then upper right.")
        return box(*bounds)

    def intersects(self, node) -> Q:
        lhs, rhs = node.lhs, node.rhs
        if not isinstance(lhs, ast.Attribute):
            lhs, rhs = rhs, lhs
        if not isinstance(lhs, ast.Attribute) or lhs.name != GEOMETRY:
            raise problem(f"S_INTERSECTS compares the property {GEOMETRY!r} with a geometry.")
        return self.source.intersects(self.geometry(rhs))


def filter_q(source, text: str, *, lang: str, crs: str) -> Q:
    """The Q of a CQL2 filter on `source` (an ogcapi.collections.Source)."""
    return Translator(source, lang, crs).q(parse(text, lang))
