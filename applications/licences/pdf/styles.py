"""Fonts, colours and paragraph styles of the licence PDF.

The fonts are Bitstream Vera, the TrueType fonts reportlab itself ships (reportlab/fonts),
so a fresh machine needs nothing else; reportlab embeds the subset each PDF uses, and
the text stays real text (searchable, selectable).
"""

from functools import cache
from pathlib import Path

import reportlab
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT = "PortalSans"
BOLD = "PortalSans-Bold"
ITALIC = "PortalSans-Italic"
BOLD_ITALIC = "PortalSans-BoldItalic"
FONT_FILES = {FONT: "Vera.ttf", BOLD: "VeraBd.ttf", ITALIC: "VeraIt.ttf", BOLD_ITALIC: "VeraBI.ttf"}

BRAND = colors.HexColor("#106165")  # static/scss/_brand.scss
INK = colors.HexColor("#0b0c0c")
MUTED = colors.HexColor("#505a5f")
RED = colors.HexColor("#d4351c")
RULE = colors.HexColor("#b1b4b6")
TINT = colors.HexColor("#f3f2f1")
BRAND_TINT = colors.HexColor("#e7f0f0")


@cache
def register_fonts() -> None:
    """Register the four faces once per process."""
    folder = Path(reportlab.__file__).parent / "fonts"
    for name, filename in FONT_FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(folder / filename)))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=BOLD, italic=ITALIC, boldItalic=BOLD_ITALIC)


def _style(name: str, **kwargs) -> ParagraphStyle:
    base = {"fontName": FONT, "fontSize": 9.5, "leading": 13, "textColor": INK, "alignment": TA_LEFT}
    base.update(kwargs)
    return ParagraphStyle(name, **base)


@cache
def styles() -> dict[str, ParagraphStyle]:
    register_fonts()
    return {
        "title": _style("title", fontName=BOLD, fontSize=19, leading=23, textColor=BRAND, spaceAfter=2),
        "subtitle": _style("subtitle", fontSize=11, leading=15, textColor=MUTED, spaceAfter=8),
        "h1": _style(
            "h1", fontName=BOLD, fontSize=13, leading=17, textColor=BRAND, spaceBefore=10, spaceAfter=5, keepWithNext=1
        ),
        "h2": _style("h2", fontName=BOLD, fontSize=10.5, leading=14, spaceBefore=7, spaceAfter=3, keepWithNext=1),
        "body": _style("body", spaceAfter=5),
        "small": _style("small", fontSize=8, leading=10.5, textColor=MUTED),
        "clause": _style("clause", fontSize=8.8, leading=11.8, leftIndent=20, firstLineIndent=-20, spaceAfter=3.5),
        "cell": _style("cell", fontSize=7.3, leading=9),
        "cell_bold": _style("cell_bold", fontName=BOLD, fontSize=7.3, leading=9),
        "head": _style("head", fontName=BOLD, fontSize=7.3, leading=9, textColor=colors.white),
        "head_right": _style(
            "head_right", fontName=BOLD, fontSize=7.3, leading=9, textColor=colors.white, alignment=TA_RIGHT
        ),
        "label": _style("label", fontName=BOLD, fontSize=8.5, leading=11),
        "value": _style("value", fontSize=8.5, leading=11),
        "caption": _style("caption", fontSize=7.5, leading=9.5, textColor=INK),
        "party": _style("party", fontSize=9.5, leading=12.5),
    }
