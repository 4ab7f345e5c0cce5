"""/sites/<council>/<reference>/: what an engineer needs, fees, others' applications (a count only),
applying and shortlisting per role, restricted types hidden as 404, a small folium map."""

import re
from decimal import Decimal

import pytest

from sites.models import AssetType, Availability, PowerSupply
from tests.applications.factories import ApplicationFactory, FeeScheduleFactory, SubmittedApplicationFactory
from tests.factories import (
    AssetFactory,
    ConstraintAreaFactory,
    CouncilFactory,
    OfficerFactory,
    OrganisationFactory,
    SupplierFactory,
    VerifiedOrganisationFactory,
    WardFactory,
    square,
)

pytestmark = pytest.mark.django_db
CENTRE = (-4.2502, 55.8611)


def text(response) -> str:
    """The page's main content as plain text, whitespace collapsed."""
    html = response.content.decode().split('id="main-content"', 1)[1].split("</main>", 1)[0]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace(" ,", ",").replace(" .", ".")


@pytest.fixture
def roof(glasgow):
    WardFactory(council=glasgow, code="S13002917", name="Anderston/City/Yorkhill")
    ConstraintAreaFactory(council=glasgow, name="Central Conservation Area", reference="CA-7")
    return AssetFactory(
        council=glasgow,
        reference="RT 2/B",
        name="City Chambers",
        street="George Square",
        asset_type=AssetType.objects.get(code="building_rooftop"),
        geometry=square(*CENTRE, half=0.0002),
        height_m=Decimal("21.50"),
        material="Sandstone",
        structural_capacity_kg=900,
        load_used_kg=250,
        slots=4,
        slots_used=1,
        power_supply=PowerSupply.METERED,
        fibre_nearby=True,
        uprn=906700123456,
        usrn=48503210,
    )


def test_every_attribute_an_engineer_needs(client, roof):
    response = client.get("/sites/glasgow/RT%202%2FB/")  # as the API links it
    assert response.status_code == 200
    page = text(response)
    for expected in [
        "Building rooftop", "RT 2/B: City Chambers", "Available",
        "Council reference RT 2/B", "Type Building rooftop", "Street or address George Square",
        "Ward Anderston/City/Yorkhill", "Height 21.5 m", "Material Sandstone",
        "Structural capacity 650 kg free of 900 kg", "Free slots 3 of 4", "Power supply Metered",
        "Fibre nearby Yes", "In a conservation area", "Conservation area: Central Conservation Area (CA-7)",
        f"{roof.easting:.1f} E, {roof.northing:.1f} N", f"{roof.longitude:.6f}, {roof.latitude:.6f}",
        "UPRN 906700123456", "USRN 48503210", "Availability Available",
    ]:  # fmt: skip
        assert expected in page, expected
    assert client.get(response.request["PATH_INFO"].replace("%2F", "/")).status_code == 200


def test_unavailable_assets_say_why_and_offer_no_apply_button(client, glasgow):
    AssetFactory(
        council=glasgow,
        reference="LC-9",
        availability=Availability.UNAVAILABLE,
        unavailable_reason="Due for replacement",
    )
    client.force_login(SupplierFactory())
    response = client.get("/sites/glasgow/LC-9/")
    assert "This site is unavailable: Due for replacement" in text(response)
    assert "Apply for this site" not in text(response)


def test_accepted_application_types_and_their_fees(client, roof):
    FeeScheduleFactory(council=roof.council, asset_type=roof.asset_type, application_type="rooftop",
                       annual_licence_fee=Decimal("4500.00"), application_fee=Decimal("350.00"),
                       legal_fee=Decimal("1000.00"), surveyor_fee=Decimal("750.00"))  # fmt: skip
    FeeScheduleFactory(council=CouncilFactory(), asset_type=roof.asset_type, application_type="macro_site")
    page = text(client.get("/sites/glasgow/RT%202%2FB/"))
    assert "Rooftop £4,500.00 £350.00 £1,000.00 £750.00" in page
    # Another council's schedule does not apply here.
    assert "Macro site The council has not published these fees yet: it will confirm them." in page
    assert "Small cell" not in page  # not accepted by a rooftop


def test_other_applications_are_a_count_never_who(client, glasgow):
    asset = AssetFactory(council=glasgow, reference="LC-1", slots=5)
    mine = SupplierFactory()
    rival = SupplierFactory(organisation=VerifiedOrganisationFactory(name="Rival Towers Ltd"))
    SubmittedApplicationFactory(council=glasgow, supplier=rival, assets=[asset])
    SubmittedApplicationFactory(council=glasgow, supplier=SupplierFactory(), assets=[asset])
    ApplicationFactory(council=glasgow, supplier=SupplierFactory(), assets=[asset])  # a draft: not in progress
    own = SubmittedApplicationFactory(council=glasgow, supplier=mine, assets=[asset])

    client.force_login(mine)
    page = text(client.get("/sites/glasgow/LC-1/"))
    assert "2 other applications for this site are in progress." in page
    assert f"Your organisation's applications for it: {own.reference} (submitted)." in page
    assert "Rival Towers" not in page and "GCC-APP" not in page.replace(own.reference, "")

    client.force_login(OfficerFactory(council=glasgow))
    assert "3 other applications for this site are in progress." in text(client.get("/sites/glasgow/LC-1/"))

    client.logout()
    page = text(client.get("/sites/glasgow/LC-1/"))
    assert "applications for this site" not in page and "in progress" not in page


def test_no_other_applications(client, glasgow):
    AssetFactory(council=glasgow, reference="LC-1")
    client.force_login(SupplierFactory())
    assert "No other applications for this site are in progress." in text(client.get("/sites/glasgow/LC-1/"))


@pytest.mark.parametrize(
    ("make", "apply_button", "message"),
    [
        (None, False, "Sign in as a supplier to apply for this site."),
        (SupplierFactory, True, None),
        (
            lambda: SupplierFactory(organisation=OrganisationFactory(name="New Fibre Ltd")),
            False,
            "You cannot apply yet: the council has not verified New Fibre Ltd. "
            "You can shortlist sites now and apply once it is verified.",
        ),
        (OfficerFactory, False, None),
    ],
    ids=["public", "verified-supplier", "unverified-supplier", "officer"],
)
def test_who_may_apply(client, glasgow, make, apply_button, message):
    asset = AssetFactory(council=glasgow, reference="LC-1")
    if make:
        client.force_login(make())
    response = client.get("/sites/glasgow/LC-1/")
    html = response.content.decode()
    assert (f'href="/applications/new/?asset={asset.pk}"' in html) is apply_button
    if message:
        assert message in text(response)
    else:
        assert 'id="apply-blocker"' not in html


def test_shortlist_form_for_suppliers_only(client, glasgow):
    asset = AssetFactory(council=glasgow, reference="LC-1")
    supplier = SupplierFactory()
    client.force_login(supplier)
    html = client.get("/sites/glasgow/LC-1/").content.decode()
    assert 'action="/sites/shortlist/add/"' in html and f'name="asset" value="{asset.pk}"' in html
    assert 'name="next" value="/sites/glasgow/LC-1/"' in html
    client.post("/sites/shortlist/add/", {"asset": asset.pk})
    html = client.get("/sites/glasgow/LC-1/").content.decode()
    assert 'action="/sites/shortlist/remove/"' in html and "Remove<span" in html
    client.force_login(OfficerFactory())
    assert 'action="/sites/shortlist/add/"' not in client.get("/sites/glasgow/LC-1/").content.decode()


@pytest.mark.parametrize(
    ("make", "status"),
    [(None, 404), (SupplierFactory, 200), (OfficerFactory, 200)],
    ids=["public", "supplier", "officer"],
)
def test_restricted_assets_are_not_found_by_the_public(client, glasgow, make, status):
    AssetFactory(council=glasgow, reference="DC-1", asset_type=AssetType.objects.get(code="duct_chamber"))
    if make:
        client.force_login(make())
    response = client.get("/sites/glasgow/DC-1/")
    assert response.status_code == status
    if status == 404:  # the same answer as for an asset that does not exist
        missing = client.get("/sites/glasgow/NO-SUCH/")
        assert missing.status_code == 404
        assert response.content.decode().replace("DC-1", "NO-SUCH") == missing.content.decode()


def test_unknown_council_or_reference_or_another_councils_asset(client, glasgow):
    other = CouncilFactory(slug="elsewhere")
    AssetFactory(council=other, reference="LC-1")
    assert client.get("/sites/nowhere/LC-1/").status_code == 404
    assert client.get("/sites/glasgow/LC-1/").status_code == 404
    assert client.get("/sites/elsewhere/LC-1/").status_code == 200


def test_the_small_map_shows_the_asset_in_its_colour(client, roof, settings):
    settings.MAP_TILE_URL = ""
    response = client.get("/sites/glasgow/RT%202%2FB/")
    html = response.content.decode()
    nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
    script = re.search(rf'<script nonce="{re.escape(nonce)}">(.*?)</script>', html, re.S).group(1)
    assert '"fillColor": "#d4351c"' in script  # building rooftop's colour
    assert '"reference": "RT 2/B"' in script and '"url": "/sites/glasgow/RT%202%2FB/"' in script
    assert 'fetch("/api/wards.geojson"' in script
    assert '["asset"] = {' in script
