"""The page: A4 portrait, a running header and a footer with "Page n of m" on every page.

"of m" is known only at the end: NumberedCanvas keeps each page's drawing state and
writes the header and footer on all of them when the document is saved (one pass of
the layout, not two).
"""

from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

from .styles import BOLD, BRAND, FONT, MUTED, RULE

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_X = 18 * mm
MARGIN_TOP = 22 * mm
MARGIN_BOTTOM = 20 * mm
CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN_X


@dataclass(frozen=True)
class RunningText:
    """What the header and footer say."""

    left_header: str
    right_header: str
    left_footer: str
    band_colour: str = ""  # "#rrggbb": a band in the council's colour across the top of every page


def numbered_canvas(running: RunningText):
    """A canvas class that writes the running header and "Page n of m" on every page."""

    class NumberedCanvas(canvas.Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

        def showPage(self):  # noqa: N802 - reportlab's name
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                self._running(number, total)
                super().showPage()
            super().save()

        def _running(self, number: int, total: int) -> None:
            self.saveState()
            if running.band_colour:
                self.setFillColor(colors.HexColor(running.band_colour))
                self.rect(0, PAGE_HEIGHT - 5 * mm, PAGE_WIDTH, 5 * mm, stroke=0, fill=1)
            top = PAGE_HEIGHT - 12 * mm
            self.setFont(BOLD, 8)
            self.setFillColor(BRAND)
            self.drawString(MARGIN_X, top, running.left_header)
            self.setFont(FONT, 8)
            self.setFillColor(MUTED)
            self.drawRightString(PAGE_WIDTH - MARGIN_X, top, running.right_header)
            self.setStrokeColor(RULE)
            self.setLineWidth(0.5)
            self.line(MARGIN_X, top - 3 * mm, PAGE_WIDTH - MARGIN_X, top - 3 * mm)
            bottom = 11 * mm
            self.line(MARGIN_X, bottom + 4 * mm, PAGE_WIDTH - MARGIN_X, bottom + 4 * mm)
            self.setFont(FONT, 7.5)
            self.drawString(MARGIN_X, bottom, running.left_footer)
            self.setFont(BOLD, 8)
            self.setFillColor(BRAND)
            self.drawRightString(PAGE_WIDTH - MARGIN_X, bottom, f"Page {number} of {total}")
            self.restoreState()

    return NumberedCanvas


def document(buffer, *, title: str, author: str, subject: str) -> BaseDocTemplate:
    doc = BaseDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN_X,
        rightMargin=MARGIN_X,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        title=title,
        author=author,
        subject=subject,
        creator="Telecoms Site Portal",
        producer="Telecoms Site Portal (reportlab)",
    )
    frame = Frame(MARGIN_X, MARGIN_BOTTOM, CONTENT_WIDTH, PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM, id="body")
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    return doc
