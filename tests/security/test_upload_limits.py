"""An upload over its page's limit is refused before its body is read: 413 with a plain message."""

import io

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.test import RequestFactory

from portal.upload_limits import FORM_SLACK_BYTES, UploadSizeLimitMiddleware, upload_limit

pytestmark = pytest.mark.django_db


class Unreadable(io.RawIOBase):
    """A request body that fails the test if anything reads it."""

    def read(self, *args):
        raise AssertionError("the body was read")

    readinto = read


def _post(path: str, length: int):
    request = RequestFactory().post(path, data={}, content_type="multipart/form-data; boundary=x")
    request.META["CONTENT_LENGTH"] = str(length)
    request.META["wsgi.input"] = Unreadable()
    request._stream = Unreadable()
    request.user = AnonymousUser()
    return request


def _passed(request):
    return HttpResponse("reached the view")


@pytest.mark.parametrize(
    ("path", "limit_mb"),
    [("/applications/GCC-APP-2026-00001/documents/new/", 20), ("/admin/sites/asset/import/", 200)],
)
def test_an_upload_over_the_pages_limit_is_refused_unread(glasgow, settings, path, limit_mb):
    settings.APPLICATION_UPLOAD_MAX_BYTES = 20 * 1024 * 1024
    settings.ASSET_IMPORT_MAX_UPLOAD_MB = 200
    middleware = UploadSizeLimitMiddleware(_passed)
    too_big = limit_mb * 1024 * 1024 + FORM_SLACK_BYTES + 1
    response = middleware(_post(path, too_big))
    assert response.status_code == 413
    assert f"the largest you can upload here is {limit_mb} MB" in response.content.decode()
    assert middleware(_post(path, too_big - 2)).content == b"reached the view"


def test_limits_follow_the_settings(settings):
    settings.APPLICATION_UPLOAD_MAX_BYTES = 5 * 1024 * 1024
    settings.ASSET_IMPORT_MAX_UPLOAD_MB = 7
    assert upload_limit("applications:document_upload") == 5 * 1024 * 1024
    assert upload_limit("admin:sites_asset_import") == 7 * 1024 * 1024
    assert upload_limit("licences:verify") == 5 * 1024 * 1024


def test_a_real_oversized_document_upload_gets_the_page(client, glasgow, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.applications.factories import SubmittedApplicationFactory

    settings.APPLICATION_UPLOAD_MAX_BYTES = 1000
    application = SubmittedApplicationFactory(council=glasgow)
    client.force_login(application.supplier)
    big = SimpleUploadedFile(
        "big.pdf", b"%PDF-1.4\n" + b"0" * (FORM_SLACK_BYTES + 2000), content_type="application/pdf"
    )
    response = client.post(f"/applications/{application.reference}/documents/new/", {"kind": "drawing", "file": big})
    assert response.status_code == 413
    assert not application.documents.exists()


def test_a_document_is_served_as_an_attachment_not_sniffed_under_a_safe_name(client, glasgow):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from applications import services
    from applications.models import DocumentKind
    from tests.applications.factories import SubmittedApplicationFactory

    application = SubmittedApplicationFactory(council=glasgow)
    pdf = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
    hostile_name = '../../<script>"x".pdf'
    document = services.document_upload(
        application=application,
        by=application.supplier,
        file=SimpleUploadedFile(hostile_name, pdf, content_type="text/html"),
        kind=DocumentKind.DRAWING,
    )
    assert ".." not in document.file.name and "<" not in document.file.name, "stored under a random name"
    client.force_login(application.supplier)
    response = client.get(f"/applications/{application.reference}/documents/{document.pk}/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf", "the type its content is, not the one declared"
    assert response["X-Content-Type-Options"] == "nosniff"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;") and "/" not in disposition.split("filename", 1)[1]
    other = client.__class__()
    from tests.factories import SupplierFactory

    other.force_login(SupplierFactory())
    assert other.get(f"/applications/{application.reference}/documents/{document.pk}/").status_code == 404


@pytest.mark.parametrize("path", ["/applications/a%00b/answer/", "/rollout/wards/a%00b/", "/sites/glasgow/a%00b/"])
def test_a_nul_in_the_address_is_refused_plainly(client, glasgow, path):
    """Found by tests/security/test_fuzz.py on PostgreSQL, which cannot hold NUL in text: 500 before."""
    from tests.factories import SupplierFactory

    client.force_login(SupplierFactory())
    response = client.get(path)
    assert response.status_code == 400
    assert "not allowed (a NUL)" in response.content.decode()
