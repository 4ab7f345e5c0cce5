"""The rollout maps (folium, through mapping.maps): wards shaded by their number of sites,
sites coloured by status.

The sites are not written into the page: static/portal/rollout-map.js fetches them
from /rollout/sites.geojson (the page's own filters) and draws them on the map's canvas,
so the page stays small and quick with tens of thousands of sites. The wards (23 small
polygons) are embedded with their counts.

    rollout_map(*, bounds, wards, counts, ward_url, sites_url, status_element) -> RenderedMap
    ward_map(*, ward, sites_url, status_element) -> RenderedMap
    site_map(*, longitude, latitude, status) -> RenderedMap
    choropleth_bins(counts) -> [Bin]       (the legend)

A RenderedMap goes into templates/mapping/rollout/_map_head.html and _map_js.html (Leaflet
from our static files, folium's script with the CSP nonce, then static/portal/rollout-map.js,
which the script calls, so it is loaded before it).
"""

import math
from dataclasses import dataclass

import folium
from branca.element import MacroElement
from django.urls import reverse
from folium.template import Template
from folium.utilities import JsCode

from applications.public import PublicStatus
from mapping.maps import PortalMap, RenderedMap, _add_base_tiles, _rendered

STATUS_COLOURS = {
    PublicStatus.PLANNED: "#1d70b8",  # blue
    PublicStatus.INSTALLED: "#f47738",  # orange
    PublicStatus.LIVE: "#00703c",  # green
}
# Sequential shades for the number of sites in a ward (lightest: none).
BIN_COLOURS = ["#f3f2f1", "#dcd3ec", "#b3a1d6", "#7f61b3", "#4c2c92"]
WARD_OUTLINE = "#0b0c0c"


@dataclass(frozen=True)
class Bin:
    low: int
    high: int
    colour: str

    @property
    def label(self) -> str:
        if self.high == 0:
            return "No sites"
        if self.low == self.high:
            return f"{self.low:,} site{'s' if self.low != 1 else ''}"
        return f"{self.low:,} to {self.high:,} sites"


def choropleth_bins(counts) -> list[Bin]:
    """Up to four equal ranges of sites per ward above a class for none; the legend's lines."""
    top = max(counts, default=0)
    bins = [Bin(0, 0, BIN_COLOURS[0])]
    if top == 0:
        return bins
    step = max(math.ceil(top / 4), 1)
    low = 1
    for colour in BIN_COLOURS[1:]:
        high = min(low + step - 1, top)
        bins.append(Bin(low, high, colour))
        if high >= top:
            break
        low = high + 1
    return bins


def bin_colour(count: int, bins: list[Bin]) -> str:
    return next((b.colour for b in bins if b.low <= count <= b.high), bins[-1].colour)


class SitesFromUrl(MacroElement):
    """The public sites, fetched from a GeoJSON URL and drawn as circles coloured by status."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = PortalRollout.sites({{ this._parent.get_name() }}, {{ this.url|tojson }},
            {{ this.options|tojson }});
        {% endmacro %}
        """
    )

    def __init__(self, url: str, *, fit: bool = False, status_element: str = ""):
        super().__init__()
        self._name = "SitesFromUrl"
        self.url = url
        self.options = {
            "colours": {status.value: colour for status, colour in STATUS_COLOURS.items()},
            "labels": {status.value: status.label for status in PublicStatus},
            "fit": fit,
            "statusElement": status_element,
            "siteUrl": reverse("rollout:site", args=[0]).replace("/0/", "/{id}/"),
        }


def _ward_feature(ward, count: int, colour: str, url: str) -> dict:
    return {
        "type": "Feature",
        "id": ward["code"],
        "geometry": ward["geometry"],
        "properties": {"name": ward["name"], "code": ward["code"], "sites": count, "colour": colour, "url": url},
    }


def _map(*, bounds=None, location=None, zoom_start: int = 12) -> PortalMap:
    """A map with our Leaflet and tiles from settings; vector layers on one canvas (prefer_canvas),
    so thousands of sites stay quick and a site drawn over a ward takes the click."""
    if bounds is not None:
        min_lon, min_lat, max_lon, max_lat = bounds
        location = [(min_lat + max_lat) / 2, (min_lon + max_lon) / 2]
    fmap = PortalMap(location=location, zoom_start=zoom_start, max_zoom=19, control_scale=True, prefer_canvas=True)
    _add_base_tiles(fmap)
    if bounds is not None:
        fit = folium.map.FitBounds([[min_lat, min_lon], [max_lat, max_lon]])
        fit.options["animate"] = False  # the view is right from the first frame (and in screenshots)
        fit.add_to(fmap)
    return fmap


def rollout_map(
    *, bounds, wards: list[dict], counts: dict, ward_url, sites_url: str, status_element: str
) -> RenderedMap:
    """The city (`bounds`: min_lon, min_lat, max_lon, max_lat): each ward shaded by `counts[code]`,
    the sites from `sites_url` on top.

    `wards`: dicts with code, name, geometry; `ward_url(code)` the ward page's URL.
    """
    bins = choropleth_bins(counts.values())
    m = _map(bounds=bounds)
    features = [
        _ward_feature(w, counts.get(w["code"], 0), bin_colour(counts.get(w["code"], 0), bins), ward_url(w["code"]))
        for w in wards
    ]
    folium.GeoJson(
        {"type": "FeatureCollection", "features": features},
        name="Wards",
        style_function=lambda f: {
            "fillColor": f["properties"]["colour"],
            "fillOpacity": 0.65,
            "color": WARD_OUTLINE,
            "weight": 1,
        },
        on_each_feature=JsCode("PortalRollout.wardDetails"),
    ).add_to(m)
    SitesFromUrl(sites_url, status_element=status_element).add_to(m)
    return _rendered(m, "rollout")


def ward_map(*, ward, sites_url: str, status_element: str) -> RenderedMap:
    """One ward's boundary and its sites."""
    m = _map(bounds=(ward.min_longitude, ward.min_latitude, ward.max_longitude, ward.max_latitude))
    folium.GeoJson(
        {"type": "Feature", "geometry": ward.geometry, "properties": {"name": ward.name}},
        name=ward.name,
        style_function=lambda f: {"fillColor": BIN_COLOURS[1], "fillOpacity": 0.3, "color": WARD_OUTLINE, "weight": 2},
    ).add_to(m)
    SitesFromUrl(sites_url, status_element=status_element).add_to(m)
    return _rendered(m, "rollout-ward")


def site_map(*, longitude: float, latitude: float, status: str) -> RenderedMap:
    """One site, on a small map around it."""
    m = _map(location=[latitude, longitude], zoom_start=16)
    folium.CircleMarker(
        location=[latitude, longitude],
        radius=9,
        color=WARD_OUTLINE,
        weight=2,
        fill=True,
        fill_color=STATUS_COLOURS[PublicStatus(status)],
        fill_opacity=0.95,
    ).add_to(m)
    return _rendered(m, "rollout-site")
