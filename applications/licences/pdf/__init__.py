"""The licence PDF (reportlab platypus): `licence_pdf(document) -> bytes`.

Split by responsibility: `styles` (fonts embedded, colours, paragraph styles), `layout`
(A4 page, running header, "Page n of m"), `tables` (parties, summary box, schedule of
sites, fees, conditions, signatures), `plan` (a location plan per site), `terms` (the
standard terms per licence type) and `qr` (the verification page's QR code). Pure: no
database; `applications.licences.document` gathers the data.
"""

import io
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.platypus import CondPageBreak, Image, KeepTogether, PageBreak, Spacer, Table, TableStyle

from .data import LicenceDocument
from .layout import CONTENT_WIDTH, RunningText, document, numbered_canvas
from .plan import GREY, RED, WARD_LINE, location_plan, plan_extent
from .styles import styles
from .tables import conditions, fees_table, long_date, p, parties, pm, schedule_of_sites, signature_blocks, summary_box
from .terms import standard_terms

__all__ = ["LicenceDocument", "licence_pdf", "plan_extent"]

PLAN_SIZE = 180.0  # points: the square of the plan itself


LOGO_HEIGHT = 14 * mm


def _logo(png: bytes) -> list:
    """The council's logo at the top of the first page, its shape kept, at most LOGO_HEIGHT high."""
    if not png:
        return []
    reader = ImageReader(io.BytesIO(png))
    width, height = reader.getSize()
    logo = Image(io.BytesIO(png), width=LOGO_HEIGHT * width / height, height=LOGO_HEIGHT, hAlign="LEFT")
    return [logo, Spacer(1, 4)]


def _opening(doc: LicenceDocument) -> list:
    story = [
        *_logo(doc.licensor_logo_png),
        p(f"{doc.licence_type_label} licence", "title"),
        p("A licence to install and operate electronic communications equipment on council assets", "subtitle"),
        parties(doc),
        Spacer(1, 8),
        summary_box(doc),
        Spacer(1, 6),
        pm(
            f"Check this licence at <b>{escape(doc.verification_url)}</b>: the page says whether it is valid, "
            "revoked, expired or replaced, and shows the SHA-256 of the file as issued.",
            "small",
        ),
    ]
    if doc.replaces_number:
        verb = "renews" if doc.kind == "renewal" else "varies"
        reason = f" Reason: {doc.reason}" if doc.reason else ""
        story += [
            Spacer(1, 6),
            p(
                f"This licence {verb} licence {doc.replaces_number}, "
                f"which it replaces from {long_date(doc.starts_on)}.{reason}"
            ),
        ]
    return story


def _terms(doc: LicenceDocument) -> list:
    story = [p("Terms", "h1")]
    sections = standard_terms(doc.licence_type)
    if doc.licensor_conditions:
        own = [part.strip() for part in doc.licensor_conditions.split("\n\n") if part.strip()]
        sections = [*sections, (f"Special conditions of {doc.licensor_name}", own)]
    for number, (heading, paragraphs) in enumerate(sections, start=1):
        story.append(p(f"{number}. {heading}", "h2"))
        for i, text in enumerate(paragraphs, start=1):
            story.append(pm(f"{number}.{i}&nbsp;&nbsp;&nbsp;{escape(text)}", "clause"))
    return story


def _signatures(doc: LicenceDocument) -> list:
    return [
        CondPageBreak(60 * mm),
        KeepTogether(
            [
                p("Signatures", "h1"),
                p(
                    f"{doc.licensor_name} issued this licence on {long_date(doc.issued_on)}. The Licensee accepts it "
                    "by signing below, or by installing any equipment at a Site.",
                ),
                Spacer(1, 4),
                signature_blocks(doc),
            ]
        ),
    ]


def _legend() -> Table:
    from reportlab.graphics.shapes import Circle, Drawing, Line

    def symbol(*shapes) -> Drawing:
        drawing = Drawing(14, 10)
        for shape in shapes:
            drawing.add(shape)
        return drawing

    from reportlab.lib import colors

    items = [
        (symbol(Circle(7, 5, 3.5, fillColor=RED, strokeColor=colors.white)), "The licensed site"),
        (symbol(Circle(7, 5, 2.6, fillColor=colors.white, strokeColor=RED)), "Another site in this licence"),
        (symbol(Circle(7, 5, 1.7, fillColor=GREY, strokeColor=None)), "Another council asset"),
        (symbol(Line(1, 5, 13, 5, strokeColor=WARD_LINE, strokeWidth=1.1, strokeDashArray=[4, 2])), "Ward boundary"),
    ]
    row = []
    for drawing, text in items:
        row += [drawing, p(text, "small")]
    table = Table([row], colWidths=[w * mm for w in (5, 30, 5, 45, 5, 40, 5, 37)])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    return table


def _plans(doc: LicenceDocument) -> list:
    cells = []
    count = len(doc.sites)
    shapes = doc.site_shapes
    for i, (row, shape) in enumerate(zip(doc.sites, shapes, strict=True)):
        extent = plan_extent(shape)
        box = extent.box
        others = [s for j, s in enumerate(shapes) if j != i and _meets(s, box)]
        drawing = location_plan(
            site_bng=shape,
            reference=row.asset_reference,
            extent=extent,
            nearby=doc.surroundings.assets_in(box),
            wards=doc.surroundings.wards_in(box),
            others=others,
            size=PLAN_SIZE,
        )
        place = ", ".join(part for part in (row.street, row.ward_name) if part)
        caption = pm(
            f"<b>Plan {row.position} of {count}: {escape(row.asset_reference)}</b>"
            f"{', ' + escape(place) if place else ''}. "
            f"Centre E {row.easting:.0f}, N {row.northing:.0f}; {2 * extent.half:.0f} m across.",
            "caption",
        )
        cells.append([drawing, caption])
    if len(cells) % 2:
        cells.append("")
    rows = [cells[i : i + 2] for i in range(0, len(cells), 2)]
    table = Table(rows, colWidths=[CONTENT_WIDTH / 2] * 2)
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
            ]
        )
    )
    return [
        p("Schedule 4: location plans", "h1"),
        p(
            "One plan per site, drawn from the council's register in British National Grid (EPSG:27700) "
            "coordinates; grid lines are labelled in metres, north is grid north.",
            "small",
        ),
        Spacer(1, 3),
        _legend(),
        Spacer(1, 6),
        table,
    ]


def _meets(shape, box) -> bool:
    min_x, min_y, max_x, max_y = shape.bounds
    return max_x >= box[0] and min_x <= box[2] and max_y >= box[1] and min_y <= box[3]


def licence_pdf(doc: LicenceDocument) -> bytes:
    """The licence as PDF bytes."""
    styles()  # registers the fonts
    buffer = io.BytesIO()
    template = document(
        buffer,
        title=f"Licence {doc.number}",
        author=doc.licensor_name,
        subject=f"{doc.licence_type_label} licence for {doc.licensee_name}",
    )
    story = [
        *_opening(doc),
        *_terms(doc),
        *_signatures(doc),
        PageBreak(),
        p("Schedule 1: the Sites", "h1"),
        schedule_of_sites(doc),
        p("Schedule 2: fees", "h1"),
        *fees_table(doc),
        p("Schedule 3: conditions", "h1"),
        *conditions(doc),
        PageBreak(),
        *_plans(doc),
    ]
    running = RunningText(
        left_header=doc.licensor_name,
        right_header=f"{doc.licence_type_label} licence {doc.number}",
        left_footer=f"Licence {doc.number}. Check it at {doc.verification_url}",
        band_colour=doc.licensor_colour,
    )
    template.build(story, canvasmaker=numbered_canvas(running))
    return buffer.getvalue()
