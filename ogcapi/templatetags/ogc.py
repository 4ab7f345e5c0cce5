"""{% ogc_url "items" collection_id=source.id %}: a page of the OGC service the page belongs to
(the council's own or /ogc/), by its URL name and parameters."""

from django import template

from ogcapi.service import service_url

register = template.Library()


@register.simple_tag(takes_context=True)
def ogc_url(context, name: str, **kwargs) -> str:
    return service_url(context["request"], name, **kwargs)
