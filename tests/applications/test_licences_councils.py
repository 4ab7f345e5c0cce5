"""Each council's own licence: its initials in the number, its special conditions, colour and logo in the PDF,
its name at the foot of every email about its applications."""

import io
import re

import pytest
from pypdf import PdfReader
from reportlab.lib.rl_accel import fp_str

from applications.services.notify import notify
from tests.applications.licence_factories import licensed
from tests.factories import CouncilFactory
from tests.portal.test_branding import png

pytestmark = pytest.mark.django_db

VALLEY_CONDITIONS = (
    "The Licensee keeps a copy of this licence at the Clyde Valley depot.\n\n"
    "Equipment on the Valley Road bridge is painted heritage green."
)


@pytest.fixture
def valley():
    return CouncilFactory(
        name="Clyde Valley Council",
        slug="clyde-valley",
        initials="CVC",
        contact_email="estates@clydevalley.example",
        brand_colour="#00703c",
        logo_png=png(),
        licence_conditions=VALLEY_CONDITIONS,
    )


def read(licence) -> PdfReader:
    with licence.pdf.open("rb") as handle:
        return PdfReader(io.BytesIO(handle.read()))


def text_of(reader: PdfReader) -> str:
    return re.sub(r"\s+", " ", "\n".join(page.extract_text() for page in reader.pages))


def logos(page) -> int:
    """Images of the logo's size (40 x 20 pixels; the QR code is the page's other image)."""
    return sum(1 for image in page.images if image.image.size == (40, 20))


def band_fill(colour: str) -> str:
    """The fill operator reportlab writes for the colour, as in the page's content stream."""
    return fp_str(*(int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))) + " rg"


def test_a_councils_licence_carries_its_number_conditions_logo_and_colour(valley):
    _, licence = licensed(council=valley)
    assert licence.number.startswith("CVC-")
    reader = read(licence)
    text = text_of(reader)
    assert "Special conditions of Clyde Valley Council" in text
    assert "Clyde Valley depot" in text and "heritage green" in text
    assert logos(reader.pages[0]) == 1, "the council's logo on the first page"
    contents = [page.get_contents().get_data().decode("latin-1") for page in reader.pages]
    assert all(band_fill("#00703c") in page for page in contents), "the band in the council's colour on every page"


def test_another_councils_licence_has_its_own_colour_and_no_conditions_or_logo(glasgow, valley):
    _, licence = licensed(council=glasgow)
    reader = read(licence)
    text = text_of(reader)
    assert "Special conditions" not in text and "Clyde Valley" not in text
    assert logos(reader.pages[0]) == 0
    assert band_fill(glasgow.brand_colour) in reader.pages[0].get_contents().get_data().decode("latin-1")


def test_emails_are_signed_with_the_applications_council(valley, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        application, licence = licensed(council=valley)
        notify(application=application, side="applicant", text="A test of the signature")
    assert mailoutbox
    for mail in mailoutbox:
        assert mail.body.rstrip().endswith(
            "This message was sent by the Telecoms Site Portal for Clyde Valley Council. "
            "Contact the council at estates@clydevalley.example."
        ), mail.subject
    assert any(licence.number in mail.subject for mail in mailoutbox)
