"""Document uploads: PDF and images only, judged by content; not empty; not too big; stored privately."""

import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from reportlab.pdfgen import canvas

from applications import services
from applications.models import ApplicationDocument, DocumentKind, EventAction
from applications.selectors import document_get_for
from applications.transitions import TransitionNotAllowed
from applications.uploads import upload_check
from tests.applications.factories import ApplicationFactory, RefusedApplicationFactory, SubmittedApplicationFactory
from tests.factories import SupplierFactory

pytestmark = pytest.mark.django_db


def pdf_bytes() -> bytes:
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    page.drawString(72, 720, "Mounting bracket, drawing 1 of 1")
    page.save()
    return buffer.getvalue()


def image_bytes(fmt: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "#1d70b8").save(buffer, format=fmt)
    return buffer.getvalue()


# A Windows executable header (MZ ... PE) and an ELF binary, under innocent names.
WINDOWS_EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 44 + b"\x80\x00\x00\x00"
ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 56


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def test_a_real_pdf_is_stored_under_a_random_name_outside_static():
    application = ApplicationFactory()
    document = services.document_upload(
        application=application,
        by=application.supplier,
        file=upload("Bracket drawing.pdf", pdf_bytes()),
        kind="drawing",
    )
    assert (document.content_type, document.original_name) == ("application/pdf", "Bracket drawing.pdf")
    assert document.size_bytes == len(pdf_bytes())
    path = Path(document.file.path)
    assert path.is_file()
    assert path.is_relative_to(Path(settings.MEDIA_ROOT))
    assert not path.is_relative_to(Path(settings.STATIC_ROOT))
    assert "Bracket" not in path.name
    assert path.suffix == ".pdf"
    assert len(path.stem) == 32
    event = application.events.get(action=EventAction.DOCUMENT_ADDED)
    assert (event.actor, event.comment) == (application.supplier, "Drawing: Bracket drawing.pdf")


@pytest.mark.parametrize(
    ("fmt", "content_type", "suffix"), [("PNG", "image/png", ".png"), ("JPEG", "image/jpeg", ".jpg")]
)
def test_images_are_accepted_and_stored_with_the_extension_of_their_content(fmt, content_type, suffix):
    application = ApplicationFactory()
    document = services.document_upload(
        application=application, by=application.supplier, file=upload("photo.pdf", image_bytes(fmt)), kind="photo"
    )
    assert document.content_type == content_type
    assert document.file.name.endswith(suffix)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("drawing.pdf", WINDOWS_EXE + b"\x00" * 400, "must be a PDF, PNG or JPEG"),
        ("photo.png", ELF + b"\x00" * 400, "must be a PDF, PNG or JPEG"),
        ("drawing.pdf", b"<html><script>alert(1)</script></html>", "must be a PDF, PNG or JPEG"),
        ("drawing.pdf", b"PK\x03\x04" + b"\x00" * 100, "must be a PDF, PNG or JPEG"),  # a zip (or .docx)
        ("empty.pdf", b"", "The selected file is empty."),
    ],
)
def test_bad_files_are_refused_and_nothing_is_stored(name, content, message):
    application = ApplicationFactory()
    with pytest.raises(ValidationError, match=message) as exc:
        services.document_upload(
            application=application, by=application.supplier, file=upload(name, content), kind="drawing"
        )
    assert list(exc.value.message_dict) == ["file"]
    assert not ApplicationDocument.objects.exists()
    assert not application.events.filter(action=EventAction.DOCUMENT_ADDED).exists()
    media = Path(settings.MEDIA_ROOT)
    assert not media.exists() or not any(p.is_file() for p in media.rglob("*"))


def test_an_oversized_file_is_refused(settings):
    settings.APPLICATION_UPLOAD_MAX_BYTES = 1024 * 1024
    big = b"%PDF-1.4\n" + b"0" * (1024 * 1024)
    with pytest.raises(ValidationError, match="must be smaller than 1 MB"):
        upload_check(upload("big.pdf", big))
    assert upload_check(upload("ok.pdf", big[: 1024 * 1024])) == ("application/pdf", 1024 * 1024)


def test_the_default_limit_is_20_mb():
    assert settings.APPLICATION_UPLOAD_MAX_BYTES == 20 * 1024 * 1024


def test_a_plain_file_object_can_be_checked():
    assert upload_check(io.BytesIO(image_bytes("PNG"))) == ("image/png", len(image_bytes("PNG")))


def test_only_the_parties_upload_and_not_once_closed():
    application = SubmittedApplicationFactory()
    with pytest.raises(PermissionDenied):
        services.document_upload(
            application=application, by=SupplierFactory(), file=upload("a.pdf", pdf_bytes()), kind="drawing"
        )
    officer_doc = services.document_upload(
        application=application,
        by=application.officer,
        file=upload("site visit.jpg", image_bytes("JPEG")),
        kind="photo",
    )
    assert officer_doc.uploaded_by == application.officer
    refused = RefusedApplicationFactory()
    with pytest.raises(TransitionNotAllowed, match="refused"):
        services.document_upload(
            application=refused, by=refused.supplier, file=upload("a.pdf", pdf_bytes()), kind="drawing"
        )
    with pytest.raises(ValidationError, match="what kind of document"):
        services.document_upload(
            application=application, by=application.supplier, file=upload("a.pdf", pdf_bytes()), kind="novel"
        )


def test_documents_are_served_only_to_the_parties(django_capture_on_commit_callbacks):
    application = ApplicationFactory()
    document = services.document_upload(
        application=application,
        by=application.supplier,
        file=upload("calc.pdf", pdf_bytes()),
        kind=DocumentKind.STRUCTURAL_CALCULATION,
    )
    assert document_get_for(user=application.supplier, pk=document.pk) == document
    assert document_get_for(user=SupplierFactory(), pk=document.pk) is None
    assert document_get_for(user=application.officer, pk=document.pk) is None  # still a draft
    path = Path(document.file.path)
    with django_capture_on_commit_callbacks(execute=True):
        services.document_delete(document=document, by=application.supplier)
    assert not path.exists()
    assert application.events.filter(action=EventAction.DOCUMENT_REMOVED).count() == 1
