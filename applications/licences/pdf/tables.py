"""The licence's tables: parties, summary box, schedule of sites, fees, conditions, signatures."""

import re
from collections import defaultdict
from decimal import Decimal
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

from .data import LicenceDocument
from .layout import CONTENT_WIDTH
from .qr import qr_image
from .styles import BOLD, BRAND, BRAND_TINT, FONT, INK, MUTED, RULE, TINT, styles

TO_BE_CONFIRMED = "to be confirmed"


def money(value: Decimal | None) -> str:
    return TO_BE_CONFIRMED if value is None else f"£{value:,.2f}"


def long_date(day) -> str:
    return f"{day.day} {day:%B %Y}"


def breakable(name: str) -> str:
    """Ward names such as Anderston/City/Yorkhill may wrap at the slashes (a narrow column)."""
    return re.sub(r"\s*/\s*", " / ", name)


def p(text: str, style: str = "body") -> Paragraph:
    """A paragraph of plain text (escaped); `<b>` etc. only through pm()."""
    return Paragraph(escape(text), styles()[style])


def pm(markup: str, style: str = "body") -> Paragraph:
    return Paragraph(markup, styles()[style])


def parties(doc: LicenceDocument) -> Table:
    company = f"Companies House number {doc.licensee_company_number}"
    if doc.licensee_ofcom_reference:
        company += f"; Electronic Communications Code operator (Ofcom reference {doc.licensee_ofcom_reference})"
    left = [
        pm("<b>Licensor</b>", "small"),
        pm(f"<b>{escape(doc.licensor_name)}</b>", "party"),
        p(f"Contact: {doc.licensor_email}" if doc.licensor_email else "", "small"),
    ]
    right = [
        pm("<b>Licensee</b>", "small"),
        pm(f"<b>{escape(doc.licensee_name)}</b>", "party"),
        p(company, "small"),
    ]
    table = Table([[left, right]], colWidths=[CONTENT_WIDTH / 2] * 2)
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEABOVE", (0, 0), (-1, 0), 2, BRAND),
                ("LEFTPADDING", (0, 0), (0, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 5),
            ]
        )
    )
    return table


def summary_box(doc: LicenceDocument) -> Table:
    """The key facts beside the QR code of the verification page."""
    count = len(doc.sites)
    rows = [
        ("Licence number", doc.number),
        ("Licence type", f"{doc.licence_type_label} licence"),
        ("Application", doc.application_reference),
        ("Date of issue", long_date(doc.issued_on)),
        (
            "Term",
            f"{doc.term_years} year{'s' if doc.term_years != 1 else ''}: "
            f"{long_date(doc.starts_on)} to {long_date(doc.ends_on)}",
        ),
        ("Sites", f"{count} site{'s' if count != 1 else ''} (Schedule 1; plans in Schedule 4)"),
        (
            "Annual licence fees",
            money(doc.annual_fee_total) + (" plus fees to be confirmed" if doc.fees_to_be_confirmed else ""),
        ),
        ("One-off fees", money(doc.one_off_total)),
    ]
    if doc.replaces_number:
        verb = "Renews" if doc.kind == "renewal" else "Varies"
        rows.append((f"{verb} licence", doc.replaces_number))
    facts = Table(
        [[p(label, "label"), p(value, "value")] for label, value in rows],
        colWidths=[38 * mm, CONTENT_WIDTH - 38 * mm - 44 * mm - 8 * mm],
    )
    facts.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
            ]
        )
    )
    qr = [
        qr_image(doc.verification_url, size_pt=38 * mm),
        pm("Scan to check this licence", "small"),
    ]
    box = Table([[facts, qr]], colWidths=[CONTENT_WIDTH - 44 * mm, 44 * mm])
    box.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), BRAND_TINT),
                ("BOX", (0, 0), (-1, -1), 1, BRAND),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (0, -1), 8),
                ("TOPPADDING", (0, 0), (-1, -1), 7),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
                ("ALIGN", (1, 0), (1, 0), "CENTER"),
            ]
        )
    )
    return box


SCHEDULE_COLUMNS = [
    ("#", 6 * mm),
    ("Reference", 18 * mm),
    ("Type", 16 * mm),
    ("Street", 22 * mm),
    ("Ward", 24 * mm),
    ("Easting\nNorthing", 15 * mm),
    ("Lon\nLat", 16 * mm),
    ("Equipment", CONTENT_WIDTH - 135 * mm),
    ("Annual fee", 18 * mm),
]


def _grid_style(header_rows: int = 1) -> list:
    return [
        ("FONT", (0, 0), (-1, -1), FONT, 7.3, 9),
        ("TEXTCOLOR", (0, 0), (-1, -1), INK),
        ("BACKGROUND", (0, 0), (-1, header_rows - 1), BRAND),
        ("TEXTCOLOR", (0, 0), (-1, header_rows - 1), colors.white),
        ("FONT", (0, 0), (-1, header_rows - 1), BOLD, 7.3, 9),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, header_rows), (-1, -1), 0.3, RULE),
        ("ROWBACKGROUNDS", (0, header_rows), (-1, -1), [colors.white, TINT]),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
    ]


def schedule_of_sites(doc: LicenceDocument) -> Table:
    """Schedule 1: one row per site; runs over as many pages as needed, the header repeated."""
    header = [
        p(name, "head_right")
        if name == "Annual fee"
        else Paragraph(escape(name).replace("\n", "<br/>"), styles()["head"])
        for name, _ in SCHEDULE_COLUMNS
    ]
    data = [header]
    for row in doc.sites:
        data.append(
            [
                str(row.position),
                p(row.asset_reference, "cell_bold"),
                p(row.asset_type_name, "cell"),
                p(row.street or "-", "cell"),
                p(breakable(row.ward_name) or "-", "cell"),
                f"{row.easting:.0f}\n{row.northing:.0f}",
                f"{row.longitude:.5f}\n{row.latitude:.5f}",
                p(row.equipment_summary or "-", "cell"),
                money(row.annual_fee),
            ]
        )
    table = Table(data, colWidths=[w for _, w in SCHEDULE_COLUMNS], repeatRows=1, splitByRow=1)
    table.setStyle(TableStyle([*_grid_style(), ("ALIGN", (-1, 1), (-1, -1), "RIGHT")]))
    return table


def fees_table(doc: LicenceDocument) -> list:
    """Schedule 2: annual fees by asset type and rate, one-off fees, totals."""
    groups: dict[tuple[str, Decimal | None], int] = defaultdict(int)
    for row in doc.sites:
        groups[(row.asset_type_name, row.annual_fee)] += 1
    data = [[p("Fee", "head"), p("Sites", "head_right"), p("Rate", "head_right"), p("Amount", "head_right")]]
    for (type_name, fee), count in sorted(groups.items(), key=lambda kv: (kv[0][0], kv[0][1] or 0)):
        amount = None if fee is None else fee * count
        data.append([f"Annual licence fee: {type_name.lower()}", str(count), money(fee), money(amount)])
    data.append(
        [pm("<b>Annual licence fees, per year</b>", "cell"), str(len(doc.sites)), "", money(doc.annual_fee_total)]
    )
    for label, value in (
        ("Application fee (one-off)", doc.application_fee),
        ("Legal fee (one-off)", doc.legal_fee),
        ("Surveyor fee (one-off)", doc.surveyor_fee),
    ):
        data.append([label, "", "", money(value)])
    data.append([pm("<b>One-off fees</b>", "cell"), "", "", money(doc.one_off_total)])
    data.append(
        [pm("<b>Total due in the first year</b>", "cell"), "", "", money(doc.annual_fee_total + doc.one_off_total)]
    )
    widths = [CONTENT_WIDTH - 75 * mm, 20 * mm, 27 * mm, 28 * mm]
    table = Table(data, colWidths=widths, repeatRows=1)
    last = len(data) - 1
    table.setStyle(
        TableStyle(
            [
                *_grid_style(),
                ("ALIGN", (1, 1), (-1, -1), "RIGHT"),
                ("FONT", (3, last), (3, last), BOLD, 7.3, 9),
                ("LINEABOVE", (0, last), (-1, last), 1, BRAND),
            ]
        )
    )
    flowables = [table]
    if doc.fees_to_be_confirmed:
        flowables += [
            Spacer(1, 3),
            p(
                f'The council\'s fee schedule has no annual fee yet for some sites (marked "{TO_BE_CONFIRMED}"): '
                "the council confirms those fees in writing, and the totals above leave them out.",
                "small",
            ),
        ]
    return flowables


def conditions(doc: LicenceDocument) -> list:
    """Schedule 3: the conditions of approval, sites with the same conditions together."""
    by_text: dict[str, list[str]] = defaultdict(list)
    for row in doc.sites:
        if row.conditions.strip():
            by_text[row.conditions.strip()].append(row.asset_reference)
    if not by_text:
        return [p("The council set no site-specific conditions. The standard terms apply to every site.")]
    flowables = []
    for number, (text, references) in enumerate(by_text.items(), start=1):
        sites = "every site" if len(references) == len(doc.sites) and len(doc.sites) > 1 else ", ".join(references)
        flowables.append(
            pm(f"<b>C{number}.</b>&nbsp;&nbsp;{escape(text)} <font color='#505a5f'>({escape(sites)})</font>", "clause")
        )
    return flowables


def signature_blocks(doc: LicenceDocument) -> Table:
    def block(heading: str, lines: list[tuple[str, str]]) -> list:
        cells = [pm(f"<b>{escape(heading)}</b>", "body")]
        for label, value in lines:
            cells.append(Spacer(1, 9))
            cells.append(pm(f"{escape(label)}: {escape(value) if value else '_' * 38}", "body"))
        return cells

    council = block(
        f"Signed for {doc.licensor_name}",
        [
            ("Signature", ""),
            ("Name", doc.issued_by_name),
            ("Position", "Estates officer"),
            ("Date", long_date(doc.issued_on)),
        ],
    )
    licensee = block(
        f"Signed for {doc.licensee_name}",
        [("Signature", ""), ("Name", ""), ("Position", ""), ("Date", "")],
    )
    table = Table([[council, licensee]], colWidths=[CONTENT_WIDTH / 2] * 2)
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BOX", (0, 0), (0, 0), 0.5, RULE),
                ("BOX", (1, 0), (1, 0), 0.5, RULE),
                ("LEFTPADDING", (0, 0), (-1, -1), 8),
                ("TOPPADDING", (0, 0), (-1, -1), 6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 10),
                ("TEXTCOLOR", (0, 0), (-1, -1), MUTED),
            ]
        )
    )
    return table
