"""Who may open each site finder page: a table of page x role -> status."""

import pytest

from sites.models import AssetType
from tests.factories import (
    AssetFactory,
    CouncilAdminFactory,
    OfficerFactory,
    OrganisationFactory,
    SupplierFactory,
    SystemAdminFactory,
)

pytestmark = pytest.mark.django_db

ROLES = {
    "anonymous": None,
    "supplier": SupplierFactory,
    "unverified_supplier": lambda: SupplierFactory(organisation=OrganisationFactory()),
    "officer": OfficerFactory,
    "council_admin": CouncilAdminFactory,
    "system_admin": SystemAdminFactory,
}
LOGIN = 302  # to the sign-in page
SUPPLIERS_ONLY = {
    "anonymous": LOGIN,
    "supplier": None,
    "unverified_supplier": None,
    "officer": 403,
    "council_admin": 403,
    "system_admin": 403,
}

# (method, path, {role: status}); None in a row means the page's success status (next column).
PAGES = [
    ("get", "/sites/", dict.fromkeys(ROLES, 200)),
    ("get", "/sites/?where=radius&near=-4.2502,55.8611&radius=500", dict.fromkeys(ROLES, 200)),
    ("get", "/sites/glasgow/LC-1/", dict.fromkeys(ROLES, 200)),
    ("get", "/sites/glasgow/DC-1/", {**dict.fromkeys(ROLES, 200), "anonymous": 404}),
    ("get", "/sites/glasgow/NO-SUCH/", dict.fromkeys(ROLES, 404)),
    ("get", "/sites/export.csv", dict.fromkeys(ROLES, 200)),
    ("get", "/sites/export.geojson", dict.fromkeys(ROLES, 200)),
    ("get", "/sites/export.gpkg", dict.fromkeys(ROLES, 200)),
    ("get", "/sites/shortlist/", {k: v or 200 for k, v in SUPPLIERS_ONLY.items()}),
    ("post", "/sites/shortlist/add/", {k: v or 302 for k, v in SUPPLIERS_ONLY.items()}),
    ("post", "/sites/shortlist/remove/", {k: v or 302 for k, v in SUPPLIERS_ONLY.items()}),
    ("get", "/sites/shortlist/add/", {k: 405 if v is None else v for k, v in SUPPLIERS_ONLY.items()}),
]


@pytest.fixture
def register(glasgow):
    return {
        "LC-1": AssetFactory(council=glasgow, reference="LC-1"),
        "DC-1": AssetFactory(council=glasgow, reference="DC-1", asset_type=AssetType.objects.get(code="duct_chamber")),
    }


@pytest.mark.parametrize("role", list(ROLES))
def test_permission_table(client, register, role):
    """Each role against every page (one test per role: the register is built once for all its pages)."""
    make = ROLES[role]
    if make is not None:
        client.force_login(make())
    problems = []
    for method, path, expected in PAGES:
        data = {"asset": register["LC-1"].pk} if method == "post" else None
        response = getattr(client, method)(path, data)
        if response.status_code != expected[role]:
            problems.append(f"{method.upper()} {path}: {response.status_code}, expected {expected[role]}")
        if expected[role] == LOGIN and role == "anonymous":
            assert response["Location"].startswith("/accounts/login/?next=")
    assert not problems, "\n".join(problems)
