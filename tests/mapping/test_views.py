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
    AssetFactory(council=CouncilFactory())  # another council's: never counted


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
    assert [(t.name, t.asset_count) for t in response.context["type_counts"]] == [("Lighting column", 3)]
    assert response.context["asset_total"] == 3
    assert response.context["ward_count"] == 2
    assert "Duct or chamber" not in html
    assert "demonstration register" not in html


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
    assert response.context["asset_total"] == 4
    assert "Duct or chamber" in html


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
