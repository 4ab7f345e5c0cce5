"""Filters that feed the layout's one pagination and one error-summary partial.

{% load govuk %}
{% include "includes/pagination.html" with page=page_obj links=page_obj|page_links %}
{% include "includes/error_summary.html" with errors=form|error_links %}
"""

from django import template

from portal import pagination

register = template.Library()


@register.filter
def page_links(page) -> list[int | None]:
    """A Django Page's numbers to link to (portal.pagination.page_links); none without a page."""
    if not page:
        return []
    return pagination.page_links(page.number, page.paginator.num_pages)


@register.filter
def error_links(form, anchor: str = "") -> list[tuple[str, str]]:
    """A form's errors as (anchor id, message) pairs for includes/error_summary.html.

    The form's own errors come first and point at `anchor` (by default its first visible
    field); then each visible field's, pointing at the field (a group of radios or
    checkboxes: its first box).
    """
    if not form or not form.errors:
        return []
    fields = form.visible_fields()
    top = anchor or (fields[0].id_for_label if fields else "")
    links = [(top, error) for error in form.non_field_errors()]
    for field in fields:
        target = field.id_for_label or f"{field.auto_id}_0"
        links.extend((target, error) for error in field.errors)
    return links
