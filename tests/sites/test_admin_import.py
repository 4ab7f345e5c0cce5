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


def _preview(client, content, name="columns.gpkg", **fields):
    data = {
        "file": _upload(content, name),
        "asset_type": AssetType.objects.get(code="lighting_column").pk,
        "_preview": "1",
    }
    return client.post(IMPORT_URL, data | fields)


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
        assert _preview(client, gpkg).status_code == status
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
    client.post(IMPORT_URL, {"token": response.context["pending"]["token"], "_confirm": "1"})
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
    client.post(IMPORT_URL, {"token": response.context["pending"]["token"], "_confirm": "1"})
    assert Asset.objects.filter(council=glasgow).count() == 3
