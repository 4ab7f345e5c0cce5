"""folium builders for the portal's maps, served without any CDN and without inline script
apart from folium's own map script, which the page runs with the CSP nonce.

folium does what it does well here: the map's configuration (centre, zoom, bounds, scale),
the base tiles from settings.MAP_TILE_URL (none when empty), the layers and the layer
control, and small embedded GeoJSON layers (one asset, a shortlist). What moves with the
user (assets fetched from /api/sites.geojson, clusters, drawing, popups with forms) is in
static JavaScript (static/portal/site-finder*.js), which finds the map and its layers in
`window.portalMaps[<key>]` (registered by `MapRegistry` below). See docs/adr/0008.

    rendered = site_finder_map(bounds=councils_bounds(council))
    {{ rendered.html }} in the page, {{ rendered.script }} in <script nonce=...>,
    rendered.css / rendered.js: static URLs of Leaflet and the plugins, in order.
"""

from dataclasses import dataclass
from functools import lru_cache

import folium
from branca.element import MacroElement
from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse
from folium.template import Template

# Leaflet and the plugins, from node_modules through STATICFILES_DIRS (docs/adr/0002).
LEAFLET_JS = [("leaflet", "vendor/leaflet/leaflet.js")]
LEAFLET_CSS = [("leaflet_css", "vendor/leaflet/leaflet.css")]
PLUGIN_JS = [
    ("markercluster", "vendor/leaflet.markercluster/leaflet.markercluster.js"),
    ("leaflet_draw", "vendor/leaflet-draw/leaflet.draw.js"),
]
PLUGIN_CSS = [
    ("markercluster_css", "vendor/leaflet.markercluster/MarkerCluster.css"),
    ("markercluster_default_css", "vendor/leaflet.markercluster/MarkerCluster.Default.css"),
    ("leaflet_draw_css", "vendor/leaflet-draw/leaflet.draw.css"),
]

WARD_STYLE = {"color": "#505a5f", "weight": 1.5, "opacity": 0.9, "fill": True, "fillOpacity": 0.03, "dashArray": "4 4"}


@dataclass(frozen=True)
class RenderedMap:
    """A folium map cut into what a Django page places: the div, the script, the links."""

    key: str  # window.portalMaps[key]
    html: str
    script: str
    js: tuple[str, ...]
    css: tuple[str, ...]


class PortalMap(folium.Map):
    """folium.Map with Leaflet from our static files, and no page-wide styles or meta tags.

    folium's own header sets `html, body {height: 100%}`, a viewport that forbids zooming
    (an accessibility failure) and inline styles and script; none of it is used: the page
    places the div and the script, and styles the map from static/portal/site-finder.css.
    """

    _template = Template(
        """
        {% macro header(this, kwargs) %}{% endmacro %}
        {% macro html(this, kwargs) %}
            <div class="folium-map portal-map__canvas" id={{ this.get_name()|tojson }}></div>
        {% endmacro %}
        {% macro script(this, kwargs) %}
            var {{ this.get_name() }} = L.map(
                {{ this.get_name()|tojson }},
                {
                    center: {{ this.location|tojson }},
                    crs: L.CRS.{{ this.crs }},
                    ...{{ this.options|tojavascript }}
                }
            );
            {%- if this.control_scale %}
            L.control.scale({imperial: false}).addTo({{ this.get_name() }});
            {%- endif %}
        {% endmacro %}
        """
    )

    def __init__(self, *args, plugins: bool = False, min_zoom: int = 0, max_zoom: int = 19, **kwargs):
        kwargs.setdefault("tiles", None)
        super().__init__(*args, **kwargs)
        # folium gives these to its own tile layer only; the map needs them (markercluster
        # requires maxZoom), tiles or not.
        self.options.update(minZoom=min_zoom, maxZoom=max_zoom)
        # Were the whole folium figure ever rendered, it would link these, not a CDN.
        self.default_js = [(name, static(path)) for name, path in LEAFLET_JS + (PLUGIN_JS if plugins else [])]
        self.default_css = [(name, static(path)) for name, path in LEAFLET_CSS + (PLUGIN_CSS if plugins else [])]


class RemoteGeoJson(folium.map.Layer):
    """A GeoJSON layer fetched from our own URL when the map opens (folium's GeoJson uses jQuery)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            var {{ this.get_name() }} = L.geoJSON(null, {
                style: {{ this.style|tojson }},
                interactive: false
            });
            fetch({{ this.url|tojson }}, {credentials: "same-origin", headers: {Accept: "application/geo+json"}})
                .then(function (response) {
                    if (!response.ok) { throw new Error(response.status); }
                    return response.json();
                })
                .then(function (data) { {{ this.get_name() }}.addData(data); })
                .catch(function () {
                    {{ this._parent.get_name() }}.fire("portal:layererror", {name: {{ this.layer_name|tojson }}});
                });
        {% endmacro %}
        """
    )

    def __init__(self, url: str, *, name: str, style: dict, show: bool = True):
        super().__init__(name=name, overlay=True, control=True, show=show)
        self._name = "RemoteGeoJson"
        self.url = url
        self.style = style


class MapRegistry(MacroElement):
    """window.portalMaps[key] = {map, layers: {name: layer}, control}, for the static scripts.

    Add it last: it names elements folium has already written (the layer control is a
    `let`, reachable by name from the same script only).
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            (window.portalMaps = window.portalMaps || {})[{{ this.key|tojson }}] = {
                map: {{ this._parent.get_name() }},
                layers: {
                    {%- for name, element in this.layers.items() %}
                    {{ name|tojson }}: {{ element.get_name() }},
                    {%- endfor %}
                },
                control: {% if this.control %}{{ this.control.get_name() }}{% else %}null{% endif %}
            };
            {{ this._parent.get_name() }}.fire("portal:ready");
        {% endmacro %}
        """
    )

    def __init__(self, key: str, *, layers: dict | None = None, control=None):
        super().__init__()
        self._name = "MapRegistry"
        self.key = key
        self.layers = layers or {}
        self.control = control


def _add_base_tiles(fmap: folium.Map) -> None:
    """The base map from settings.MAP_TILE_URL; nothing when it is empty (wards and assets still show)."""
    url = settings.MAP_TILE_URL
    if url:
        folium.TileLayer(
            tiles=url, attr=settings.MAP_TILE_ATTRIBUTION or " ", name="Base map", max_zoom=19, max_native_zoom=19
        ).add_to(fmap)


def _rendered(fmap: PortalMap, key: str) -> RenderedMap:
    figure = fmap.get_root()
    figure.render()
    return RenderedMap(
        key=key,
        html=figure.html.render().strip(),
        script=figure.script.render().strip(),
        js=tuple(url for _, url in fmap.default_js),
        css=tuple(url for _, url in fmap.default_css),
    )


def _centre(bounds: tuple[float, float, float, float]) -> list[float]:
    min_lon, min_lat, max_lon, max_lat = bounds
    return [(min_lat + max_lat) / 2, (min_lon + max_lon) / 2]


# A box wider than this (degrees of longitude: several councils) opens fitted, not at zoom 12.
FIT_WIDER_THAN = 0.5


def _every_ward_url() -> str:
    """The wards layer's data when the caller names none: every council's (finder:api_wards)."""
    return reverse("finder:api_wards")


def site_finder_map(*, bounds: tuple[float, float, float, float], wards_url: str | None = None) -> RenderedMap:
    """The search page's map: the area searched (a council's, or every council's: portal.selectors.councils_bounds),
    base tiles, wards, an empty "Sites" layer."""
    return _site_finder_map(
        tuple(bounds),
        wards_url or _every_ward_url(),
        settings.MAP_TILE_URL,
        settings.MAP_TILE_ATTRIBUTION,
        static("portal/"),
    )


@lru_cache(maxsize=16)
def _site_finder_map(bounds, wards_url: str, tile_url: str, attribution: str, static_root: str) -> RenderedMap:
    """Cached: the same for every visitor until the settings or the councils' boxes change."""
    min_lon, min_lat, max_lon, max_lat = bounds
    fmap = PortalMap(
        location=_centre(bounds),
        zoom_start=12,
        min_zoom=9,
        max_zoom=19,
        control_scale=True,
        max_bounds=True,
        min_lat=min_lat - 0.2,
        max_lat=max_lat + 0.2,
        min_lon=min_lon - 0.3,
        max_lon=max_lon + 0.3,
        plugins=True,
    )
    if max_lon - min_lon > FIT_WIDER_THAN:
        fmap.fit_bounds([[min_lat, min_lon], [max_lat, max_lon]])
    _add_base_tiles(fmap)
    wards = RemoteGeoJson(wards_url, name="Ward boundaries", style=WARD_STYLE)
    wards.add_to(fmap)
    sites = folium.FeatureGroup(name="Sites", overlay=True, control=True, show=True)
    sites.add_to(fmap)
    control = folium.LayerControl(collapsed=False, position="topright")
    control.add_to(fmap)
    MapRegistry("site-finder", layers={"wards": wards, "sites": sites}, control=control).add_to(fmap)
    return _rendered(fmap, "site-finder")


def _feature_style(feature: dict) -> dict:
    colour = feature["properties"].get("colour", "#1d70b8")
    return {"color": "#0b0c0c", "weight": 1.5, "fill": True, "fillColor": colour, "fillOpacity": 0.85}


def features_map(
    *,
    key: str,
    features: list[dict],
    bounds: tuple[float, float, float, float] | None,
    zoom: int = 17,
    wards_url: str | None = None,
) -> RenderedMap:
    """A map of a few assets embedded as GeoJSON (an asset page, a shortlist), coloured by type.

    `features`: GeoJSON Features with an integer `id` and `colour`, `reference`, `url` in
    their properties (static/portal/site-finder-map.js adds the popups). `bounds`: the box
    to show (min_lon, min_lat, max_lon, max_lat); None for the council's default view.
    """
    centre = _centre(bounds) if bounds else [55.8611, -4.2502]
    fmap = PortalMap(location=centre, zoom_start=zoom, max_zoom=19, control_scale=True)
    _add_base_tiles(fmap)
    wards = RemoteGeoJson(wards_url or _every_ward_url(), name="Ward boundaries", style=WARD_STYLE)
    wards.add_to(fmap)
    layers = {"wards": wards}
    if features:
        assets = folium.GeoJson(
            {"type": "FeatureCollection", "features": features},
            name="Sites",
            style_function=_feature_style,
            marker=folium.CircleMarker(radius=8),
            control=False,
        )
        assets.add_to(fmap)
        layers["sites"] = assets
    if bounds is not None:
        min_lon, min_lat, max_lon, max_lat = bounds
        if (min_lon, min_lat) != (max_lon, max_lat):
            fit = folium.map.FitBounds([[min_lat, min_lon], [max_lat, max_lon]], padding=(30, 30), max_zoom=zoom)
            fit.options["animate"] = False  # the page opens on it: no zooming in from elsewhere
            fmap.add_child(fit)
    MapRegistry(key, layers=layers).add_to(fmap)
    return _rendered(fmap, key)
