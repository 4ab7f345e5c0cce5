"""mapping.views: the home page's routes and figures, per who is asking."""

import pytest
from django.urls import reverse

from sites.models import AssetType
from tests.factories import AssetFactory, CouncilFactory, OfficerFactory, SupplierFactory, WardFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def register(glasgow):
    WardFactory(council=glasgow)
    WardFactory(council=glasgow)
    duct = AssetType.objects.get(code="duct_chamber")  # restricted
    AssetFactory.create_batch(3, council=glasgow)
    AssetFactory(council=glasgow, asset_type=duct)
    AssetFactory(council=CouncilFactory(name="Clyde Valley Council", slug="clyde-valley"))  # another council's


def test_signed_out_visitor_gets_three_routes_and_public_figures(client, register):
    response = client.get(reverse("pages:home"))
    html = response.content.decode()
    assert response.status_code == 200
    for route, href in [
        ("See the planned rollout", "/rollout/"),
        ("Find council sites", "/sites/"),
        ("Apply as a supplier", reverse("login")),
    ]:
        assert f'href="{href}">{route}</a>' in html
    assert [(t.name, t.asset_count) for t in response.context["type_counts"]] == [("Lighting column", 4)]
    assert response.context["asset_total"] == 4  # every council's
    assert response.context["ward_count"] == 2
    assert "Duct or chamber" not in html
    assert "demonstration register" not in html


def test_the_home_page_lists_each_council_with_its_own_figures_and_links(client, register, glasgow):
    response = client.get(reverse("pages:home"))
    html = response.content.decode()
    assert "Telecoms sites on council land" in html
    assert "Two councils let mobile operators" in html
    lines = [(line.council.name, line.asset_count, line.ward_count) for line in response.context["councils"]]
    assert lines == [("Clyde Valley Council", 1, 0), ("Glasgow City Council", 3, 2)]  # public types only, by name
    for slug in ("glasgow", "clyde-valley"):
        for name in ("finder:list", "rollout:map", "rollout:data"):
            assert f'href="{reverse(name)}?council={slug}"' in html
    assert client.get(f"{reverse('finder:list')}?council=clyde-valley").status_code == 200


def test_with_one_council_the_home_page_is_that_councils(client, glasgow):
    AssetFactory(council=glasgow)
    response = client.get(reverse("pages:home"))
    html = response.content.decode()
    assert f"Telecoms sites on {glasgow.name} land" in html
    assert "Councils in the portal" not in html
    assert response.context["asset_total"] == 1


def test_demonstration_data_is_labelled(client, glasgow):
    AssetFactory(council=glasgow, is_synthetic=True)
    html = client.get(reverse("pages:home")).content.decode()
    assert "This is a demonstration register: some of these assets are generated examples" in html


def test_supplier_is_welcomed_and_sees_every_type(client, register):
    client.force_login(SupplierFactory(first_name="Ailsa"))
    response = client.get(reverse("pages:home"))
    html = response.content.decode()
    assert "Welcome, Ailsa" in html
    assert 'href="/applications/">Your applications</a>' in html
    assert response.context["asset_total"] == 5
    assert "Duct or chamber" in html
    lines = {line.council.slug: line.asset_count for line in response.context["councils"]}
    assert (lines["glasgow"], lines["clyde-valley"]) == (4, 1)  # (the supplier's organisation brings a council)


def test_officer_is_welcomed_with_the_register(client, register, glasgow):
    client.force_login(OfficerFactory(council=glasgow, first_name="Isla"))
    html = client.get(reverse("pages:home")).content.decode()
    assert "Welcome, Isla" in html
    assert f'href="{reverse("admin:sites_asset_changelist")}">Asset register</a>' in html


def test_empty_register_says_so(client, glasgow):
    response = client.get(reverse("pages:home"))
    assert response.context["asset_total"] == 0
    assert "The register has no assets yet" in response.content.decode()


def test_home_page_without_any_council(client):
    response = client.get(reverse("pages:home"))
    assert response.status_code == 200
    assert response.context["ward_count"] == 0
