"""Template filters of the site pages."""

from decimal import Decimal, InvalidOperation

from django import template

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
