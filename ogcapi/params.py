"""The query parameters of /collections/{id}/items: limit, offset, bbox, bbox-crs, crs, datetime, filter,
sortby and properties.

Each is checked here and a bad one raises OGCError naming it (400), never a 500. The names
in sortby and properties are checked against the collection by ogcapi.collections.
"""

import math
import re
from dataclasses import dataclass
from datetime import datetime, time

from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from . import crs as crs_module
from .errors import OGCError

# GDAL's OAPIF driver (3.12 here) sends filters as "cql-text", the draft's name for CQL2 text;
# what it writes (comparisons, AND/OR/NOT, LIKE, IN, BETWEEN, IS NULL) is also CQL2 text.
FILTER_LANGS = {"cql2-text": "cql2-text", "cql2-json": "cql2-json", "cql-text": "cql2-text"}
DEFAULT_LIMIT = 100
MAX_LIMIT = 10_000
# sortby and properties are short lists of property names; anything longer is not one.
MAX_LIST_CHARS = 1_000
NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,63}")


@dataclass(frozen=True)
class ItemsQuery:
    limit: int = DEFAULT_LIMIT
    offset: int = 0
    bbox: tuple[float, float, float, float] | None = None  # in bbox_crs
    bbox_crs: str = crs_module.CRS84
    crs: str = crs_module.CRS84
    interval: tuple[datetime | None, datetime | None] | None = None  # (start, end), None for open
    filter: str | None = None
    filter_lang: str = "cql2-text"
    filter_crs: str = crs_module.CRS84
    sortby: tuple[tuple[str, bool], ...] = ()  # (property, descending), most significant first
    properties: tuple[str, ...] | None = None  # None: every property


def _int(params, name: str, default: int, low: int, high: int) -> int:
    value = params.get(name)
    if value is None or value == "":
        return default
    try:
        number = int(value)
    except ValueError:
        raise OGCError(f"Parameter {name}: enter a whole number from {low} to {high:,}.") from None
    if not low <= number <= high:
        raise OGCError(f"Parameter {name}: enter a whole number from {low} to {high:,}.")
    return number


def _crs(params, name: str) -> str:
    value = params.get(name)
    uri = crs_module.parse_crs(value)
    if uri is None:
        raise OGCError(f"Parameter {name}: {value!r} is not offered; use one of {', '.join(crs_module.SUPPORTED)}.")
    return uri


def _bbox(params) -> tuple[float, float, float, float] | None:
    value = params.get("bbox")
    if value is None or value == "":
        return None
    try:
        numbers = [float(part) for part in value.split(",")]
    except ValueError:
        numbers = []
    if len(numbers) != 4 or not all(math.isfinite(n) for n in numbers):
        raise OGCError("Parameter bbox: give four numbers, lower left corner then upper right (x1,y1,x2,y2).")
    x1, y1, x2, y2 = numbers
    if x1 > x2 or y1 > y2:
        raise OGCError("Parameter bbox: the lower left corner must come first (x1 <= x2 and y1 <= y2).")
    return (x1, y1, x2, y2)


def _moment(text: str, *, end: bool) -> datetime | None:
    if text in ("", ".."):
        return None
    moment = parse_datetime(text)
    if moment is None:
        day = parse_date(text)
        if day is None:
            raise ValueError(text)
        moment = datetime.combine(day, time.max if end else time.min)
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment, timezone.get_current_timezone())
    return moment


def _datetime(params) -> tuple[datetime | None, datetime | None] | None:
    value = params.get("datetime")
    if value is None or value == "":
        return None
    message = (
        "Parameter datetime: give an RFC 3339 date-time or date (2025-06-01T12:00:00Z, 2025-06-01), "
        "or an interval start/end with .. for an open end (2025-01-01/..)."
    )
    parts = value.split("/")
    try:
        if len(parts) == 1:
            if parts[0] == "..":
                raise ValueError(value)
            start, end = _moment(parts[0], end=False), _moment(parts[0], end=True)
        elif len(parts) == 2:
            start, end = _moment(parts[0], end=False), _moment(parts[1], end=True)
        else:
            raise ValueError(value)
    except (ValueError, OverflowError):
        raise OGCError(message) from None
    if start is not None and end is not None and start > end:
        raise OGCError("Parameter datetime: the interval ends before it starts.")
    return (start, end)


def _names(params, name: str, *, signs: bool) -> list[str] | None:
    """A comma-separated list of property names (each with an optional + or - when `signs`)."""
    value = params.get(name)
    if value is None:
        return None
    example = "+height_m,-reference" if signs else "reference,height_m"
    if len(value) > MAX_LIST_CHARS:
        raise OGCError(f"Parameter {name}: the list is too long (at most {MAX_LIST_CHARS:,} characters).")
    items = [item.strip() for item in value.split(",")]
    if items == [""]:
        raise OGCError(f"Parameter {name}: give one or more property names, for example {name}={example}.")
    for item in items:
        bare = item[1:] if signs and item[:1] in "+-" else item
        if not NAME.fullmatch(bare):
            shown = item if len(item) <= 40 else item[:40] + "..."
            raise OGCError(
                f"Parameter {name}: {shown!r} is not a property name; "
                f"give names separated by commas, for example {name}={example}."
            )
    return items


def _sortby(params) -> tuple[tuple[str, bool], ...]:
    """OGC API - Features Part 8 (draft): `sortby=+height_m,-reference`; + (the default) is
    ascending. A + sent unencoded arrives as a space, which _names strips: it is read as +."""
    items = _names(params, "sortby", signs=True)
    if items is None:
        return ()
    keys = tuple((item.lstrip("+-"), item.startswith("-")) for item in items)
    names = [name for name, _ in keys]
    if len(set(names)) < len(names):
        raise OGCError("Parameter sortby: name each property once.")
    return keys


def _properties(params) -> tuple[str, ...] | None:
    """OGC API - Features Part 6 (draft): `properties=reference,height_m`, the properties to answer."""
    items = _names(params, "properties", signs=False)
    return None if items is None else tuple(dict.fromkeys(items))


def items_query(params) -> ItemsQuery:
    """The parsed parameters of an items request (raises OGCError for the first bad one)."""
    filter_lang = FILTER_LANGS.get(params.get("filter-lang") or "cql2-text")
    if filter_lang is None:
        raise OGCError("Parameter filter-lang: use cql2-text or cql2-json.")
    return ItemsQuery(
        limit=_int(params, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT),
        offset=_int(params, "offset", 0, 0, 10**9),
        bbox=_bbox(params),
        bbox_crs=_crs(params, "bbox-crs"),
        crs=_crs(params, "crs"),
        interval=_datetime(params),
        filter=params.get("filter") or None,
        filter_lang=filter_lang,
        filter_crs=_crs(params, "filter-crs"),
        sortby=_sortby(params),
        properties=_properties(params),
    )
