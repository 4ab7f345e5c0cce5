"""Suite-wide fixtures."""

import pytest
from django.core.management import call_command


@pytest.fixture(autouse=True)
def _reference_data_after_flush(request):
    """Transactional tests (the browser journeys) flush the database; put the asset types back."""
    marker = request.node.get_closest_marker("django_db")
    by_marker = marker is not None and marker.kwargs.get("transaction", False)
    if by_marker or "transactional_db" in request.fixturenames or "live_server" in request.fixturenames:
        from sites.models import AssetType
        from sites.reference_data import ensure_asset_types

        request.getfixturevalue("transactional_db")
        ensure_asset_types(AssetType)


@pytest.fixture
def glasgow(db):
    """Glasgow City Council from fixtures/councils.json."""
    from portal.models import Council

    call_command("loaddata", "fixtures/councils.json", verbosity=0)
    return Council.objects.get(slug="glasgow")
