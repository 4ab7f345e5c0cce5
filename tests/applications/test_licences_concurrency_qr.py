"""Licence numbers under concurrent issuing, and the QR code read back from the PDF."""

import io

import pytest
import zxingcpp
from django.db import OperationalError, connection, transaction
from pypdf import PdfReader

from applications.licences.links import verification_url
from applications.licences.numbering import licence_number_next
from tests.applications.licence_factories import licensed
from tests.applications.test_concurrency import _race


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
