"""Licence numbers under concurrent issuing, and the QR code read back from the PDF."""

import io

import pytest
import zxingcpp
from django.db import OperationalError, connection, transaction
from pypdf import PdfReader

from applications import services
from applications.licences.links import verification_url
from applications.licences.numbering import licence_number_next
from applications.models import Licence
from tests.applications.factories import ApprovedApplicationFactory
from tests.applications.licence_factories import approved, licensed, spread_assets
from tests.applications.test_concurrency import _race
from tests.factories import OfficerFactory


@pytest.mark.django_db
def test_the_qr_code_in_the_pdf_decodes_to_the_verification_url(glasgow):
    _, licence = licensed(council=glasgow)
    with licence.pdf.open("rb") as handle:
        first_page = PdfReader(io.BytesIO(handle.read())).pages[0]
    decoded = [code.text for image in first_page.images for code in zxingcpp.read_barcodes(image.image)]
    assert decoded == [verification_url(licence.number)]
    assert decoded[0].endswith(f"/licences/{licence.number}/")


@pytest.mark.django_db(transaction=True)
def test_numbers_taken_at_once_are_never_the_same(glasgow):
    def take():
        with transaction.atomic():
            return licence_number_next(council=glasgow, licence_type="small_cell", year=2027)

    results = _race([take, take, take, take])
    numbers = [r for r in results if isinstance(r, str)]
    refused = [r for r in results if isinstance(r, Exception)]
    assert len(numbers) == len(set(numbers)), f"a number was given twice: {numbers}"
    assert all(n.startswith("GCC-SC-2027-") for n in numbers)
    if connection.vendor == "postgresql":
        # Row locks: every issuer waits its turn and gets the next number.
        assert sorted(numbers) == [f"GCC-SC-2027-{n:05d}" for n in range(1, 5)]
    else:
        # The in-memory SQLite test database refuses a second writer outright rather than
        # making it wait; whoever is refused gets no number, and none is duplicated.
        assert numbers, "at least one issuer gets a number"
        assert all(isinstance(r, OperationalError) for r in refused)


@pytest.mark.django_db(transaction=True)
def test_two_officers_issuing_at_once_get_consecutive_numbers(glasgow):
    """The whole issue (transition, number, PDF, file, rows) for two applications at the same moment."""
    first = approved(council=glasgow)
    second = ApprovedApplicationFactory(council=glasgow, assets=spread_assets(council=glasgow, count=1, start=50))
    colleague = OfficerFactory(council=glasgow)

    def issue(application, by):
        return lambda: services.application_issue_licence(application=application, by=by)

    results = _race([issue(first, first.officer), issue(second, colleague)])
    numbers = sorted(Licence.objects.values_list("number", flat=True))
    assert len(numbers) == len(set(numbers))
    if connection.vendor == "postgresql":
        assert not [r for r in results if isinstance(r, Exception)], results
        year = numbers[0].split("-")[2]
        assert numbers == [f"GCC-SC-{year}-00001", f"GCC-SC-{year}-00002"]
    else:
        assert numbers, "at least one licence is issued"
        assert all(isinstance(r, OperationalError) for r in results if isinstance(r, Exception))
