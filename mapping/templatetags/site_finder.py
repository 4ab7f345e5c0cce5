"""Template filters of the site pages."""

from decimal import Decimal, InvalidOperation

from django import template
from django.utils.html import format_html

register = template.Library()


@register.filter
def plain_number(value) -> str:
    """A decimal without trailing zeros: 8.00 -> "8", 31.50 -> "31.5" ("" for None)."""
    if value is None or value == "":
        return ""
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return str(value)
    return f"{number.normalize():f}"


SWATCH = (
    '<svg class="site-swatch" width="14" height="14" viewBox="0 0 14 14" aria-hidden="true" focusable="false">'
    '<circle cx="7" cy="7" r="6" fill="{}" stroke="#0b0c0c" stroke-width="1"/></svg>'
)


@register.filter
def swatch(colour: str) -> str:
    """An asset type's colour as a small circle (an SVG attribute: no inline style, for the CSP)."""
    return format_html(SWATCH, colour)
