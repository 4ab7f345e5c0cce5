"""ogcapi's rollout collection: only the public sites (the rollout's own counts), only public fields, datetime."""

import json

import pytest
from django.urls import reverse

from applications.public import public_sites
from ogcapi.crs import BNG
from tests.mapping.rollout.rollout_world import world_for_module

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    yield from world_for_module(django_db_blocker, tmp_path_factory)


def items(client, **params):
    response = client.get(reverse("ogcapi:items", kwargs={"collection_id": "rollout"}), params)
    assert response.status_code == 200, response.content[:300]
    return json.loads(response.content)


def test_only_public_sites_never_the_hidden_states(client, world):
    document = items(client, limit=1000)
    ids = {f["id"] for f in document["features"]}
    assert ids == world.public_sites
    assert not ids & world.hidden_sites
    assert document["numberMatched"] == public_sites(council=world.centre.council).count()
    text = json.dumps(document)
    assert world.leaks(text) == []
    assert {f["properties"]["status"] for f in document["features"]} <= {"planned", "installed", "live"}


def test_a_hidden_site_is_not_found(client, world):
    hidden = next(iter(world.hidden_sites))
    url = reverse("ogcapi:item", kwargs={"collection_id": "rollout", "feature_id": hidden})
    assert client.get(url).status_code == 404
    public = next(iter(world.public_sites))
    url = reverse("ogcapi:item", kwargs={"collection_id": "rollout", "feature_id": public})
    assert json.loads(client.get(url).content)["id"] == public


def test_bbox_in_either_crs(client, world):
    west = items(client, bbox="-4.30,55.86,-4.28,55.88")
    assert west["numberMatched"] == 3  # the two live sites and the installed one by Kelvingrove
    e, n = west["features"][0]["properties"]["easting"], west["features"][0]["properties"]["northing"]
    grid = items(client, **{"bbox": f"{e - 5},{n - 5},{e + 5},{n + 5}", "bbox-crs": BNG, "crs": BNG})
    assert grid["numberMatched"] == 3
    assert grid["features"][0]["geometry"]["coordinates"] == [e, n]


def test_datetime_filters_on_the_approval_date(client, world):
    everything = items(client, limit=1000)["numberMatched"]
    assert items(client, datetime="2000-01-01/..")["numberMatched"] == everything
    assert items(client, datetime="../2000-01-01")["numberMatched"] == 0
    response = client.get(
        reverse("ogcapi:items", kwargs={"collection_id": "rollout"}), {"datetime": "2025-02-01/2025-01-01"}
    )
    assert response.status_code == 400
    assert json.loads(response.content)["description"].startswith("Parameter datetime:")
