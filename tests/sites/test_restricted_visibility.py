"""Who may see a restricted asset type has one answer, sites.search.can_see_restricted.

Every place that hides a restricted type (the finder's types and assets, the home page's
counts, a licensed site's location on the verification page) agrees with it for every kind
of user, and no module writes a second version of the rule.
"""

import re

import pytest
from django.contrib.auth.models import AnonymousUser

from applications.licences.selectors import licence_public_sites
from sites.models import ApplicationType, AssetType
from sites.search import assets_visible_to, can_see_restricted, visible_asset_types
from sites.selectors import asset_type_counts
from tests.applications.licence_factories import licensed
from tests.factories import AssetFactory, CouncilAdminFactory, OfficerFactory, SupplierFactory, SystemAdminFactory
from tests.source_tree import project_sources

pytestmark = pytest.mark.django_db

USERS = {
    "nobody": lambda: None,
    "the public": AnonymousUser,
    "an inactive supplier": lambda: SupplierFactory(is_active=False),
    "a supplier": SupplierFactory,
    "an officer": OfficerFactory,
    "a council administrator": CouncilAdminFactory,
    "a system administrator": SystemAdminFactory,
}


@pytest.mark.parametrize("who", list(USERS))
def test_every_reader_of_restricted_types_agrees_with_can_see_restricted(glasgow, who):
    duct_type = AssetType.objects.get(code="duct_chamber")
    assert duct_type.visibility != "public"
    route = {"type": "LineString", "coordinates": [[-4.2512, 55.8611], [-4.2492, 55.8611]]}
    duct = AssetFactory(council=glasgow, asset_type=duct_type, geometry=route, street="Duct Lane")
    AssetFactory(council=glasgow, reference="LC-1")
    _, licence = licensed(council=glasgow, assets=[duct], application_type=ApplicationType.WAYLEAVE)
    user = USERS[who]()

    sees = can_see_restricted(user)
    assert sees is (who not in ("nobody", "the public", "an inactive supplier"))
    assert (duct_type in visible_asset_types(user=user)) is sees
    assert assets_visible_to(user=user, council=glasgow).filter(pk=duct.pk).exists() is sees
    assert ("duct_chamber" in [t.code for t in asset_type_counts(council=glasgow, user=user)]) is sees
    assert [site.located for site in licence_public_sites(licence=licence, user=user)] == [sees]


def test_the_rule_is_written_once():
    """No second `can_see_restricted`, and no other module filters types by visibility for a user.

    applications/public.py filters to public types too, but for everyone alike: the public
    rollout is the same page whoever asks (docs/DESIGN.md "What the public sees")."""
    sources = project_sources()
    assert [path for path, text in sources.items() if re.search(r"def can_see_restricted\b", text)] == [
        "sites/search.py"
    ]
    assert [path for path, text in sources.items() if re.search(r"visibility\s*=\s*Visibility\.PUBLIC", text)] == [
        "applications/public.py",
        "sites/search.py",
    ]
