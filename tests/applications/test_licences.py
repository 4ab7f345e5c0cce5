"""Licences: the PDF read back, the recorded hash, immutability, revocation and replacement."""

import io
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from pypdf import PdfReader

from applications.licences.services import licence_revoke, licence_vary_or_renew
from applications.licences.verification import check_upload, licence_check_file, stored_file_matches
from applications.models import Licence, LicenceState
from tests.applications.licence_factories import licensed, spread_assets
from tests.factories import OfficerFactory, SupplierFactory

pytestmark = pytest.mark.django_db


def _text(licence: Licence) -> tuple[list[str], str]:
    with licence.pdf.open("rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    pages = [page.extract_text() for page in reader.pages]
    return pages, "\n".join(pages)


def test_issued_licence_pdf_names_number_parties_sites_and_fees(glasgow):
    application, licence = licensed(council=glasgow, site_count=3)
    pages, text = _text(licence)
    assert re.fullmatch(r"GCC-SC-\d{4}-\d{5}", licence.number)
    assert licence.number in text
    assert "Glasgow City Council" in text
    assert application.organisation.name in text
    assert application.organisation.companies_house_number in text
    for site in application.sites.all():
        assert site.asset.reference in text
    assert "£1,200.00" in text, "the annual fee per site from the fee schedule"
    assert f"/licences/{licence.number}/" in text, "the verification URL"
    assert all(f"Page {n} of {len(pages)}" in page for n, page in enumerate(pages, start=1))


def test_sixty_site_schedule_runs_over_pages_with_its_header_repeated(glasgow):
    application, licence = licensed(council=glasgow, site_count=60)
    pages, text = _text(licence)
    schedule_pages = [p for p in pages if "LC000001" in p or re.search(r"LC0000[2-6]\d", p)]
    header_pages = [p for p in schedule_pages if "Reference" in p and "Easting" in p]
    assert len(header_pages) >= 2, "the schedule spans pages and repeats its header row"
    for n in range(1, 61):
        assert f"LC{n:06d}" in text
    assert licence.schedule.count() == 60


def test_recorded_hash_matches_the_file_and_an_altered_copy_does_not(glasgow):
    _, licence = licensed(council=glasgow)
    assert stored_file_matches(licence)
    with licence.pdf.open("rb") as handle:
        original = handle.read()
    same = SimpleUploadedFile("copy.pdf", original, content_type="application/pdf")
    check_upload(same)
    assert licence_check_file(licence=licence, file=same).matches
    altered_bytes = original.replace(licence.number.encode(), licence.number[:-1].encode() + b"9", 1)
    if altered_bytes == original:
        altered_bytes = original + b"\n%"
    altered = SimpleUploadedFile("altered.pdf", altered_bytes, content_type="application/pdf")
    assert not licence_check_file(licence=licence, file=altered).matches


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "empty"), (b"MZ\x90\x00 not a pdf", "must be a PDF")],
    ids=["empty", "renamed executable"],
)
def test_verification_upload_refuses_bad_files(content, message):
    with pytest.raises(ValidationError, match=message):
        check_upload(SimpleUploadedFile("licence.pdf", content))


def test_verification_upload_refuses_a_huge_file(settings):
    settings.LICENCE_CHECK_MAX_BYTES = 1024
    with pytest.raises(ValidationError, match="smaller than"):
        check_upload(SimpleUploadedFile("licence.pdf", b"%PDF-" + b"0" * 2048))


def test_an_issued_licence_cannot_be_changed_in_the_database(glasgow):
    _, licence = licensed(council=glasgow)
    with pytest.raises(IntegrityError), transaction.atomic():
        Licence.objects.filter(pk=licence.pk).update(sha256="0" * 64)
    licence.refresh_from_db()
    assert stored_file_matches(licence)


def test_revocation_is_recorded_once_and_changes_the_state(glasgow):
    application, licence = licensed(council=glasgow)
    officer = OfficerFactory(council=glasgow)
    with pytest.raises(ValidationError, match="reason"):
        licence_revoke(licence=licence, reason="  ", by=officer)
    revoked = licence_revoke(licence=licence, reason="Fees unpaid", by=officer)
    assert revoked.state == LicenceState.REVOKED
    with pytest.raises(ValidationError, match="already revoked"):
        licence_revoke(licence=revoked, reason="Again", by=officer)


@pytest.mark.parametrize("who", ["supplier", "other_council_officer"])
def test_only_an_officer_of_the_council_may_revoke(glasgow, who):
    _, licence = licensed(council=glasgow)
    by = SupplierFactory() if who == "supplier" else OfficerFactory()
    with pytest.raises(PermissionDenied):
        licence_revoke(licence=licence, reason="No", by=by)
    licence.refresh_from_db()
    assert licence.revoked_at is None


def test_a_variation_is_a_new_licence_naming_the_one_it_replaces(glasgow):
    application, licence = licensed(council=glasgow, site_count=2)
    officer = OfficerFactory(council=glasgow)
    removed = licence.schedule.order_by("pk").first()
    new = licence_vary_or_renew(
        licence=licence,
        by=officer,
        kind="variation",
        reason="One column removed",
        remove_sites=[removed.asset_reference],
    )
    assert new.number != licence.number
    assert new.replaces == licence
    assert new.schedule.count() == 1
    assert licence.replacement == new
    _, text = _text(new)
    assert licence.number in text, "the new licence says which one it replaces"
    with pytest.raises(ValidationError, match="already been replaced"):
        licence_vary_or_renew(licence=licence, by=officer, kind="renewal", reason="Again")


def test_licence_numbers_are_unique_and_sequential_per_council_type_and_year(glasgow):
    _, first = licensed(council=glasgow)
    _, second = licensed(council=glasgow, assets=spread_assets(council=glasgow, count=1, start=500))
    prefix, sequence = first.number.rsplit("-", 1)
    assert second.number == f"{prefix}-{int(sequence) + 1:05d}"


def test_the_licensee_is_emailed_the_pdf_on_issue(glasgow, django_capture_on_commit_callbacks, mailoutbox):
    with django_capture_on_commit_callbacks(execute=True):
        application, licence = licensed(council=glasgow)
    licence_mails = [m for m in mailoutbox if licence.number in m.subject or licence.number in m.body]
    assert licence_mails, "an email names the licence"
    mail = licence_mails[-1]
    members = set(application.organisation.members.values_list("email", flat=True))
    assert set(mail.to) | set(mail.bcc) <= members and (set(mail.to) | set(mail.bcc))
    attachments = [a for a in mail.attachments if a[0].endswith(".pdf")]
    with licence.pdf.open("rb") as handle:
        assert attachments and attachments[0][1] == handle.read()
