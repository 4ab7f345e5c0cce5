"""Charts drawn on the server as SVG: no script, no external library, and a text alternative.

    licence_timeline_svg(timeline, *, chart_id, place) -> Chart(svg, title, description)

The SVG has role="img" with a <title> and <desc> (a sentence giving the span, the total
and the busiest month); the page shows the same figures in a table beside it. Colours
are presentation attributes, not style attributes, so the CSP needs no exception.
"""

import math
from dataclasses import dataclass
from datetime import date

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

WIDTH, HEIGHT = 720, 260
LEFT, RIGHT, TOP, BOTTOM = 48, 12, 16, 44
MAX_BAR = 56
BAR = "#4c2c92"
AXIS = "#0b0c0c"
GRID = "#b1b4b6"
TEXT = "#0b0c0c"


@dataclass(frozen=True)
class Chart:
    svg: SafeString
    title: str
    description: str


def month_label(month: date) -> str:
    return month.strftime("%b %Y")


def _nice_top(value: int) -> int:
    """A round number at least `value` for the top of the scale (1, 2, 5, 10, 20, 50, ...)."""
    if value <= 4:
        return max(value, 1)
    magnitude = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 5, 10):
        if step * magnitude >= value:
            return step * magnitude
    return 10 * magnitude


def timeline_description(timeline: list[tuple[date, int]], place: str) -> str:
    if not timeline:
        return f"No sites in {place} have been licensed yet."
    total = sum(n for _, n in timeline)
    busiest_month, busiest = max(timeline, key=lambda item: (item[1], item[0]))
    first, last = month_label(timeline[0][0]), month_label(timeline[-1][0])
    span = f"in {first}" if first == last else f"from {first} to {last}"
    sites = f"{total:,} site{'s' if total != 1 else ''}"
    return (
        f"Sites licensed each month in {place} {span}: {sites} in total; "
        f"the most in one month was {busiest:,} ({month_label(busiest_month)})."
    )


def licence_timeline_svg(timeline: list[tuple[date, int]], *, chart_id: str, place: str) -> Chart:
    """A bar per month of `timeline` [(first day of month, sites licensed)], every month present."""
    title = f"Sites licensed per month, {place}"
    description = timeline_description(timeline, place)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    top = _nice_top(max((n for _, n in timeline), default=0))
    ticks = list(range(top + 1)) if top <= 4 else [0, top // 2, top]
    tick_y = [(tick, round(TOP + plot_h - plot_h * tick / top, 1)) for tick in ticks]
    grid = format_html_join(
        "",
        '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="{}" stroke-width="1"/>'
        '<text x="{}" y="{}" text-anchor="end" dominant-baseline="middle" font-size="13" fill="{}">{}</text>',
        ((LEFT, WIDTH - RIGHT, y, y, GRID, LEFT - 6, y, TEXT, f"{tick:,}") for tick, y in tick_y),
    )
    count = max(len(timeline), 1)
    slot = plot_w / count
    bar = min(slot * 0.8, MAX_BAR)
    every = max(1, math.ceil(count / 12))  # at most about 12 month labels
    bars = format_html_join(
        "",
        '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"><title>{}: {}</title></rect>',
        (
            (
                round(LEFT + i * slot + (slot - bar) / 2, 1),
                round(TOP + plot_h - plot_h * n / top, 1),
                round(bar, 1),
                round(plot_h * n / top, 1),
                BAR,
                month_label(month),
                f"{n:,} site{'s' if n != 1 else ''}",
            )
            for i, (month, n) in enumerate(timeline)
        ),
    )
    labels = format_html_join(
        "",
        '<text x="{}" y="{}" text-anchor="middle" font-size="13" fill="{}">{}</text>',
        (
            (round(LEFT + i * slot + slot / 2, 1), HEIGHT - BOTTOM + 20, TEXT, month.strftime("%b %y"))
            for i, (month, _) in enumerate(timeline)
            if i % every == 0
        ),
    )
    svg = format_html(
        '<svg class="portal-chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" role="img" '
        'aria-labelledby="{}-title {}-desc" focusable="false">'
        '<title id="{}-title">{}</title><desc id="{}-desc">{}</desc>'
        "{}{}"
        '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="{}" stroke-width="2"/>'
        "{}</svg>",
        WIDTH,
        HEIGHT,
        chart_id,
        chart_id,
        chart_id,
        title,
        chart_id,
        description,
        grid,
        bars,
        LEFT,
        WIDTH - RIGHT,
        TOP + plot_h,
        TOP + plot_h,
        AXIS,
        labels,
    )
    return Chart(svg=svg, title=title, description=description)
