"""Saved searches: saving from the finder and the asset page, the list, alerts on and off, delete,
who may, bad input, and the alert emails (each new site told once)."""

import re
from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from mapping.finder.saved_search_alerts import saved_search_alerts_send
from sites import saved_search_services
from sites.models import AssetType, SavedSearch
from tests.factories import AssetFactory, OfficerFactory, SupplierFactory

pytestmark = pytest.mark.django_db
SAVED = reverse("finder:saved")


@pytest.fixture
def supplier(client, glasgow):
    user = SupplierFactory()
    client.force_login(user)
    return user


def save(client, query, name="Tall columns", alerts=True):
    data = {"name": name, "query": query} | ({"alerts": "on"} if alerts else {})
    return client.post(SAVED, data)


def test_a_supplier_saves_a_finder_search_in_its_canonical_form_and_opens_it_again(client, supplier):
    response = save(client, "min_height=8&page=3&asset_type=lighting_column&zoom=12")
    assert response.status_code == 302 and response["Location"] == SAVED
    search = SavedSearch.objects.get(user=supplier)
    assert search.query == "asset_type=lighting_column&min_height=8", "canonical: the page and zoom dropped"
    assert search.alerts and search.name == "Tall columns"
    html = client.get(SAVED).content.decode()
    assert "Search “Tall columns” saved. We will email you when new sites match it." in html
    assert 'href="/sites/?asset_type=lighting_column&amp;min_height=8">Tall columns</a>' in html
    finder = client.get("/sites/?asset_type=lighting_column&min_height=8")
    assert finder.status_code == 200


def test_the_finder_and_the_asset_page_offer_to_save_for_suppliers_only(client, supplier, glasgow):
    asset = AssetFactory(council=glasgow, reference="LC-1")
    html = client.get("/sites/?asset_type=lighting_column&sort=-height").content.decode()
    form = re.search(r'<form method="post" action="/sites/saved/".*?</form>', html, re.S).group(0)
    assert 'name="query" value="asset_type=lighting_column&amp;sort=-height"' in form
    page = client.get(f"/sites/glasgow/{asset.reference}/").content.decode()
    assert "Hear of new sites near this one" in page
    assert f'value="where=radius&amp;near={asset.longitude:.6f}%2C{asset.latitude:.6f}&amp;radius=500' in page
    anonymous = Client().get("/sites/").content.decode()
    assert 'action="/sites/saved/"' not in anonymous
    officer = Client()
    officer.force_login(OfficerFactory(council=glasgow))
    assert 'action="/sites/saved/"' not in officer.get("/sites/").content.decode()


def test_saving_near_an_asset_finds_its_neighbours(client, supplier, glasgow):
    asset = AssetFactory(council=glasgow, reference="LC-1")
    from mapping.finder.search import near_asset_query

    assert save(client, near_asset_query(asset), name="Near LC-1").status_code == 302
    search = SavedSearch.objects.get()
    assert search.query.startswith("where=radius&near=") and "asset_type=lighting_column" in search.query


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"name": "", "query": "asset_type=lighting_column"}, "Enter a name for the search"),
        ({"name": "   ", "query": "asset_type=lighting_column"}, "Enter a name for the search"),
        ({"name": "x" * 101, "query": ""}, "Enter a name of at most 100 characters."),
        ({"name": "Bad", "query": "min_height=tall"}, "This search has mistakes"),
        ({"name": "Bad", "query": "near=500,500&radius=100"}, "This search has mistakes"),
        ({"name": "Huge", "query": "q=" + "x" * 5000}, "This search is too long to save."),
        ({"name": "Nul", "query": "q=\x00"}, "Null characters are not allowed."),
    ],
)
def test_bad_input_is_refused_plainly_and_saves_nothing(client, supplier, data, message):
    response = client.post(SAVED, data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not SavedSearch.objects.exists()


def test_the_same_search_once_and_at_most_the_limit(client, supplier, monkeypatch):
    assert save(client, "asset_type=lighting_column").status_code == 302
    again = save(client, "asset_type=lighting_column&page=2", name="Again")
    assert again.status_code == 400 and "You have already saved this search." in again.content.decode()
    monkeypatch.setattr(saved_search_services, "SAVED_SEARCH_LIMIT", 1)
    full = save(client, "asset_type=cctv_column", name="More")
    assert full.status_code == 400 and "at most" in full.content.decode()
    assert SavedSearch.objects.count() == 1


def test_alerts_off_and_on_and_delete_are_ones_own(client, supplier, glasgow):
    save(client, "asset_type=lighting_column")
    search = SavedSearch.objects.get()
    assert client.post(reverse("finder:saved_alerts", args=[search.pk]), {}).status_code == 302
    search.refresh_from_db()
    assert not search.alerts
    client.post(reverse("finder:saved_alerts", args=[search.pk]), {"alerts": "on"})
    search.refresh_from_db()
    assert search.alerts
    other = Client()
    other.force_login(SupplierFactory())
    assert other.post(reverse("finder:saved_delete", args=[search.pk])).status_code == 404
    assert other.post(reverse("finder:saved_alerts", args=[search.pk]), {}).status_code == 404
    assert SavedSearch.objects.filter(pk=search.pk, alerts=True).exists()
    assert client.post(reverse("finder:saved_delete", args=[search.pk])).status_code == 302
    assert not SavedSearch.objects.exists()


def test_who_may_use_saved_searches(glasgow):
    anonymous = Client()
    response = anonymous.get(SAVED)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    assert anonymous.post(SAVED, {"name": "x", "query": ""}).status_code == 302
    officer = Client()
    officer.force_login(OfficerFactory(council=glasgow))
    assert officer.get(SAVED).status_code == 403
    assert officer.post(SAVED, {"name": "x", "query": ""}).status_code == 403
    assert not SavedSearch.objects.exists()


def test_forms_need_the_csrf_token(glasgow):
    client = Client(enforce_csrf_checks=True)
    client.force_login(SupplierFactory())
    assert client.post(SAVED, {"name": "x", "query": ""}).status_code == 403
    assert not SavedSearch.objects.exists()


def test_new_matching_sites_are_emailed_once(client, supplier, glasgow):
    AssetFactory(council=glasgow, reference="OLD-1")  # there before the search was saved
    save(client, "asset_type=lighting_column", name="Columns")
    quiet = SupplierFactory()
    saved_search_services.saved_search_create(user=quiet, name="Rooftops", query="asset_type=building_rooftop")
    off = SupplierFactory()
    saved_search_services.saved_search_create(user=off, name="Off", query="", alerts=False)
    AssetFactory(council=glasgow, reference="NEW-1", street="Ingram Street")
    AssetFactory(council=glasgow, reference="CAM-1", asset_type=AssetType.objects.get(code="cctv_column"))

    run = saved_search_alerts_send()
    assert (run.searches, run.emails, run.sites) == (2, 1, 1)
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == [supplier.email]
    assert email.subject == "1 new site for “Columns”"
    assert "- NEW-1: Lighting column, Ingram Street http://127.0.0.1:8000/sites/glasgow/NEW-1/" in email.body
    assert "OLD-1" not in email.body and "CAM-1" not in email.body
    assert "See them all: http://127.0.0.1:8000/sites/?asset_type=lighting_column" in email.body
    assert "To stop it: http://127.0.0.1:8000/sites/saved/" in email.body

    assert saved_search_alerts_send().emails == 0, "each new site is told once"
    AssetFactory(council=glasgow, reference="NEW-2")
    later = saved_search_alerts_send(now=timezone.now() + timedelta(seconds=1))
    assert later.emails == 1 and "NEW-2" in mail.outbox[-1].body and "NEW-1" not in mail.outbox[-1].body


def test_the_command_says_what_it_sent(client, supplier, glasgow):
    save(client, "asset_type=lighting_column", name="Columns")
    AssetFactory(council=glasgow, reference="NEW-1")
    out = StringIO()
    call_command("send_saved_search_alerts", stdout=out)
    assert out.getvalue().strip() == "1 saved searches checked; 1 emails sent, naming 1 new sites."
