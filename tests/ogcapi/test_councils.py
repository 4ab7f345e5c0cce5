"""Each council's own OGC API service at /ogc/councils/<slug>/, beside the default council's at /ogc/.

Two councils with assets, wards and a live site each: a council's service holds its own
features only, every link it gives stays in it, and /ogc/ links to each council's service.
"""

import json
from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from tests.applications.factories import LiveApplicationFactory
from tests.factories import AssetFactory, WardFactory, square, valley_council

from .test_core import rels

pytestmark = pytest.mark.django_db
VALLEY = (-3.95, 55.84)
GEORGE_SQUARE = (-4.2502, 55.8611)


@pytest.fixture
def two(glasgow):
    valley = valley_council()
    for council, (lon, lat), prefix in ((glasgow, GEORGE_SQUARE, "GLA"), (valley, VALLEY, "CVC")):
        WardFactory(council=council, name=f"{prefix} ward", geometry=square(lon, lat, half=0.01))
        assets = [
            AssetFactory(
                council=council,
                reference=f"{prefix}-{n}",
                geometry={"type": "Point", "coordinates": [lon + n * 0.0005, lat]},
            )
            for n in range(3)
        ]
        LiveApplicationFactory(council=council, assets=assets[:1])
    return glasgow, valley


def get(client, path: str, **params):
    response = client.get(path, params, HTTP_ACCEPT="application/json")
    assert response.status_code == 200, response.content[:300]
    return json.loads(response.content)


def service(slug: str | None, name: str, **kwargs) -> str:
    return reverse(f"ogcapi:{name}", kwargs={"council": slug, **kwargs} if slug else kwargs)


@pytest.mark.parametrize(("slug", "prefix"), [("clyde-valley", "CVC"), (None, "GLA")])
def test_a_councils_service_has_its_own_features_only(client, two, slug, prefix):
    items = get(client, service(slug, "items", collection_id="lighting_column"))
    assert items["numberMatched"] == 3
    assert sorted(f["properties"]["reference"] for f in items["features"]) == [f"{prefix}-{n}" for n in range(3)]
    wards = get(client, service(slug, "items", collection_id="wards"))
    assert [f["properties"]["name"] for f in wards["features"]] == [f"{prefix} ward"]
    rollout = get(client, service(slug, "items", collection_id="rollout"))
    assert rollout["numberMatched"] == 1


def test_every_link_of_a_councils_service_stays_in_it(client, two):
    root = service("clyde-valley", "landing")
    documents = [
        get(client, root),
        get(client, service("clyde-valley", "collections")),
        get(client, service("clyde-valley", "collection", collection_id="lighting_column")),
        get(client, service("clyde-valley", "items", collection_id="lighting_column"), limit=1),
    ]
    links = [
        link["href"]
        for document in documents
        for link in document["links"]
        if link["rel"] != "related" and "/ogc/" in link["href"]
    ]
    assert links and all(urlsplit(href).path.startswith(root) for href in links), links
    page = documents[-1]
    seen = []
    while True:  # next links walk the council's three columns once each
        seen += [f["properties"]["reference"] for f in page["features"]]
        following = rels(page).get("next")
        if not following:
            break
        page = get(client, following[0]["href"].replace("http://testserver", ""))
    assert sorted(seen) == ["CVC-0", "CVC-1", "CVC-2"]
    spec = get(client, service("clyde-valley", "api"))
    assert spec["servers"][0]["url"].rstrip("/").endswith("/ogc/councils/clyde-valley")


def test_the_default_service_links_to_each_councils(client, two):
    related = {link["title"]: urlsplit(link["href"]).path for link in rels(get(client, "/ogc/"))["related"]}
    assert related["Clyde Valley Council: its own service"] == "/ogc/councils/clyde-valley/"
    assert related["Glasgow City Council: its own service"] == "/ogc/councils/glasgow/"
    assert all(path.startswith("/ogc/councils/") for path in related.values())  # (and the factories' councils)
    html = client.get("/ogc/councils/clyde-valley/collections/lighting_column", {"f": "html"}).content.decode()
    assert 'href="/ogc/councils/clyde-valley/collections/lighting_column/items?f=html"' in html
    assert "Clyde Valley Council" in html.split("</header>", 1)[0]  # the council's own header


@pytest.mark.parametrize("slug", ["atlantis", "x" * 60])
def test_an_unknown_council_is_a_404_in_the_standards_shape(client, two, slug):
    response = client.get(f"/ogc/councils/{slug}/collections", HTTP_ACCEPT="application/json")
    assert response.status_code == 404
    assert json.loads(response.content)["code"] == "NotFound"
