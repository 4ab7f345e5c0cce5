"""A form that creates something, sent twice, creates it once (portal.once); at the same moment too."""

import re

import pytest
from django.db import connection

from applications import services
from applications.models import Application
from portal.models import FormSubmission
from portal.once import AlreadyDone, once
from tests.applications.test_concurrency import _race
from tests.factories import AssetFactory, SupplierFactory


def _form(client, asset) -> dict:
    html = client.get(f"/applications/new/?asset={asset.pk}").content.decode()
    token = re.search(r'name="once" value="([^"]+)"', html).group(1)
    return {"asset": [str(asset.pk)], "application_type": "small_cell", "once": token}


@pytest.mark.django_db
def test_the_new_application_form_sent_twice_makes_one_draft(client, glasgow):
    supplier = SupplierFactory()
    client.force_login(supplier)
    asset = AssetFactory(council=glasgow)
    data = _form(client, asset)
    first = client.post("/applications/new/", data)
    again = client.post("/applications/new/", data, follow=True)
    application = Application.objects.get()
    assert first.status_code == 302 and first["Location"] == f"/applications/{application.reference}/"
    assert again.redirect_chain[0][0] == first["Location"], "sent to the draft the first made"
    assert "You sent this form twice; the draft was saved once." in again.content.decode()
    assert FormSubmission.objects.get().url == first["Location"]
    # A fresh form (a new page) is a new draft.
    assert client.post("/applications/new/", _form(client, asset)).status_code == 302
    assert Application.objects.count() == 2


@pytest.mark.django_db
def test_a_refused_form_keeps_its_token_for_the_corrected_one(client, glasgow):
    client.force_login(SupplierFactory())
    asset = AssetFactory(council=glasgow)
    data = _form(client, asset)
    refused = client.post("/applications/new/", data | {"references": "NO-SUCH-SITE"})
    assert refused.status_code == 200 and not Application.objects.exists()
    assert f'name="once" value="{data["once"]}"' in refused.content.decode(), "the same form, the same token"
    assert client.post("/applications/new/", data).status_code == 302
    assert Application.objects.count() == 1


@pytest.mark.django_db
def test_a_token_is_its_users_alone(glasgow):
    alice, bob = SupplierFactory(), SupplierFactory()
    once(user=alice, token="t" * 20, create=lambda: "/alice/")
    with pytest.raises(AlreadyDone) as done:
        once(user=bob, token="t" * 20, create=lambda: "/bob/")
    assert done.value.url == "", "nobody learns where another person's object is"


@pytest.mark.django_db(transaction=True)
def test_two_sends_at_the_same_moment_make_one_draft(glasgow):
    supplier = SupplierFactory()
    asset = AssetFactory(council=glasgow)

    def send():
        return once(
            user=supplier,
            token="same-token-0123456789",
            create=lambda: (
                services.application_create(by=supplier, application_type="small_cell", assets=[asset]).reference
            ),
        )

    results = _race([send, send])
    made = [r for r in results if isinstance(r, str)]
    if connection.vendor == "postgresql":  # the second waits on the unique token, then is sent to the first
        assert len(made) == 1 and Application.objects.count() == 1
        assert isinstance([r for r in results if r not in made][0], AlreadyDone)
    else:  # SQLite's shared-cache test database refuses a second writer outright: never two drafts
        assert len(made) <= 1 and Application.objects.count() == len(made)
