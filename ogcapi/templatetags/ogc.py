"""{% ogc_url "items" source.id %}: a page of the OGC service the page belongs to (the council's own or /ogc/)."""

from django import template

from ogcapi.views import service_url

register = template.Library()

# The parameters of each page, in order (ogcapi.urls).
PARAMETERS = {
    "items": ("collection_id",),
    "collection": ("collection_id",),
    "queryables": ("collection_id",),
    "sortables": ("collection_id",),
    "item": ("collection_id", "feature_id"),
}


@register.simple_tag(takes_context=True)
def ogc_url(context, name: str, *args) -> str:
    names = PARAMETERS.get(name, ())
    return service_url(context["request"], name, **dict(zip(names, args, strict=True)))
