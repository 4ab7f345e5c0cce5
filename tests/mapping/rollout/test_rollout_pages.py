"""The public rollout pages: the city map and summary, a ward, a site, the map's GeoJSON.

With one application in every state, no page shows anything that is not public.
"""

import re

import pytest
from django.core.cache import cache
from django.urls import reverse

from applications.models import ApplicationStatus
from tests.applications.factories import LiveApplicationFactory
from tests.factories import WardFactory

from .rollout_world import world_for_module

pytestmark = pytest.mark.django_db
S = ApplicationStatus


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    yield from world_for_module(django_db_blocker, tmp_path_factory)


@pytest.fixture(autouse=True)
def _fresh_cache():
    """The rollout's summaries are cached; each test starts without them."""
    cache.clear()


def html_of(client, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, url
    return response.content.decode()


def listed_site_ids(html: str) -> set[int]:
    return {int(pk) for pk in re.findall(r'id="site-(\d+)"', html)}


def test_rollout_page_shows_only_public_sites_and_the_city_summary(client, world):
    response = client.get(reverse("rollout:map"))
    html = response.content.decode()
    assert response.status_code == 200
    assert world.leaks(html) == []
    assert listed_site_ids(html) == world.public_sites
    summary = response.context["summary"]
    assert summary.total == 7
    assert [(t.value, t.count) for t in summary.by_status] == [("planned", 2), ("installed", 2), ("live", 3)]
    assert '<h1 class="govuk-heading-xl">Planned rollout of telecoms equipment</h1>' in html
    assert "7 sites, newest first" in html


def test_rollout_page_embeds_a_folium_map_from_our_own_files_under_the_csp(client, world):
    response = client.get(reverse("rollout:map"))
    html = response.content.decode()
    nonce = re.search(r'<script nonce="([^"]+)">', html).group(1)
    assert f"'nonce-{nonce}'" in response["Content-Security-Policy"]
    assert "L.map(" in html and "PortalRollout.sites(" in html
    assert re.findall(r"<script(?![^>]*\bnonce=)(?![^>]*\bsrc=)[^>]*>", html) == []  # no inline script without it
    loaded = re.findall(r'<script[^>]*\bsrc="([^"]+)"', html) + re.findall(r'<link[^>]*\bhref="([^"]+)"', html)
    assert loaded and [url for url in loaded if not url.startswith("/")] == []  # nothing from another site
    assert '/static/vendor/leaflet/leaflet.js"' in html
    assert '/rollout/sites.geojson"' in html
    # The wards are shaded by their number of sites, and listed with it.
    assert f'"code": "{world.centre.code}"' in html and '"sites": 4' in html
    assert re.search(
        rf'href="/rollout/wards/{world.centre.code}/">Anderston/City/Yorkhill</a></th>\s*<td[^>]*>4<', html
    )
    assert re.search(rf'href="/rollout/wards/{world.west.code}/">Partick East/Kelvindale</a></th>\s*<td[^>]*>3<', html)


def test_without_tiles_the_map_still_has_wards_and_sites(client, world, settings):
    settings.MAP_TILE_URL = ""
    html = html_of(client, reverse("rollout:map"))
    assert "L.tileLayer" not in html
    assert "L.geoJson(" in html and "PortalRollout.sites(" in html
    settings.MAP_TILE_URL = "/tiles/{z}/{x}/{y}.png"
    assert "L.tileLayer(" in html_of(client, reverse("rollout:map"))


def test_filters_narrow_the_table_the_map_and_the_shading(client, world):
    response = client.get(reverse("rollout:map"), {"status": ["live", "installed"], "ward": world.west.code})
    html = response.content.decode()
    assert response.context["form"].errors == {}
    expected = {s.pk for a in world.west_applications for s in a.sites.all()}
    assert listed_site_ids(html) == expected
    assert f'"/rollout/sites.geojson?status=live\\u0026status=installed\\u0026ward={world.west.code}"' in html
    assert "3 sites matching the filters" in html
    assert response.context["ward_counts"][0]["sites"] == 0  # the centre ward, shaded as none
    assert 'value="live" checked' in html and f'<option value="{world.west.code}" selected>' in html
    operator = world.states[S.LIVE].organisation
    response = client.get(reverse("rollout:map"), {"operator": operator.pk, "technology": "5g"})
    assert listed_site_ids(response.content.decode()) == set(world.states[S.LIVE].sites.values_list("pk", flat=True))


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"status": "refused"}, "status", "Choose a status from the list"),
        ({"status": "draft"}, "status", "Choose a status from the list"),
        ({"technology": "6g"}, "technology", "Choose a technology from the list"),
        ({"operator": "abc"}, "operator", "Choose an operator from the list"),
        ({"operator": "999999"}, "operator", "Choose an operator from the list"),
        ({"ward": "S13999999"}, "ward", "Choose a ward from the list"),
        ({"ward": "<script>alert(1)</script>"}, "ward", "Choose a ward from the list"),
        ({"page": "lots"}, None, None),
        ({"page": "99999"}, None, None),
    ],
)
def test_bad_filter_values_are_form_errors_not_500s(client, world, params, field, message):
    response = client.get(reverse("rollout:map"), params)
    html = response.content.decode()
    assert response.status_code == 200
    if field:
        assert response.context["form"].errors[field] == [message]
        assert f'<a href="#id_{field}{"_0" if field in ("status", "technology") else ""}">{message}</a>' in html
        assert html.count("<title>Error: ") == 1
    assert "<script>alert(1)</script>" not in html
    assert listed_site_ids(html) <= world.public_sites


def test_the_refused_organisation_is_not_an_operator_to_filter_by(client, world):
    html = html_of(client, reverse("rollout:map"))
    assert world.states[S.REFUSED].organisation.name not in html
    assert f'<option value="{world.states[S.LIVE].organisation.pk}">' in html


def test_the_table_is_paginated(client, world):
    LiveApplicationFactory(council=world.centre.council, site_count=48)  # 55 in all
    first = html_of(client, reverse("rollout:map"))
    second = html_of(client, reverse("rollout:map") + "?page=2")
    assert len(listed_site_ids(first)) == 50 and len(listed_site_ids(second)) == 5
    assert listed_site_ids(first).isdisjoint(listed_site_ids(second))
    assert 'href="?page=2"' in first
    filtered = html_of(client, reverse("rollout:map") + "?status=live")
    assert 'href="?status=live&amp;page=2"' in filtered


def test_ward_page(client, world):
    response = client.get(reverse("rollout:ward", args=[world.centre.code]))
    html = response.content.decode()
    assert response.status_code == 200
    assert world.leaks(html) == []
    assert listed_site_ids(html) == {
        pk
        for status in (S.APPROVED, S.LICENCE_ISSUED, S.INSTALLED, S.LIVE)
        for pk in world.states[status].sites.values_list("pk", flat=True)
    }
    assert '<h1 class="govuk-heading-xl">Anderston/City/Yorkhill</h1>' in html
    # The ward's boundary is on its map; the timeline is an SVG with its text alternative and a table.
    assert '"type": "MultiPolygon"' in html
    assert '<svg class="portal-chart"' in html and '<title id="licence-timeline-title">' in html
    assert "Sites licensed each month in Anderston/City/Yorkhill" in html
    assert "The figures as a table" in html
    assert f'href="/rollout/data.csv?ward={world.centre.code}"' in html
    assert f'href="/rollout/wards/{world.centre.code}/feed/"' in html


def test_ward_counts_add_up_to_the_city_summary(client, world):
    glasgow = world.centre.council
    WardFactory(council=glasgow, name="Baillieston")  # a ward with no sites
    city = client.get(reverse("rollout:map")).context["summary"]
    totals = {"status": {}, "technology": {}, "operator": {}}
    sites = 0
    for code in (world.centre.code, world.west.code, "S99999999"):  # the last is no ward
        response = client.get(reverse("rollout:ward", args=[code]))
        if response.status_code == 404:
            continue
        ward = response.context["summary"]
        sites += ward.total
        for name, tallies in (
            ("status", ward.by_status),
            ("technology", ward.by_technology),
            ("operator", ward.by_operator),
        ):
            for tally in tallies:
                totals[name][tally.value] = totals[name].get(tally.value, 0) + tally.count
    empty = client.get(reverse("rollout:ward", args=[glasgow.wards.get(name="Baillieston").code])).context["summary"]
    assert empty.total == 0 and empty.median_working_days is None
    assert sites == city.total == 7
    assert totals["status"] == {t.value: t.count for t in city.by_status}
    assert totals["technology"] == {t.value: t.count for t in city.by_technology}
    assert totals["operator"] == {t.value: t.count for t in city.by_operator}


@pytest.mark.parametrize("code", ["S13999999", "nonsense", "s13002967"])
def test_an_unknown_ward_is_404(client, world, code):
    assert client.get(reverse("rollout:ward", args=[code])).status_code == 404
    assert client.get(reverse("rollout:ward_feed", args=[code])).status_code == 404


def test_site_page_for_public_sites_only(client, world):
    live = world.states[S.LIVE].sites.get()
    html = html_of(client, reverse("rollout:site", args=[live.pk]))
    assert world.leaks(html) == []
    assert "5G on a lighting column" in html
    assert world.states[S.LIVE].organisation.name in html
    for pk in world.hidden_sites:
        assert client.get(reverse("rollout:site", args=[pk])).status_code == 404


def test_map_geojson_has_the_public_sites_only(client, world):
    response = client.get(reverse("rollout:sites_geojson"))
    body = response.json()
    assert response["Content-Type"] == "application/geo+json"
    assert {f["id"] for f in body["features"]} == world.public_sites
    assert world.leaks(response.content.decode()) == []
    feature = next(f for f in body["features"] if f["id"] == world.states[S.LIVE].sites.get().pk)
    assert feature["properties"] == {
        "status": "live",
        "type": "Lighting column",
        "technology": "5G",
        "operator": world.states[S.LIVE].organisation.name,
        "ward": "Anderston/City/Yorkhill",
    }
    west = client.get(reverse("rollout:sites_geojson"), {"ward": world.west.code, "status": "live"}).json()
    assert {f["id"] for f in west["features"]} == set(world.west_applications[0].sites.values_list("pk", flat=True))


def test_map_geojson_answers_400_naming_the_bad_filter(client, world):
    response = client.get(reverse("rollout:sites_geojson"), {"status": "refused", "ward": "nowhere"})
    assert response.status_code == 400
    assert response.json() == {
        "errors": {"status": ["Choose a status from the list"], "ward": ["Choose a ward from the list"]}
    }


def test_the_cached_summary_follows_a_transition_at_once(client, world):
    from applications import services

    before = client.get(reverse("rollout:map")).context["summary"]
    licensed = world.states[S.LICENCE_ISSUED]
    services.application_report_installed(application=licensed, by=licensed.officer)
    after = client.get(reverse("rollout:map")).context["summary"]
    assert [t.count for t in before.by_status] == [2, 2, 3]
    assert [t.count for t in after.by_status] == [1, 3, 3]
    ward = client.get(reverse("rollout:ward", args=[world.centre.code])).context["summary"]
    assert [t.count for t in ward.by_status] == [1, 2, 1]


def test_page_links_show_the_ends_and_two_either_side():
    from mapping.rollout.views import page_links

    assert page_links(1, 1) == []
    assert page_links(1, 3) == [1, 2, 3]
    assert page_links(1, 400) == [1, 2, 3, None, 400]
    assert page_links(200, 400) == [1, None, 198, 199, 200, 201, 202, None, 400]
    assert page_links(400, 400) == [1, None, 398, 399, 400]
    assert page_links(4, 400) == [1, 2, 3, 4, 5, 6, None, 400]
