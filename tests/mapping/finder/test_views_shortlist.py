"""The shortlist's page and forms: add and remove with and without JavaScript, the limit, one's own
shortlist only, bad input, CSRF, and applying for the shortlisted sites."""

import re

import pytest
from django.test import Client

from sites.models import Availability, ShortlistItem
from sites.shortlist_services import shortlist_add, shortlist_asset_ids
from tests.factories import AssetFactory, OfficerFactory, OrganisationFactory, SupplierFactory

pytestmark = pytest.mark.django_db
JSON = {"HTTP_ACCEPT": "application/json"}


@pytest.fixture
def supplier(client):
    user = SupplierFactory()
    client.force_login(user)
    return user


@pytest.fixture
def assets(glasgow):
    return [AssetFactory(council=glasgow, reference=f"LC-{i}") for i in range(1, 4)]


def test_add_and_remove_without_javascript(client, supplier, assets):
    response = client.post("/sites/shortlist/add/", {"asset": assets[0].pk, "next": "/sites/?q=LC"}, follow=True)
    assert response.redirect_chain == [("/sites/?q=LC", 302)]
    assert "LC-1 added to your shortlist." in response.content.decode()
    assert shortlist_asset_ids(user=supplier) == {assets[0].pk}
    response = client.post("/sites/shortlist/add/", {"asset": assets[0].pk, "next": "/sites/?q=LC"}, follow=True)
    assert "LC-1 already on your shortlist." in response.content.decode()
    response = client.post("/sites/shortlist/remove/", {"asset": assets[0].pk}, follow=True)
    assert response.redirect_chain == [("/sites/shortlist/", 302)]
    assert "LC-1 removed from your shortlist." in response.content.decode()
    assert shortlist_asset_ids(user=supplier) == set()


def test_add_and_remove_with_fetch(client, supplier, assets):
    body = client.post("/sites/shortlist/add/", {"asset": assets[1].pk}, **JSON).json()
    assert body == {"asset": assets[1].pk, "shortlisted": True, "count": 1, "message": "LC-2 added to your shortlist."}
    body = client.post("/sites/shortlist/remove/", {"asset": assets[1].pk}, **JSON).json()
    assert body == {
        "asset": assets[1].pk,
        "shortlisted": False,
        "count": 0,
        "message": "LC-2 removed from your shortlist.",
    }
    body = client.post("/sites/shortlist/remove/", {"asset": assets[1].pk}, **JSON).json()
    assert body["message"] == "LC-2 was not on your shortlist."


@pytest.mark.parametrize("next_url", ["https://evil.example/", "//evil.example/x", "javascript:alert(1)"])
def test_only_local_next_urls_are_followed(client, supplier, assets, next_url):
    response = client.post("/sites/shortlist/add/", {"asset": assets[0].pk, "next": next_url})
    assert response.status_code == 302 and response["Location"] == "/sites/shortlist/"


def test_the_limit_says_so_where_the_supplier_was(client, supplier, assets, settings):
    settings.APPLICATION_MAX_SITES = 2
    for asset in assets[:2]:
        shortlist_add(user=supplier, asset=asset)
    response = client.post(
        "/sites/shortlist/add/", {"asset": assets[2].pk, "next": "/sites/glasgow/LC-3/"}, follow=True
    )
    assert response.redirect_chain == [("/sites/glasgow/LC-3/", 302)]
    html = response.content.decode()
    assert "There is a problem" in html and "Your shortlist is full: it holds at most 2 sites." in html
    refused = client.post("/sites/shortlist/add/", {"asset": assets[2].pk}, **JSON)
    assert refused.status_code == 409
    assert refused.json()["errors"]["asset"][0].startswith("Your shortlist is full")
    assert ShortlistItem.objects.count() == 2


def test_the_pages_say_when_the_shortlist_is_full(client, supplier, glasgow):
    assets = AssetFactory.create_batch(101, council=glasgow)
    for asset in assets[:100]:
        shortlist_add(user=supplier, asset=asset)
    html = client.get("/sites/shortlist/").content.decode()
    assert "100 sites of at most 100." in html and "Your shortlist is full." in html
    page = client.get(f"/sites/glasgow/{assets[100].reference}/").content.decode()
    assert "Your shortlist is full: remove a site from it to add this one." in page
    assert 'action="/sites/shortlist/add/"' not in page
    listed = client.get(f"/sites/glasgow/{assets[0].reference}/").content.decode()
    assert 'action="/sites/shortlist/remove/"' in listed


@pytest.mark.parametrize(
    ("value", "status", "message"),
    [
        (None, 400, "Choose a site to add to or remove from your shortlist."),
        ("", 400, "Choose a site to add to or remove from your shortlist."),
        ("abc", 400, "Choose a site from the list."),
        ("1.5", 400, "Choose a site from the list."),
        ("-3", 400, "Choose a site from the list."),
        ("0", 400, "Choose a site from the list."),
        ("99999999999999999999999", 400, "Choose a site from the list."),
        ("\x00", 400, None),
        ("987654", 404, "That site is not in the register, or you cannot see it."),
    ],
)
def test_bad_asset_ids_are_refused_plainly(client, supplier, assets, value, status, message):
    data = {} if value is None else {"asset": value}
    page = client.post("/sites/shortlist/add/", data)
    assert page.status_code == status
    assert "Your shortlist was not changed" in page.content.decode()
    body = client.post("/sites/shortlist/add/", data, **JSON)
    assert body.status_code == status
    if message:
        assert body.json() == {"errors": {"asset": [message]}}
    assert ShortlistItem.objects.count() == 0


def test_a_supplier_touches_only_their_own_shortlist(client, glasgow, assets):
    owner, other = SupplierFactory(), SupplierFactory()
    shortlist_add(user=owner, asset=assets[0])
    shortlist_add(user=owner, asset=assets[1])
    client.force_login(other)
    # Removing ids from someone else's shortlist removes nothing of theirs.
    for asset in assets[:2]:
        assert client.post("/sites/shortlist/remove/", {"asset": asset.pk}, **JSON).json()["shortlisted"] is False
    assert shortlist_asset_ids(user=owner) == {assets[0].pk, assets[1].pk}
    page = client.get("/sites/shortlist/").content.decode()
    assert "Your shortlist is empty." in page and "LC-1" not in page
    client.post("/sites/shortlist/add/", {"asset": assets[2].pk})
    assert shortlist_asset_ids(user=owner) == {assets[0].pk, assets[1].pk}
    assert shortlist_asset_ids(user=other) == {assets[2].pk}


def test_forms_need_post_and_the_csrf_token(supplier, assets):
    client = Client(enforce_csrf_checks=True)
    client.force_login(supplier)
    assert client.get("/sites/shortlist/add/").status_code == 405
    assert client.post("/sites/shortlist/add/", {"asset": assets[0].pk}).status_code == 403
    assert ShortlistItem.objects.count() == 0


def test_the_shortlist_page_lists_maps_and_applies(client, supplier, glasgow):
    available = [AssetFactory(council=glasgow, reference=f"LC-{i}") for i in (1, 2)]
    closed = AssetFactory(
        council=glasgow, reference="LC-3", availability=Availability.UNAVAILABLE, unavailable_reason="Works"
    )
    for asset in [*available, closed]:
        shortlist_add(user=supplier, asset=asset)
    response = client.get("/sites/shortlist/")
    html = response.content.decode()
    assert "3 sites of at most 100." in html
    rows = re.findall(r'<a class="govuk-link govuk-!-font-weight-bold" href="(/sites/glasgow/[^"]+)">', html)
    assert rows == ["/sites/glasgow/LC-1/", "/sites/glasgow/LC-2/", "/sites/glasgow/LC-3/"]
    apply = f'href="/applications/new/?asset={available[0].pk}&amp;asset={available[1].pk}"'
    assert apply in html and ">Apply for these sites</a>" in html
    assert "The application leaves out 1 unavailable site: LC-3." in html
    assert html.count('action="/sites/shortlist/remove/"') == 3
    assert '["shortlist"] = {' in html and '"reference": "LC-3"' in html  # the map, with each site


def test_an_unverified_organisation_is_told_why_it_cannot_apply(client, glasgow):
    supplier = SupplierFactory(organisation=OrganisationFactory(name="New Fibre Ltd"))
    client.force_login(supplier)
    shortlist_add(user=supplier, asset=AssetFactory(council=glasgow))
    html = client.get("/sites/shortlist/").content.decode()
    assert "Apply for these sites" not in html
    assert "the council has not verified New Fibre Ltd" in html


def test_an_empty_shortlist_points_to_the_finder(client, supplier):
    html = client.get("/sites/shortlist/").content.decode()
    assert "Your shortlist is empty." in html and 'href="/sites/"' in html
    assert "leaflet.js" not in html  # no map to draw


@pytest.mark.parametrize("path", ["/sites/shortlist/", "/sites/shortlist/add/", "/sites/shortlist/remove/"])
def test_only_suppliers(client, glasgow, path):
    method = client.get if path == "/sites/shortlist/" else client.post
    response = method(path)
    assert response.status_code == 302 and response["Location"].startswith(f"/accounts/login/?next={path}")
    client.force_login(OfficerFactory(council=glasgow))
    assert method(path).status_code == 403


def test_applying_takes_the_sites_applied_for_off_the_shortlist_and_says_so(client, supplier, glasgow):
    applied = [AssetFactory(council=glasgow, reference=f"LC-{i}") for i in (1, 2)]
    kept = AssetFactory(council=glasgow, reference="LC-3")
    for asset in [*applied, kept]:
        shortlist_add(user=supplier, asset=asset)
    response = client.post(
        "/applications/new/",
        {"asset": [str(a.pk) for a in applied], "application_type": "small_cell"},
        follow=True,
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "They came off your shortlist: it keeps only the sites you have not applied for." in html
    assert shortlist_asset_ids(user=supplier) == {kept.pk}
    page = client.get("/sites/shortlist/").content.decode()
    assert "1 site of at most" in page and "LC-3" in page and "/sites/glasgow/LC-1/" not in page


def test_a_refused_application_leaves_the_shortlist_as_it_was(client, supplier, glasgow, monkeypatch):
    from applications import checks

    assets = [AssetFactory(council=glasgow, reference=f"LC-{i}") for i in (1, 2)]
    for asset in assets:
        shortlist_add(user=supplier, asset=asset)
    monkeypatch.setattr(checks, "max_sites", lambda: 1)
    monkeypatch.setattr("applications.services.drafting.max_sites", lambda: 1)
    response = client.post("/applications/new/", {"asset": [str(a.pk) for a in assets], "application_type": "x"})
    assert response.status_code == 200, "the form again, with its errors"
    assert shortlist_asset_ids(user=supplier) == {a.pk for a in assets}


def test_only_the_appliers_shortlist_changes(glasgow):
    from applications import services

    asset = AssetFactory(council=glasgow)
    applier, colleague = SupplierFactory(), SupplierFactory()
    for user in (applier, colleague):
        shortlist_add(user=user, asset=asset)
    application = services.application_create(by=applier, application_type="small_cell", assets=[asset])
    assert application.taken_off_shortlist == 1
    assert shortlist_asset_ids(user=applier) == set()
    assert shortlist_asset_ids(user=colleague) == {asset.pk}, "a colleague's shortlist is theirs"
