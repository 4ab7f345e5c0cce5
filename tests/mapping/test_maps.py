"""mapping.maps: folium maps with Leaflet from our static files, no page-wide folium header, tiles from
the setting (or none), the layers registered for the static scripts."""

import re

import pytest

from mapping import maps
from mapping.maps import PortalMap, features_map, site_finder_map

pytestmark = pytest.mark.django_db


def test_folium_links_point_at_our_static_files_never_a_cdn():
    fmap = PortalMap(location=[55.86, -4.25], plugins=True)
    links = [url for _, url in fmap.default_js + fmap.default_css]
    assert links and all(url.startswith("/static/vendor/") for url in links)
    # Even a whole folium document (which the pages never use) reaches no other host.
    document = fmap.get_root().render()
    assert not re.search(r"(src|href)=\"https?://", document)
    assert "jquery" not in document.lower() and "bootstrap" not in document.lower()


def test_the_site_finder_map_without_tiles(glasgow, settings):
    settings.MAP_TILE_URL = ""
    rendered = site_finder_map(bounds=glasgow.bounds)
    assert rendered.key == "site-finder"
    assert re.fullmatch(r'<div class="folium-map portal-map__canvas" id="map_[0-9a-f]+"></div>', rendered.html)
    script = rendered.script
    assert "L.tileLayer" not in script
    assert 'fetch("/api/wards.geojson"' in script  # the wards, without jQuery
    assert '"maxZoom": 19' in script  # markercluster needs it, tiles or not
    assert '["site-finder"] = {' in script and '"wards":' in script and '"sites":' in script
    assert "<style" not in script and "user-scalable" not in script and "$(" not in script


def test_tiles_come_from_the_setting_and_the_map_is_cached(glasgow, settings):
    settings.MAP_TILE_URL = "https://tiles.example.gov.uk/{z}/{x}/{y}.png"
    settings.MAP_TILE_ATTRIBUTION = "Tiles © Example"
    maps._site_finder_map.cache_clear()
    first = site_finder_map(bounds=glasgow.bounds)
    assert '"https://tiles.example.gov.uk/{z}/{x}/{y}.png"' in first.script and "Tiles \\u00a9 Example" in first.script
    assert site_finder_map(bounds=glasgow.bounds) is first
    settings.MAP_TILE_URL = ""
    assert site_finder_map(bounds=glasgow.bounds) is not first


def test_a_features_map_fits_its_sites_without_animating():
    feature = {
        "type": "Feature",
        "id": 7,
        "geometry": {"type": "Point", "coordinates": [-4.25, 55.86]},
        "properties": {"colour": "#d4351c", "reference": "</script><b>"},
    }
    other = {**feature, "id": 8, "geometry": {"type": "Point", "coordinates": [-4.24, 55.87]}}
    rendered = features_map(key="shortlist", features=[feature, other], bounds=(-4.25, 55.86, -4.24, 55.87))
    assert '"animate": false' in rendered.script and "fitBounds" in rendered.script
    assert "</script>" not in rendered.script  # data is escaped for the inline script
    assert '"fillColor": "#d4351c"' in rendered.script and '"fill": true' in rendered.script
    single = features_map(key="asset", features=[feature], bounds=(-4.25, 55.86, -4.25, 55.86))
    assert "fitBounds" not in single.script and '"zoom": 17' in single.script
