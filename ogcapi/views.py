"""OGC API - Features views: JSON (GeoJSON for features) or HTML in the portal's layout.

The format is `f=json|html`, else the Accept header (a browser gets HTML, GDAL and
OWSLib JSON). A bad parameter answers 400 with the standard's exception JSON; an
unknown collection or feature 404. Who sees which collection follows the finder
(ogcapi.collections).
"""

from urllib.parse import urlencode

import orjson
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.views import View

from . import crs as crs_module
from .collections import Source, collection_for, collections_for, items_page
from .conformance import CONFORMANCE
from .cql import GEOMETRY, filter_q
from .errors import OGCError, not_found
from .openapi import openapi_document
from .params import DEFAULT_LIMIT, MAX_LIMIT, items_query
from .service import JSON, council_services, link, service_council, service_url

GEOJSON = "application/geo+json"
HTML = "text/html"
OPENAPI = "application/vnd.oai.openapi+json;version=3.0"
SCHEMA = "application/schema+json"
QUERYABLES_REL = "http://www.opengis.net/def/rel/ogc/1.0/queryables"
SORTABLES_REL = "http://www.opengis.net/def/rel/ogc/1.0/sortables"


def wants_html(request: HttpRequest) -> bool:
    f = request.GET.get("f")
    if f in ("html", "json"):
        return f == "html"
    if f:
        raise OGCError("Parameter f: use json or html.")
    return request.get_preferred_type([GEOJSON, JSON, HTML]) == HTML


class OGCView(View):
    """Resolves the council, the format and errors; subclasses return (body, template, context)."""

    media_type = JSON
    template = ""

    def get(self, request: HttpRequest, **kwargs) -> HttpResponse:
        try:
            council = service_council(kwargs.pop("council", None))
            html = wants_html(request)
            body, headers = self.body(request, council=council, **kwargs)
        except OGCError as error:
            response = error.response()
        else:
            if html:
                response = render(
                    request,
                    self.template,
                    {
                        "body": body,
                        "council": council,
                        "json_url": self.url(request, f="json"),
                        **self.context(body),
                    },
                )
            else:
                response = HttpResponse(orjson.dumps(body), content_type=self.content_type(request))
            for name, value in headers.items():
                response[name] = value
        # Restricted asset types show to signed-in users only: never share a cached answer.
        patch_cache_control(response, private=True, no_cache=True)
        patch_vary_headers(response, ["Cookie", "Accept"])
        return response

    def body(self, request, *, council, **kwargs) -> tuple[dict, dict]:
        raise NotImplementedError

    def content_type(self, request: HttpRequest) -> str:
        return self.media_type

    def context(self, body: dict) -> dict:
        return {}

    @staticmethod
    def url(request: HttpRequest, **changes) -> str:
        params = request.GET.copy()
        for name, value in changes.items():
            params[name] = value
        return request.build_absolute_uri(request.path) + "?" + urlencode(sorted(params.lists()), doseq=True)

    @staticmethod
    def absolute(request: HttpRequest, name: str, **kwargs) -> str:
        """The full address of a page of this service (the council's own, when the request is to one)."""
        return request.build_absolute_uri(service_url(request, name, **kwargs))

    def self_links(self, request: HttpRequest, json_type: str = JSON) -> list[dict]:
        return [
            link(
                self.url(request, f="json"),
                "self" if not wants_html(request) else "alternate",
                json_type,
                "This document as JSON",
            ),
            link(
                self.url(request, f="html"),
                "alternate" if not wants_html(request) else "self",
                HTML,
                "This document as HTML",
            ),
        ]


class LandingView(OGCView):
    template = "ogcapi/landing.html"

    def body(self, request, *, council):
        return {
            "title": f"{council.name} assets and rollout (OGC API - Features)",
            "description": "The asset register and the public rollout of the Telecoms Site Portal, for GIS clients.",
            "links": [
                *self.self_links(request),
                link(self.absolute(request, "api"), "service-desc", OPENAPI, "The API definition (OpenAPI 3.0)"),
                link(self.absolute(request, "api") + "?f=html", "service-doc", HTML, "The API definition as HTML"),
                link(self.absolute(request, "conformance"), "conformance", JSON, "Conformance classes implemented"),
                link(self.absolute(request, "collections"), "data", JSON, "The collections"),
                *council_services(request),
            ],
        }, {}

    def context(self, body):
        return {"council_services": [item for item in body["links"] if item["rel"] == "related"]}


class ConformanceView(OGCView):
    template = "ogcapi/conformance.html"

    def body(self, request, *, council):
        return {"conformsTo": CONFORMANCE, "links": self.self_links(request)}, {}


class APIDocumentView(OGCView):
    media_type = OPENAPI
    template = "ogcapi/api.html"

    def body(self, request, *, council):
        sources = collections_for(user=request.user, council=council)
        return openapi_document(self.absolute(request, "landing"), sources), {}


def collection_body(view: OGCView, request: HttpRequest, source: Source) -> dict:
    items = view.absolute(request, "items", collection_id=source.id)
    queryables = view.absolute(request, "queryables", collection_id=source.id)
    sortables = view.absolute(request, "sortables", collection_id=source.id)
    return {
        "id": source.id,
        "title": source.title,
        "description": source.description,
        "itemType": "feature",
        "extent": source.extent(),
        "crs": list(crs_module.SUPPORTED),
        "storageCrs": crs_module.CRS84,
        "links": [
            link(view.absolute(request, "collection", collection_id=source.id), "self", JSON, source.title),
            link(items, "items", GEOJSON, f"{source.title} as GeoJSON"),
            link(items + "?f=html", "items", HTML, f"{source.title} as HTML"),
            link(queryables, QUERYABLES_REL, SCHEMA, f"What a filter on {source.title} may name"),
            # The same under the draft's rel, which GDAL's OAPIF driver (3.12) looks for.
            link(queryables, "queryables", SCHEMA, f"What a filter on {source.title} may name"),
            link(sortables, SORTABLES_REL, SCHEMA, f"What {source.title} may be sorted by"),
        ],
    }


class CollectionsView(OGCView):
    template = "ogcapi/collections.html"

    def body(self, request, *, council):
        sources = collections_for(user=request.user, council=council)
        return {
            "links": self.self_links(request),
            "collections": [collection_body(self, request, source) for source in sources],
            "crs": list(crs_module.SUPPORTED),
        }, {}


def source_or_404(request: HttpRequest, council, collection_id: str) -> Source:
    source = collection_for(collection_id=collection_id, user=request.user, council=council)
    if source is None:
        raise not_found(f"There is no collection {collection_id!r}.")
    return source


class CollectionView(OGCView):
    template = "ogcapi/collection.html"

    def body(self, request, *, council, collection_id):
        source = source_or_404(request, council, collection_id)
        body = collection_body(self, request, source)
        body["links"] = self.self_links(request) + body["links"][1:]
        return body, {}

    def context(self, body):
        return {"default_limit": DEFAULT_LIMIT, "max_limit": MAX_LIMIT}


class ItemsView(OGCView):
    media_type = GEOJSON
    template = "ogcapi/items.html"

    def body(self, request, *, council, collection_id):
        source = source_or_404(request, council, collection_id)
        query = items_query(request.GET)
        if query.interval is not None and not source.temporal:
            raise OGCError(f"Parameter datetime: collection {source.id!r} has no dates to filter on.")
        page = items_page(source, query, self.where(source, query))
        returned = len(page.features)
        links = self.self_links(request, GEOJSON)
        links.append(
            link(self.absolute(request, "collection", collection_id=source.id), "collection", JSON, source.title)
        )
        if query.offset + returned < page.number_matched:
            links.append(
                link(self.url(request, offset=str(query.offset + returned), f="json"), "next", GEOJSON, "Next page")
            )
        if query.offset > 0:
            links.append(
                link(
                    self.url(request, offset=str(max(query.offset - query.limit, 0)), f="json"),
                    "prev",
                    GEOJSON,
                    "Previous page",
                )
            )
        body = {
            "type": "FeatureCollection",
            "timeStamp": timezone.now().isoformat(timespec="seconds"),
            "numberMatched": page.number_matched,
            "numberReturned": returned,
            "links": links,
            "features": page.features,
        }
        self.source, self.query = source, query
        return body, {"Content-Crs": f"<{query.crs}>"}

    @staticmethod
    def where(source: Source, query):
        if query.filter is None:
            return None
        return filter_q(source, query.filter, lang=query.filter_lang, crs=query.filter_crs)

    def context(self, body):
        properties = list(body["features"][0]["properties"]) if body["features"] else []
        links = {item["rel"]: item["href"].replace("f=json", "f=html") for item in body["links"]}
        return {
            "source": self.source,
            "query": self.query,
            "columns": [p for p in properties if p != "url"],
            "rows": [
                (f["id"], [f["properties"].get(p) for p in properties if p != "url"], f["properties"].get("url"))
                for f in body["features"]
            ],
            "next_url": links.get("next"),
            "prev_url": links.get("prev"),
            "first": self.query.offset + 1,
            "last": self.query.offset + body["numberReturned"],
        }


class ItemView(OGCView):
    media_type = GEOJSON
    template = "ogcapi/item.html"

    def body(self, request, *, council, collection_id, feature_id):
        source = source_or_404(request, council, collection_id)
        crs = items_query({"crs": request.GET.get("crs")}).crs
        feature = source.feature(feature_id, crs)
        if feature is None:
            raise not_found(f"There is no feature {feature_id!r} in collection {collection_id!r}.")
        feature["links"] = [
            *self.self_links(request, GEOJSON),
            link(self.absolute(request, "collection", collection_id=source.id), "collection", JSON, source.title),
        ]
        self.source = source
        return feature, {"Content-Crs": f"<{crs}>"}

    def context(self, body):
        return {"source": self.source, "properties": body["properties"].items()}


class SchemaView(OGCView):
    """A JSON Schema of some of a collection's properties: queryables (Part 3), sortables (Part 8, draft)."""

    media_type = SCHEMA
    template = "ogcapi/schema.html"
    name = ""  # the URL name, and the Source attribute listing the properties
    with_geometry = False
    what = heading = intro = ""  # the HTML page's words

    def content_type(self, request):
        # GDAL asks for application/geo+json or application/json and refuses a schema+json answer.
        return request.get_preferred_type([SCHEMA, JSON]) or SCHEMA

    def body(self, request, *, council, collection_id):
        source = source_or_404(request, council, collection_id)
        properties = {name: {"title": q.title, **q.schema} for name, q in getattr(source, self.name).items()}
        if self.with_geometry:
            geometry = {
                "title": "Geometry",
                "format": "geometry-any",
                "$ref": "https://geojson.org/schema/Geometry.json",
            }
            properties = {GEOMETRY: geometry, **properties}
        self.source = source
        return {
            "$schema": "https://json-schema.org/draft/2019-09/schema",
            "$id": self.absolute(request, self.name, collection_id=source.id),
            "type": "object",
            "title": source.title,
            "properties": properties,
            "additionalProperties": False,
            **self.more(properties),
            "links": self.self_links(request, SCHEMA),
        }, {}

    def more(self, properties: dict) -> dict:
        return {}

    def context(self, body):
        rows = [
            (name, s.get("title", ""), " ".join(filter(None, [s.get("type"), s.get("format")])))
            for name, s in body["properties"].items()
        ]
        return {"source": self.source, "rows": rows, "what": self.what, "heading": self.heading, "intro": self.intro}


class QueryablesView(SchemaView):
    """The properties a filter may name (Part 3)."""

    name = "queryables"
    with_geometry = True
    what, heading = "Queryables", "what a filter may name"
    intro = "Give a CQL2 filter as filter, for example filter=height_m > 8 AND name LIKE 'Col%'."

    def more(self, properties):
        # The draft's list as well (a keyword JSON Schema ignores): GDAL's OAPIF driver (3.12)
        # sends a filter to the server only on the properties it finds here.
        return {"queryables": [{"id": n, "title": p["title"]} for n, p in properties.items() if n != GEOMETRY]}


class SortablesView(SchemaView):
    """The properties sortby may name (Part 8, draft): only those an index or a small collection sorts cheaply."""

    name = "sortables"
    what, heading = "Sortables", "what the features may be sorted by"
    intro = (
        "Give sortby as names separated by commas, each with + for ascending (the default) or - for "
        "descending, for example sortby=-height_m,+reference. Features without a value come last "
        "ascending, first descending."
    )
