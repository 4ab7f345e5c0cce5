"""The portal's standard terms, per licence type (small cell, rooftop, macro site, wayleave).

Written for the portal in plain English; the council's solicitors own the wording. Each
type has the same headings (access, power, maintenance, removal, insurance, the
Electronic Communications Code, dispute resolution and the rest) with what differs for
the kind of site. `standard_terms(licence_type)` returns (heading, [paragraphs]).
"""

from sites.models import ApplicationType

T = ApplicationType

WHAT = {
    T.SMALL_CELL: "small cell radio equipment on the council's street furniture (lighting columns, CCTV columns "
    "and similar) at the Sites",
    T.ROOFTOP: "radio equipment, antennas and cabins on the roofs of the council's buildings at the Sites",
    T.MACRO_SITE: "a macro radio installation (mast or tower, antennas, cabinets and a fenced compound) on the "
    "council's land at the Sites",
    T.WAYLEAVE: "fibre optic cables, ducts, chambers and joint enclosures in, on or under the council's land and "
    "assets along the routes at the Sites",
}

ACCESS = {
    T.SMALL_CELL: "Access to a column is from the public road. Before working at height or within the carriageway "
    "the Licensee obtains any road occupation permit the roads authority requires and follows Safety at Street "
    "Works and Road Works: a Code of Practice. Routine visits need 2 working days' notice to the council; "
    "emergency access to restore service may be taken at once and reported within 24 hours.",
    T.ROOFTOP: "Access is through the building's managed entrance, at times agreed with the council's building "
    "manager, escorted where the council requires, and by the council's roof access route only. Routine visits "
    "need 5 working days' notice; emergency access is arranged through the council's out-of-hours contact. The "
    "Licensee follows the building's permit-to-work, fire and roof safety rules and keeps access routes clear.",
    T.MACRO_SITE: "The Licensee may enter the compound at any time for its own equipment, by the access route "
    "shown on the location plan. Vehicles keep to that route; the Licensee makes good any damage it causes. "
    "Work that affects the council's land outside the compound needs 10 working days' notice.",
    T.WAYLEAVE: "Access to lay, inspect and repair the apparatus is along the route at the Sites. Works in a road "
    "are road works under the New Roads and Street Works Act 1991 and are noticed on the Scottish Road Works "
    "Register; works on other council land need 5 working days' notice, except to restore service in an "
    "emergency, which is reported within 24 hours.",
}

POWER = {
    T.SMALL_CELL: "Power is taken from the column's supply only through a separately metered or unmetered "
    "connection agreed with the council's street lighting engineers. The Licensee pays for the electricity its "
    "equipment uses (at the unmetered rate for its declared power draw where unmetered) and never interferes "
    "with the lighting circuit.",
    T.ROOFTOP: "Power is taken from a separately metered supply installed at the Licensee's cost by a contractor "
    "the council approves. The Licensee pays its own electricity and does not draw on the building's supply.",
    T.MACRO_SITE: "The Licensee arranges and pays for its own electricity supply and meter to the compound with "
    "the distribution network operator.",
    T.WAYLEAVE: "No power is supplied. Any powered equipment needs the council's separate written consent.",
}

MAINTENANCE = {
    T.SMALL_CELL: "The Licensee keeps its equipment safe, secure and in good repair, and painted or finished to "
    "match the column where the conditions say so. It does not exceed the approved weight or mounting height. "
    "The council may need to repair, replace or move a column: it gives 28 days' notice (less in an emergency), "
    "and the Licensee removes or relocates its equipment for the works at its own cost.",
    T.ROOFTOP: "The Licensee keeps its equipment and any supporting steelwork safe and in good repair, keeps the "
    "roof covering watertight where it has penetrated it, and does not exceed the loads in the approved "
    "structural calculation. Works to the roof by the council need 3 months' notice of any temporary removal.",
    T.MACRO_SITE: "The Licensee keeps the mast, equipment, fencing and compound safe, secure, tidy and in good "
    "repair, and considers in good faith any request from another operator to share the mast.",
    T.WAYLEAVE: "The Licensee keeps the apparatus in good repair, records its position as laid (to the accuracy "
    "of the Specification for the Reinstatement of Openings in Roads) and gives the council the records within "
    "3 months of completion.",
}

REMOVAL = {
    T.SMALL_CELL: "At the end of this licence, or on revocation, the Licensee removes its equipment within 3 "
    "months and leaves the column as it was before installation.",
    T.ROOFTOP: "At the end of this licence, or on revocation, the Licensee removes its equipment within 6 "
    "months and makes good the roof and the building.",
    T.MACRO_SITE: "At the end of this licence, or on revocation, the Licensee removes the mast, equipment, "
    "foundations to 1 metre below ground and fencing within 6 months, and leaves the land level and seeded.",
    T.WAYLEAVE: "At the end of this licence the Licensee may leave ducts in place if the council agrees in writing; "
    "otherwise it removes the apparatus within 6 months and reinstates to the Specification for the "
    "Reinstatement of Openings in Roads.",
}

COMMON_BEFORE = [
    (
        "Interpretation",
        [
            "In this licence the Council is the licensor and the Licensee is the organisation named above. The "
            "Sites are the council assets in Schedule 1, at the locations shown on the plans in Schedule 4. "
            "Schedules 1 to 4 form part of this licence.",
        ],
    ),
    (
        "What is licensed",
        [
            "The Council permits the Licensee, for the Term, to install, keep, operate, maintain and renew {what}, "
            "as described in Schedule 1, subject to the conditions in Schedule 3 and these terms. This licence "
            "gives permission only: it creates no lease and no interest in land.",
            "The Licensee obtains, before installing, every consent the equipment needs (planning permission or "
            "prior approval, listed building consent, road occupation permits) and meets its conditions.",
        ],
    ),
    (
        "Term",
        [
            "This licence runs for the Term in the summary above. It ends earlier if revoked under these terms, "
            "or if it is replaced by a variation or renewal, which takes effect from its own start date.",
        ],
    ),
    (
        "Fees",
        [
            "The Licensee pays the annual licence fee for each Site in Schedule 2, yearly in advance from the "
            "start date, and the one-off fees on signature. Fees are reviewed every 5 years in line with the "
            "Consumer Prices Index. Late payment bears interest at 4% a year above the Bank of England base rate.",
        ],
    ),
]


COMMON_AFTER = [
    (
        "Safety and interference",
        [
            "Radio equipment complies at all times with the ICNIRP public exposure guidelines; the Licensee keeps "
            "its declaration of conformity up to date and gives it to the Council on request. Equipment does not "
            "interfere with the Council's own systems (street lighting control, CCTV, traffic signals); if it does, "
            "the Licensee stops the interference at once.",
        ],
    ),
    (
        "Insurance and indemnity",
        [
            "The Licensee keeps public liability insurance of at least £10 million for any one event, and "
            "employer's liability insurance as the law requires, with reputable insurers, and shows the Council the "
            "certificates on request. The Licensee is responsible for, and indemnifies the Council against, loss, "
            "damage or injury caused by its equipment or the works, except to the extent the Council caused it.",
        ],
    ),
    (
        "The Electronic Communications Code",
        [
            "Where the Licensee is an operator with Code powers (Schedule 3A to the Communications Act 2003, the "
            "Electronic Communications Code), the parties intend this licence to be a Code agreement conferring "
            "the Code rights needed for the permitted use, on these terms. The parties agree that the fees reflect "
            "the market value of those rights as the Code assesses it. Part 5 of the Code (termination and "
            "removal) applies to the ending of this licence so far as it is a Code agreement; nothing here limits "
            "the Council's rights under paragraph 31 of the Code.",
        ],
    ),
    (
        "Assignment and sharing",
        [
            "The Licensee may not assign this licence or let another operator use the Sites without the Council's "
            "written consent (not unreasonably withheld), except as the Code allows an operator to share or upgrade "
            "apparatus under paragraph 17.",
        ],
    ),
    (
        "Revocation",
        [
            "The Council may revoke this licence by notice if fees remain unpaid 28 days after they fall due, or if "
            "the Licensee breaches these terms and does not remedy the breach within 28 days of being asked (at "
            "once where the breach puts people at risk). A revocation is shown on the licence's verification page.",
        ],
    ),
    (
        "Dispute resolution",
        [
            "The parties first try to settle a dispute between the Council's estates manager and the Licensee's "
            "property manager within 20 working days; then by mediation; and otherwise a dispute about a technical "
            "or valuation matter may be referred by either party to an independent expert appointed by the "
            "President of the Royal Institution of Chartered Surveyors in Scotland. This does not prevent either "
            "party applying to the Lands Tribunal for Scotland where the Code gives it jurisdiction.",
        ],
    ),
    (
        "Notices and verification",
        [
            "Notices are given in writing by email to the addresses the parties register in the Telecoms Site "
            "Portal. This licence can be checked on the verification page whose address and QR code are on its "
            "first page; a copy whose SHA-256 differs from the one shown there is not the licence as issued.",
        ],
    ),
    (
        "Law",
        ["This licence is governed by the law of Scotland, and the Scottish courts have jurisdiction."],
    ),
]


def standard_terms(licence_type: str) -> list[tuple[str, list[str]]]:
    """The numbered clauses for a licence type: (heading, paragraphs) in order."""
    kind = T(licence_type)
    before = [(h, [p.format(what=WHAT[kind]) for p in paras]) for h, paras in COMMON_BEFORE]
    specific = [
        ("Access", [ACCESS[kind]]),
        ("Power", [POWER[kind]]),
        ("Maintenance and the Council's works", [MAINTENANCE[kind]]),
        ("Removal and reinstatement", [REMOVAL[kind]]),
    ]
    return before + specific + COMMON_AFTER
