"""The rollout over two councils: every council's at once, or one council's by ?council=<slug>.

Glasgow and a second council each have one live site in a ward of their own; each page,
file and feed shows the council asked for, or both.
"""

import csv
import io
import json
import re

import pytest
from django.core.cache import cache
from django.urls import reverse

from portal.models import Council
from tests.applications.factories import LiveApplicationFactory
from tests.factories import AssetFactory, WardFactory, square, valley_council

from .test_rollout_data import parse_atom

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"
VALLEY = (-3.95, 55.84)


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()


@pytest.fixture
def two(glasgow):
    valley = valley_council()
    sites = {}
    for council, point, ward_name in ((glasgow, (-4.2502, 55.8611), "Anderston"), (valley, VALLEY, "Valley North")):
        ward = WardFactory(council=council, name=ward_name, geometry=square(*point, half=0.01))
        asset = AssetFactory(council=council, geometry={"type": "Point", "coordinates": list(point)})
        application = LiveApplicationFactory(council=council, assets=[asset])
        sites[council.slug] = (application.sites.get().pk, ward)
    return glasgow, valley, sites


def site_ids(html: str) -> set[int]:
    return {int(pk) for pk in re.findall(r'id="site-(\d+)"', html)}


def test_the_rollout_opens_on_every_council_and_offers_each(client, two):
    glasgow, valley, sites = two
    html = client.get(reverse("rollout:map")).content.decode()
    assert site_ids(html) == {sites["glasgow"][0], sites["clyde-valley"][0]}
    assert "All councils" in html
    across = re.search(r"Across ([^<]+)</h2>", html).group(1)
    assert valley.name in across and glasgow.name in across
    assert f'<option value="{valley.slug}"' in html and f'<option value="{glasgow.slug}"' in html
    valley_ward = sites["clyde-valley"][1]
    assert f'<option value="{valley_ward.code}">Valley North, Clyde Valley Council</option>' in html
    one = client.get(reverse("rollout:map"), {"council": valley.slug}).content.decode()
    assert f'<option value="{valley_ward.code}">Valley North</option>' in one


@pytest.mark.parametrize("slug", ["glasgow", "clyde-valley"])
def test_one_councils_rollout_shows_only_its_sites(client, two, slug):
    _, _, sites = two
    council = Council.objects.get(slug=slug)
    html = client.get(reverse("rollout:map"), {"council": slug}).content.decode()
    assert site_ids(html) == {sites[slug][0]}
    assert f"Across {council.name}" in html
    assert f'<option value="{slug}" selected>' in html
    assert f"{reverse('rollout:feed')}?council={slug}" in html  # its own feed
    geojson = json.loads(client.get(reverse("rollout:sites_geojson"), {"council": slug}).content)
    assert [f["id"] for f in geojson["features"]] == [sites[slug][0]]


def test_downloads_of_one_council_and_of_all(client, two):
    glasgow, valley, sites = two
    response = client.get(reverse("rollout:download", args=["csv"]), {"council": valley.slug})
    assert 'filename="clyde-valley-rollout-' in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [(int(r["site_id"]), r["council"]) for r in rows] == [(sites["clyde-valley"][0], valley.name)]
    response = client.get(reverse("rollout:download", args=["csv"]))
    assert 'filename="all-councils-rollout-' in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert {r["council"] for r in rows} == {glasgow.name, valley.name}


def test_each_councils_feed_has_its_own_licences(client, two):
    _, valley, sites = two
    response = client.get(reverse("rollout:feed"), {"council": valley.slug})
    feed = parse_atom(response.content)
    assert feed.findtext(f"{ATOM}title") == f"Newly licensed telecoms sites: {valley.name}"
    links = [e.find(f"{ATOM}link").get("href") for e in feed.findall(f"{ATOM}entry")]
    assert [link.rstrip("/").rsplit("/", 1)[1] for link in links] == [str(sites["clyde-valley"][0])]
    everyone = parse_atom(client.get(reverse("rollout:feed")).content)
    assert len(everyone.findall(f"{ATOM}entry")) == 2


def test_a_ward_page_is_its_councils(client, two):
    _, valley, sites = two
    site_pk, ward = sites["clyde-valley"]
    html = client.get(reverse("rollout:ward", args=[ward.code])).content.decode()
    assert f"Ward {ward.code}, {valley.name}" in html
    assert site_ids(html) == {site_pk}
    assert f'href="{reverse("rollout:map")}?council={valley.slug}"' in html  # back to its council's rollout


def test_the_open_data_page_lists_a_feed_for_each_council(client, two):
    glasgow, valley, _ = two
    html = client.get(reverse("rollout:data")).content.decode()
    for council in (glasgow, valley):
        assert f'href="{reverse("rollout:feed")}?council={council.slug}">All of {council.name}' in html
    one = client.get(reverse("rollout:data"), {"council": valley.slug}).content.decode()
    assert f"Contains public sector information from {valley.name} licensed" in one
    assert f"?council={valley.slug}" in one and f"?council={glasgow.slug}" not in one


def test_an_unknown_council_is_a_plain_error(client, two):
    _, _, sites = two
    response = client.get(reverse("rollout:map"), {"council": "atlantis"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Choose a council from the list" in html
    assert site_ids(html) == {sites["glasgow"][0], sites["clyde-valley"][0]}
    response = client.get(reverse("rollout:sites_geojson"), {"council": "x" * 5000})
    assert response.status_code == 400
    assert json.loads(response.content)["errors"]["council"] == ["Choose a council from the list"]


def test_with_one_council_there_is_no_council_filter(client, glasgow):
    html = client.get(reverse("rollout:map")).content.decode()
    assert 'name="council"' not in html
    assert f"Across {glasgow.name}" in html
