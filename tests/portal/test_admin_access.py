"""Who reaches which admin page: a table of role x page -> expected status.

Officers edit their own council's register; system admins everything; suppliers and
the public never reach the admin.
"""

import pytest
from django.urls import reverse

from portal.models import Role
from sites.models import Asset
from tests.factories import (
    AssetFactory,
    CouncilAdminFactory,
    CouncilFactory,
    OfficerFactory,
    OrganisationFactory,
    SupplierFactory,
    SystemAdminFactory,
    WardFactory,
)

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "supplier", "officer", "other_officer", "council_admin", "system_admin"]


@pytest.fixture
def world(glasgow):
    other = CouncilFactory(name="Other Council", slug="other")
    return {
        "asset": AssetFactory(council=glasgow),
        "ward": WardFactory(council=glasgow),
        "organisation": OrganisationFactory(),
        "users": {
            "anonymous": None,
            "supplier": SupplierFactory(),
            "officer": OfficerFactory(council=glasgow),
            "other_officer": OfficerFactory(council=other),
            "council_admin": CouncilAdminFactory(council=glasgow),
            "system_admin": SystemAdminFactory(),
        },
    }


def _get(client, world, role, url):
    user = world["users"][role]
    if user is not None:
        client.force_login(user)
    return client.get(url)


# url name, args from world, expected status per role (in ROLES order)
PAGES = [
    ("admin:index", None, [302, 403, 200, 200, 200, 200]),
    ("admin:sites_asset_changelist", None, [302, 403, 200, 200, 200, 200]),
    ("admin:sites_asset_change", "asset", [302, 403, 200, 302, 200, 200]),
    ("admin:sites_asset_add", None, [302, 403, 200, 200, 200, 200]),
    ("admin:sites_ward_changelist", None, [302, 403, 200, 200, 200, 200]),
    ("admin:portal_organisation_changelist", None, [302, 403, 200, 200, 200, 200]),
    ("admin:portal_user_changelist", None, [302, 403, 403, 403, 200, 200]),
    ("admin:portal_council_changelist", None, [302, 403, 200, 200, 200, 200]),
    ("admin:portal_council_add", None, [302, 403, 403, 403, 403, 200]),
    ("admin:sites_assettype_add", None, [302, 403, 403, 403, 403, 200]),
]


@pytest.mark.parametrize(("name", "arg", "expected"), PAGES, ids=[p[0] for p in PAGES])
@pytest.mark.parametrize("role_index", range(len(ROLES)), ids=ROLES)
def test_admin_page_status_per_role(client, world, name, arg, expected, role_index):
    args = [world[arg].pk] if arg else []
    response = _get(client, world, ROLES[role_index], reverse(name, args=args))
    assert response.status_code == expected[role_index]
    if ROLES[role_index] == "anonymous":
        assert "/admin/login/" in response["Location"]
    if ROLES[role_index] == "supplier":
        assert "The administration pages are for council staff" in response.content.decode(), "not a sign-in form"


def test_a_supplier_at_the_admin_gets_a_clear_page_not_a_sign_in_form(client, world):
    client.force_login(world["users"]["supplier"])
    for url in (reverse("admin:index"), reverse("admin:login"), reverse("admin:sites_asset_changelist")):
        response = client.get(url)
        html = response.content.decode()
        assert response.status_code == 403, url
        assert "The administration pages are for council staff and system administrators." in html
        assert reverse("applications:list") in html, "it points to the supplier's own pages"
        assert 'name="password"' not in html


def test_the_public_still_gets_the_admin_sign_in_form(client, world):
    response = client.get(reverse("admin:login"))
    assert response.status_code == 200
    assert 'name="password"' in response.content.decode()


def test_officer_list_shows_only_their_councils_assets(client, world):
    other_asset = AssetFactory(council=world["users"]["other_officer"].council)
    client.force_login(world["users"]["officer"])
    response = client.get(reverse("admin:sites_asset_changelist"))
    assert world["asset"].reference in response.text
    assert other_asset.reference not in response.text


def test_officer_edits_an_asset_through_the_service(client, world):
    asset = world["asset"]
    client.force_login(world["users"]["officer"])
    url = reverse("admin:sites_asset_change", args=[asset.pk])
    form = client.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and k in form.fields}
    data.update(
        {
            "council": asset.council_id,
            "asset_type": asset.asset_type_id,
            "geometry": '{"type": "Point", "coordinates": [-4.2600, 55.8650]}',
            "height_m": "11.50",
            "slots": 3,
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    asset.refresh_from_db()
    assert float(asset.height_m) == 11.5
    assert asset.longitude == pytest.approx(-4.26)
    assert asset.easting > 0
    assert asset.history.first().history_user == world["users"]["officer"]


def test_admin_refuses_a_location_outside_the_council_with_a_clear_message(client, world):
    asset = world["asset"]
    client.force_login(world["users"]["officer"])
    url = reverse("admin:sites_asset_change", args=[asset.pk])
    form = client.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and k in form.fields}
    data.update(
        {
            "council": asset.council_id,
            "asset_type": asset.asset_type_id,
            "geometry": '{"type": "Point", "coordinates": [-0.12, 51.5]}',
        }
    )
    response = client.post(url, data)
    assert response.status_code == 200
    assert "outside Glasgow City Council" in response.text
    assert Asset.objects.get(pk=asset.pk).longitude == pytest.approx(asset.longitude)


def test_supplier_role_constant_matches_factory():
    assert SupplierFactory.role == Role.SUPPLIER


def test_council_admin_cannot_make_a_system_admin_or_move_staff_to_another_council(client, world):
    council_admin = world["users"]["council_admin"]
    officer = world["users"]["officer"]
    client.force_login(council_admin)
    url = reverse("admin:portal_user_change", args=[officer.pk])
    form = client.get(url).context["adminform"].form
    assert [value for value, _ in form.fields["role"].choices] == [Role.OFFICER, Role.COUNCIL_ADMIN]
    assert list(form.fields["council"].queryset) == [council_admin.council]
    other_council = world["users"]["other_officer"].council
    response = client.post(
        url,
        {
            "username": officer.username,
            "email": officer.email,
            "role": Role.SYSTEM_ADMIN,
            "council": other_council.pk,
            "date_joined_0": "2026-01-01",
            "date_joined_1": "00:00:00",
        },
    )
    assert response.status_code == 200
    officer.refresh_from_db()
    assert officer.role == Role.OFFICER
    assert officer.council == council_admin.council
