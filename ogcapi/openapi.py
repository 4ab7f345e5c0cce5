"""The OpenAPI 3.0 document at /ogc/api: every path and parameter the service answers."""

from .crs import SUPPORTED
from .params import DEFAULT_LIMIT, FILTER_LANGS, MAX_LIMIT, MAX_LIST_CHARS, NAME


def _param(name: str, description: str, schema: dict, *, where: str = "query", required: bool = False, **extra) -> dict:
    return {"name": name, "in": where, "description": description, "required": required, "schema": schema, **extra}


def _names_param(name: str, description: str, *, sign: str = "") -> dict:
    """A comma-separated list of property names (ogcapi.params checks it the same way)."""
    return _param(
        name,
        f"{description} An unknown name answers 400, as does a list over {MAX_LIST_CHARS:,} characters.",
        {"type": "array", "minItems": 1, "items": {"type": "string", "pattern": f"^{sign}{NAME.pattern}$"}},
        style="form",
        explode=False,
    )


F = _param(
    "f",
    "The format: json (GeoJSON for features) or html. Without it, the Accept header decides.",
    {"type": "string", "enum": ["json", "html"]},
)
COLLECTION_ID = _param(
    "collectionId", "The collection's id (see /collections).", {"type": "string"}, where="path", required=True
)
FEATURE_ID = _param(
    "featureId", "The feature's id within the collection.", {"type": "string"}, where="path", required=True
)
CRS = _param(
    "crs",
    "The CRS of the geometries answered (default CRS84).",
    {"type": "string", "format": "uri", "enum": list(SUPPORTED)},
)
ITEMS_PARAMETERS = [
    _param(
        "limit",
        f"Features per page: default {DEFAULT_LIMIT}, at most {MAX_LIMIT}.",
        {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT, "default": DEFAULT_LIMIT},
    ),
    _param(
        "offset",
        "How many matching features to skip (the next and prev links set it).",
        {"type": "integer", "minimum": 0, "default": 0},
    ),
    _param(
        "bbox",
        "Only features whose geometry meets the box: x1,y1,x2,y2 (lower left, upper right) in bbox-crs.",
        {"type": "array", "minItems": 4, "maxItems": 4, "items": {"type": "number"}},
        style="form",
        explode=False,
    ),
    _param(
        "bbox-crs", "The CRS of bbox (default CRS84).", {"type": "string", "format": "uri", "enum": list(SUPPORTED)}
    ),
    CRS,
    _param(
        "datetime",
        "Only features whose date falls in the instant or interval (RFC 3339; .. for an open end). "
        "The rollout: the date the council approved the site; other collections have no dates (400).",
        {"type": "string"},
        style="form",
        explode=False,
    ),
    _param(
        "filter",
        "A CQL2 filter on the collection's queryables: comparison, LIKE, IN, BETWEEN, IS NULL, AND/OR/NOT, "
        "S_INTERSECTS(geometry, POINT/POLYGON/BBOX(...)).",
        {"type": "string"},
    ),
    _param(
        "filter-lang",
        "The language of filter (default cql2-text); cql-text, the draft's name that GDAL sends, is read as cql2-text.",
        {"type": "string", "enum": list(FILTER_LANGS)},
    ),
    _param(
        "filter-crs",
        "The CRS of the geometries in filter (default CRS84).",
        {"type": "string", "format": "uri", "enum": list(SUPPORTED)},
    ),
    _names_param(
        "sortby",
        "The order of the features (OGC API - Features Part 8, draft): names from the collection's "
        "/sortables separated by commas, each with + for ascending (the default; send it as %2B) or - for "
        "descending, e.g. -height_m,+reference. Ties go by the collection's own order, so paging still "
        "visits every feature once.",
        sign="[+-]?",
    ),
    _names_param(
        "properties",
        "Only these properties of each feature (OGC API - Features Part 6, draft), separated by commas, "
        "e.g. reference,height_m; the id and the geometry are always answered.",
    ),
    F,
]


def _json(description: str, media_types: tuple[str, ...] = ("application/json", "text/html")) -> dict:
    return {"description": description, "content": {media: {} for media in media_types}}


ERRORS = {
    "400": _json("A bad parameter: {code, description} names it.", ("application/json",)),
    "404": _json("No such collection or feature.", ("application/json",)),
}


def openapi_document(base_url: str, sources) -> dict:
    """The document for a service at `base_url` (ending in /), listing the collections `sources` a user may read."""
    paths = {
        "/": {
            "get": {
                "summary": "Landing page",
                "operationId": "getLandingPage",
                "parameters": [F],
                "responses": {"200": _json("The landing page.")},
            }
        },
        "/conformance": {
            "get": {
                "summary": "Conformance classes",
                "operationId": "getConformance",
                "parameters": [F],
                "responses": {"200": _json("The conformance classes.")},
            }
        },
        "/api": {
            "get": {
                "summary": "This document",
                "operationId": "getAPI",
                "parameters": [F],
                "responses": {
                    "200": _json("The API definition.", ("application/vnd.oai.openapi+json;version=3.0", "text/html"))
                },
            }
        },
        "/collections": {
            "get": {
                "summary": "The collections",
                "operationId": "getCollections",
                "parameters": [F],
                "responses": {"200": _json("The collections.")},
            }
        },
        "/collections/{collectionId}": {
            "get": {
                "summary": "A collection",
                "operationId": "describeCollection",
                "parameters": [COLLECTION_ID, F],
                "responses": {"200": _json("The collection."), **ERRORS},
            }
        },
        "/collections/{collectionId}/items": {
            "get": {
                "summary": "The features of a collection, a page at a time",
                "operationId": "getFeatures",
                "parameters": [COLLECTION_ID, *ITEMS_PARAMETERS],
                "responses": {"200": _json("A page of features.", ("application/geo+json", "text/html")), **ERRORS},
            }
        },
        **{
            f"/collections/{{collectionId}}/{what}": {
                "get": {
                    "summary": f"The properties {who} may name (JSON Schema)",
                    "operationId": f"get{what.title()}",
                    "parameters": [COLLECTION_ID, F],
                    "responses": {"200": _json(f"The {what}.", ("application/schema+json", "text/html")), **ERRORS},
                }
            }
            for what, who in (("queryables", "a filter"), ("sortables", "sortby"))
        },
        "/collections/{collectionId}/items/{featureId}": {
            "get": {
                "summary": "One feature",
                "operationId": "getFeature",
                "parameters": [COLLECTION_ID, FEATURE_ID, CRS, F],
                "responses": {"200": _json("The feature.", ("application/geo+json", "text/html")), **ERRORS},
            }
        },
    }
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "Telecoms Site Portal: OGC API - Features",
            "version": "1.0.0",
            "description": "The asset register and the public rollout. Collections: "
            + ", ".join(f"{s.id} ({s.title})" for s in sources)
            + ".",
        },
        "servers": [{"url": base_url.rstrip("/")}],
        "paths": paths,
    }
