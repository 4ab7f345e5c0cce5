"""The server-side SVG chart (mapping.rollout.charts) and the map's shading classes (mapping.rollout.maps)."""

import xml.etree.ElementTree as ET
from datetime import date

from mapping.rollout.charts import licence_timeline_svg
from mapping.rollout.maps import BIN_COLOURS, bin_colour, choropleth_bins

SVG = "{http://www.w3.org/2000/svg}"
TIMELINE = [(date(2026, 11, 1), 2), (date(2026, 12, 1), 0), (date(2027, 1, 1), 7)]


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # noqa: S314 - our own markup, in a test


def test_timeline_is_an_svg_image_with_a_title_a_description_and_a_bar_a_month():
    chart = licence_timeline_svg(TIMELINE, chart_id="t", place="Linn")
    root = parse(chart.svg)
    assert root.get("role") == "img" and root.get("aria-labelledby") == "t-title t-desc"
    assert root.findtext(f"{SVG}title") == "Sites licensed per month, Linn"
    assert root.findtext(f"{SVG}desc") == (
        "Sites licensed each month in Linn from Nov 2026 to Jan 2027: 9 sites in total; "
        "the most in one month was 7 (Jan 2027)."
    )
    bars = root.findall(f"{SVG}rect")
    assert [bar.findtext(f"{SVG}title") for bar in bars] == [
        "Nov 2026: 2 sites",
        "Dec 2026: 0 sites",
        "Jan 2027: 7 sites",
    ]
    heights = [float(bar.get("height")) for bar in bars]
    assert heights[1] == 0 and heights[0] < heights[2]
    assert [t.text for t in root.findall(f"{SVG}text")][-3:] == ["Nov 26", "Dec 26", "Jan 27"]
    assert "style=" not in chart.svg  # presentation attributes only: nothing for the CSP to block


def test_an_empty_timeline_says_so():
    chart = licence_timeline_svg([], chart_id="t", place="Linn")
    assert parse(chart.svg).findtext(f"{SVG}desc") == "No sites in Linn have been licensed yet."
    assert parse(chart.svg).findall(f"{SVG}rect") == []


def test_text_in_the_chart_is_escaped():
    chart = licence_timeline_svg(TIMELINE, chart_id="t", place="<Ward & Co>")
    assert "&lt;Ward &amp; Co&gt;" in chart.svg
    parse(chart.svg)


def test_long_timelines_label_about_twelve_months():
    months = [(date(2020 + (i // 12), i % 12 + 1, 1), i % 5) for i in range(48)]
    labels = parse(licence_timeline_svg(months, chart_id="t", place="X").svg).findall(f"{SVG}text")
    assert 12 <= len([t for t in labels if t.get("text-anchor") == "middle"]) <= 13


def test_choropleth_bins_cover_every_count():
    bins = choropleth_bins([0, 3, 9, 17, 40])
    assert [(b.low, b.high) for b in bins] == [(0, 0), (1, 10), (11, 20), (21, 30), (31, 40)]
    assert [b.label for b in bins][:2] == ["No sites", "1 to 10 sites"]
    assert bin_colour(0, bins) == BIN_COLOURS[0] and bin_colour(40, bins) == BIN_COLOURS[4]
    assert [(b.low, b.high) for b in choropleth_bins([0, 0])] == [(0, 0)]
    assert [(b.low, b.high) for b in choropleth_bins([2])] == [(0, 0), (1, 1), (2, 2)]
    assert choropleth_bins([1])[1].label == "1 site"
