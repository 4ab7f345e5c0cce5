"""The officers' import in the admin: who may use it, preview then confirm, bad uploads."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sites.models import Asset, AssetType
from tests.factories import (
    CouncilAdminFactory,
    CouncilFactory,
    OfficerFactory,
    SupplierFactory,
    SystemAdminFactory,
    asset_frame,
    write_asset_file,
)

pytestmark = pytest.mark.django_db

IMPORT_URL = reverse("admin:sites_asset_import")
CHANGELIST_URL = reverse("admin:sites_asset_changelist")


@pytest.fixture(autouse=True)
def uploads(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT / "imports"


@pytest.fixture
def edinburgh():
    """A council whose area holds none of the Glasgow points."""
    return CouncilFactory(
        name="City of Edinburgh Council",
        slug="edinburgh",
        min_longitude=-3.45,
        min_latitude=55.85,
        max_longitude=-3.05,
        max_latitude=56.0,
    )


@pytest.fixture
def users(glasgow, edinburgh):
    return {
        "anonymous": None,
        "supplier": SupplierFactory(),
        "officer": OfficerFactory(council=glasgow),
        "other_officer": OfficerFactory(council=edinburgh),
        "council_admin": CouncilAdminFactory(council=glasgow),
        "system_admin": SystemAdminFactory(),
    }


@pytest.fixture
def gpkg(tmp_path):
    path = write_asset_file(asset_frame(), tmp_path / "columns.gpkg", crs="EPSG:27700")
    return path.read_bytes()


def _upload(content: bytes, name: str = "columns.gpkg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def _preview(client, content, name="columns.gpkg", follow=True, **fields):
    """Upload for a preview; the dry run's page (its run page, once it has finished: tests run it in the request)."""
    data = {
        "file": _upload(content, name),
        "asset_type": AssetType.objects.get(code="lighting_column").pk,
        "_preview": "1",
    }
    return client.post(IMPORT_URL, data | fields, follow=follow)


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 302),
        ("supplier", 403),
        ("officer", 200),
        ("other_officer", 200),
        ("council_admin", 200),
        ("system_admin", 200),
    ],
)
def test_import_page_per_role(client, users, gpkg, uploads, role, status):
    if users[role] is not None:
        client.force_login(users[role])
    response = client.get(IMPORT_URL)
    assert response.status_code == status
    if status in (302, 403):
        if status == 302:
            assert "/admin/login/" in response["Location"]
        assert _preview(client, gpkg, follow=False).status_code == status
        assert not uploads.exists() or not any(uploads.iterdir())
    else:
        assert b"Preview the import" in response.content
        assert (b'name="council"' in response.content) == (role == "system_admin")
    assert Asset.objects.count() == 0


def test_changelist_links_to_the_import(client, users):
    client.force_login(users["officer"])
    assert IMPORT_URL.encode() in client.get(CHANGELIST_URL).content


def test_preview_then_confirm(client, users, gpkg, uploads, glasgow):
    officer = users["officer"]
    client.force_login(officer)
    response = _preview(client, gpkg)
    assert response.status_code == 200
    assert b"Preview of columns.gpkg" in response.content
    assert b"Confirm: import 3 new and 0 changed assets" in response.content
    assert Asset.objects.count() == 0
    stored = list(uploads.iterdir())
    assert len(stored) == 1 and stored[0].name != "columns.gpkg" and stored[0].suffix == ".gpkg"
    token = response.context["pending"]["token"]

    response = client.post(IMPORT_URL, {"token": token, "_confirm": "1"})
    run_url = reverse("admin:sites_asset_import_run", args=[token])
    assert response.status_code == 302 and response["Location"] == run_url, "the write runs apart, on its page"
    response = client.get(run_url)
    assert response.status_code == 302 and response["Location"] == CHANGELIST_URL
    assert Asset.objects.filter(council=glasgow).count() == 3
    assert set(Asset.history.values_list("history_user", flat=True)) == {officer.pk}
    assert not any(uploads.iterdir())
    messages = [str(m) for m in response.wsgi_request._messages]
    assert messages == ["Imported columns.gpkg: 3 created, 0 updated, 0 unchanged, 0 rows left out."]

    # The same confirmation again is refused: the pending import is gone.
    response = client.post(IMPORT_URL, {"token": token, "_confirm": "1"})
    assert response.status_code == 302 and response["Location"] == IMPORT_URL
    assert Asset.objects.count() == 3


def test_rejected_rows_cannot_be_confirmed_unless_left_out(client, users, tmp_path, uploads):
    content = write_asset_file(asset_frame(height_m=[1.0, -2.0, 3.0]), tmp_path / "h.csv").read_bytes()
    client.force_login(users["officer"])
    response = _preview(client, content, "h.csv")
    assert b"row 3" not in response.content  # the table shows the number and the reason apart
    assert b"<td>3</td><td>KG-002: height (m): must not be negative (it is -2.0)</td>" in response.content
    assert b"_confirm" not in response.content
    assert not any(uploads.iterdir())
    response = _preview(client, content, "h.csv", skip_invalid="on")
    client.post(IMPORT_URL, {"token": response.context["pending"]["token"], "_confirm": "1"}, follow=True)
    assert sorted(Asset.objects.values_list("reference", flat=True)) == ["GS-001", "QP-003"]


def test_cancel_deletes_the_upload(client, users, gpkg, uploads):
    client.force_login(users["council_admin"])
    _preview(client, gpkg)
    assert len(list(uploads.iterdir())) == 1
    assert client.post(IMPORT_URL, {"_cancel": "1"}).status_code == 302
    assert not any(uploads.iterdir())
    assert Asset.objects.count() == 0


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"not a geopackage", "columns.gpkg", b"columns.gpkg could not be read as a GeoPackage"),
        (b"reference,name\nA1,x\n", "columns.csv", b"columns.csv has no coordinate columns"),
        (b"%PDF-1.7", "columns.pdf", b"Upload a GeoPackage (.gpkg), a zipped Shapefile"),
    ],
)
def test_bad_uploads_show_an_error_and_keep_nothing(client, users, uploads, content, name, message):
    client.force_login(users["officer"])
    response = _preview(client, content, name)
    assert response.status_code == 200
    assert message in response.content
    assert not uploads.exists() or not any(uploads.iterdir())
    assert Asset.objects.count() == 0


def test_upload_size_is_limited(client, users, gpkg, settings):
    settings.ASSET_IMPORT_MAX_UPLOAD_MB = 0
    client.force_login(users["officer"])
    response = _preview(client, gpkg)
    assert b"The file is larger than 0 MB" in response.content
    assert Asset.objects.count() == 0


def test_other_councils_officer_imports_only_into_their_own(client, users, gpkg, glasgow):
    client.force_login(users["other_officer"])
    response = _preview(client, gpkg, council=glasgow.pk)  # a forged council field is ignored
    assert b"inside City of Edinburgh Council&#x27;s area" in response.content
    assert Asset.objects.count() == 0


def test_system_admin_chooses_the_council(client, users, gpkg, glasgow):
    client.force_login(users["system_admin"])
    response = _preview(client, gpkg)
    assert b"This field is required" in response.content
    response = _preview(client, gpkg, council=glasgow.pk)
    client.post(IMPORT_URL, {"token": response.context["pending"]["token"], "_confirm": "1"}, follow=True)
    assert Asset.objects.filter(council=glasgow).count() == 3


def test_a_running_import_shows_its_progress_and_refreshes(client, users, gpkg, settings, monkeypatch):
    """While the run is going, its page shows rows read, checked, written and rejected, and refreshes."""
    from sites.io import runs
    from sites.io.progress import ImportProgress

    started = []
    monkeypatch.setattr(runs, "_run", lambda token, job, dry_run: started.append(token))  # still "running"
    client.force_login(users["officer"])
    response = _preview(client, gpkg)
    token = started[0]
    runs._write(
        token,
        {
            "state": "running",
            "dry_run": True,
            "progress": ImportProgress(stage="checking", total=3, read=3, checked=2, rejected=1).as_dict(),
        },
    )
    response = client.get(reverse("admin:sites_asset_import_run", args=[token]))
    html = response.content.decode()
    assert response.status_code == 200
    assert '<meta http-equiv="refresh" content="2">' in html
    assert "<strong>Checking rows</strong>" in html
    assert '<tr><th scope="row">Rows read</th><td>3</td></tr>' in html
    assert '<tr><th scope="row">Rows checked</th><td>2 of 3</td></tr>' in html
    assert '<tr><th scope="row">Rows rejected</th><td>1</td></tr>' in html
    assert "_confirm" not in html, "nothing to confirm until the preview has finished"
    assert client.post(IMPORT_URL, {"token": token, "_confirm": "1"}).headers["Location"] == IMPORT_URL


def test_a_run_page_is_only_for_whoever_started_it(client, users, gpkg):
    client.force_login(users["officer"])
    token = _preview(client, gpkg).context["pending"]["token"]
    other = client.__class__()
    other.force_login(users["council_admin"])
    response = other.get(reverse("admin:sites_asset_import_run", args=[token]))
    assert response.status_code == 302 and response["Location"] == IMPORT_URL
    for bad in ("../../etc/passwd", "x" * 500, "0" * 32 + ".exe"):
        assert client.get(f"{IMPORT_URL}{bad}/").status_code in (302, 404)


def test_a_run_that_stopped_without_finishing_says_so_and_writes_nothing(client, users, gpkg, monkeypatch):
    import os
    import time

    from sites.io import runs

    started = []
    monkeypatch.setattr(runs, "_run", lambda token, job, dry_run: started.append(token))
    client.force_login(users["officer"])
    _preview(client, gpkg)
    path = runs._status_path(started[0])
    old = time.time() - runs.STALE_AFTER_SECONDS - 5
    os.utime(path, (old, old))
    response = client.get(reverse("admin:sites_asset_import_run", args=[started[0]]))
    assert b"The import stopped without finishing" in response.content
    assert Asset.objects.count() == 0


@pytest.mark.parametrize("object_id", ["true", "-4.3,55.8", '"><img src=x>', "9" * 30])
def test_an_assets_history_with_a_malformed_id_is_not_found(client, users, object_id):
    """Found by tests/security/test_fuzz.py: django-simple-history answered 500 to a non-numeric id."""
    client.force_login(users["officer"])
    assert client.get(reverse("admin:sites_asset_history", args=[object_id])).status_code == 404
