"""The QR code of the verification page's URL, as an image in the PDF.

Made with the `qrcode` package at 8 pixels a module with its 4-module quiet zone, and
embedded as a lossless greyscale image: a phone reads it from print or screen, and the
tests read it back from the PDF (tests/applications/test_licences_pdf.py).
"""

import io

import qrcode
from qrcode.constants import ERROR_CORRECT_M
from reportlab.platypus import Image

PIXELS_PER_MODULE = 8


def qr_image(url: str, *, size_pt: float) -> Image:
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, box_size=PIXELS_PER_MODULE, border=4)
    code.add_data(url)
    code.make(fit=True)
    picture = code.make_image(fill_color="black", back_color="white").get_image().convert("L")
    png = io.BytesIO()
    picture.save(png, format="PNG")
    png.seek(0)
    return Image(png, width=size_pt, height=size_pt)
