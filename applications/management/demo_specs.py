"""What the demo applications are: their equipment, their steps through the workflow, the fee schedule.

Plain data and the steps (each one service call); applications.management.demo loads them.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from applications import services
from applications.models import Application, EquipmentType, RefusalReason, SiteDecision, Technology
from portal.models import User
from sites.models import ApplicationType

SMALL_CELL = {
    "equipment_type": EquipmentType.SMALL_CELL,
    "technology": Technology.FIVE_G,
    "make_model": "Ericsson Radio 4408",
    "height_mm": 450,
    "width_mm": 300,
    "depth_mm": 150,
    "weight_kg": Decimal("12.5"),
    "power_draw_w": 180,
    "frequency_bands": ["3600"],
    "mounting_height_m": Decimal("6.50"),
    "cabinet_needed": False,
}
IOT = {
    **SMALL_CELL,
    "equipment_type": EquipmentType.IOT_GATEWAY,
    "technology": Technology.IOT,
    "make_model": "Kerlink Wirnet iStation",
    "weight_kg": Decimal("3.0"),
    "power_draw_w": 15,
    "frequency_bands": ["868"],
}
ROOFTOP = {
    **SMALL_CELL,
    "equipment_type": EquipmentType.MACRO_ARRAY,
    "technology": Technology.FOUR_AND_FIVE_G,
    "make_model": "Nokia AirScale tri-sector array",
    "height_mm": 2100,
    "width_mm": 500,
    "depth_mm": 200,
    "weight_kg": Decimal("140"),
    "power_draw_w": 2400,
    "frequency_bands": ["800", "1800", "3600"],
    "mounting_height_m": Decimal("28"),
    "cabinet_needed": True,
}
FIBRE = {
    "equipment_type": EquipmentType.FIBRE_ENCLOSURE,
    "technology": Technology.FIBRE,
    "make_model": "CommScope FOSC 450",
    "weight_kg": Decimal("6"),
}


@dataclass(frozen=True)
class Step:
    """One thing that happens to the application, `day` working days after it was started."""

    day: int
    run: Callable[["Walk"], None]


@dataclass(frozen=True)
class DemoApplication:
    description: str
    organisation: str  # DemoOrganisation key
    applicant: str  # username
    application_type: str
    asset_type: str  # AssetType code
    sites: int
    equipment: dict | None
    started: int  # working days ago
    steps: tuple[Step, ...] = ()
    term_years: int = 10
    council: str = "glasgow"  # Council slug


# Each demo council's officer, who reviews its applications.
DEMO_OFFICERS = {"glasgow": "officer.one", "clyde-valley": "valley.officer"}


@dataclass
class Walk:
    """An application being walked through its steps, with its two sides."""

    application: Application
    supplier: User
    officer: User
    extra: dict = field(default_factory=dict)


def submit(walk: Walk) -> None:
    services.application_submit(application=walk.application, by=walk.supplier)


def start_review(walk: Walk) -> None:
    services.application_start_review(application=walk.application, by=walk.officer)


def return_incomplete(walk: Walk) -> None:
    services.application_return(
        application=walk.application,
        by=walk.officer,
        reasons="The structural calculation for the column is missing. Add it and submit again.",
    )


def request_information(walk: Walk) -> None:
    services.application_request_information(
        application=walk.application,
        by=walk.officer,
        message="Please send the mounting bracket drawing and confirm the cable route from the base of the column.",
    )


def answer(walk: Walk) -> None:
    services.application_answer(
        application=walk.application,
        by=walk.supplier,
        message="The bracket drawing is attached. Cables run inside the column to the existing feeder pillar.",
    )


def message(text: str, *, from_council: bool) -> Callable[[Walk], None]:
    def send(walk: Walk) -> None:
        by = walk.officer if from_council else walk.supplier
        services.application_message_send(application=walk.application, by=by, body=text)

    return send


def decide_sites(*decisions: str) -> Callable[[Walk], None]:
    """Decide the sites in order: "approve" or "refuse" each (fewer decisions than sites: the rest wait)."""

    def decide(walk: Walk) -> None:
        for site, decision in zip(walk.application.sites.order_by("pk"), decisions, strict=False):
            site.application = walk.application
            if decision == "approve":
                services.application_site_decide(
                    site=site,
                    by=walk.officer,
                    decision=SiteDecision.APPROVED,
                    conditions="Paint the equipment to match the column. Work outside 07:00 to 19:00 needs consent.",
                )
            else:
                services.application_site_decide(
                    site=site,
                    by=walk.officer,
                    decision=SiteDecision.REFUSED,
                    refusal_reason=RefusalReason.STRUCTURAL_CAPACITY,
                    refusal_detail="The column is due for replacement and cannot take more load.",
                )

    return decide


def decide(walk: Walk) -> None:
    services.application_decide(application=walk.application, by=walk.officer)


def issue_licence(walk: Walk) -> None:
    services.application_issue_licence(application=walk.application, by=walk.officer)


def report_installed(walk: Walk) -> None:
    services.application_report_installed(application=walk.application, by=walk.supplier)


def confirm_installation(walk: Walk) -> None:
    services.application_confirm_installation(application=walk.application, by=walk.officer)


def go_live(walk: Walk) -> None:
    services.application_go_live(application=walk.application, by=walk.supplier)


REVIEWED = (Step(0, submit), Step(2, start_review))

# (asset type, application type, annual fee per site, application, legal, surveyor fees): illustrative figures.
DEMO_FEES = (
    ("lighting_column", ApplicationType.SMALL_CELL, "850", "350", "450", "200"),
    ("cctv_column", ApplicationType.SMALL_CELL, "950", "350", "450", "200"),
    ("bus_shelter", ApplicationType.SMALL_CELL, "600", "250", "300", "0"),
    ("traffic_signal_pole", ApplicationType.SMALL_CELL, "900", "350", "450", "250"),
    ("building_rooftop", ApplicationType.ROOFTOP, "7500", "750", "1200", "900"),
    ("building_rooftop", ApplicationType.MACRO_SITE, "12000", "1000", "1500", "1200"),
    ("land_parcel", ApplicationType.MACRO_SITE, "9000", "1000", "1500", "1200"),
    ("lighting_column", ApplicationType.WAYLEAVE, "120", "150", "250", "0"),
    ("duct_chamber", ApplicationType.WAYLEAVE, "80", "150", "250", "0"),
)


DEMO_APPLICATIONS = (
    DemoApplication(
        "Demo: 5G small cells around George Square.",
        "glenmorrow",
        "glenmorrow.admin",
        ApplicationType.SMALL_CELL,
        "lighting_column",
        3,
        SMALL_CELL,
        started=14,
        steps=(*REVIEWED, Step(9, decide_sites("approve"))),
    ),
    DemoApplication(
        "Demo: small cells on CCTV columns in the Merchant City.",
        "glenmorrow",
        "glenmorrow.admin",
        ApplicationType.SMALL_CELL,
        "cctv_column",
        2,
        SMALL_CELL,
        started=7,
        steps=(Step(0, submit),),
    ),
    DemoApplication(
        "Demo: infill coverage on Buchanan Street.",
        "brackenlea",
        "brackenlea.admin",
        ApplicationType.SMALL_CELL,
        "lighting_column",
        2,
        SMALL_CELL,
        started=10,
        steps=(*REVIEWED, Step(6, request_information)),
    ),
    DemoApplication(
        "Demo: neutral host small cells in Finnieston.",
        "brackenlea",
        "brackenlea.admin",
        ApplicationType.SMALL_CELL,
        "lighting_column",
        3,
        SMALL_CELL,
        started=25,
        steps=(
            *REVIEWED,
            Step(5, request_information),
            Step(8, answer),
            Step(14, decide_sites("approve", "approve", "refuse")),
            Step(15, decide),
        ),
    ),
    DemoApplication(
        "Demo: one more column on Argyle Street.",
        "glenmorrow",
        "glenmorrow.admin",
        ApplicationType.SMALL_CELL,
        "lighting_column",
        1,
        SMALL_CELL,
        started=6,
        steps=(Step(0, submit), Step(3, return_incomplete)),
    ),
    DemoApplication(
        "Demo: a column that cannot take the load.",
        "brackenlea",
        "brackenlea.admin",
        ApplicationType.SMALL_CELL,
        "lighting_column",
        1,
        SMALL_CELL,
        started=20,
        steps=(*REVIEWED, Step(10, decide_sites("refuse")), Step(11, decide)),
    ),
    DemoApplication(
        "Demo: rooftop macro upgrade in the city centre.",
        "glenmorrow",
        "glenmorrow.admin",
        ApplicationType.ROOFTOP,
        "building_rooftop",
        1,
        ROOFTOP,
        started=30,
        term_years=15,
        steps=(*REVIEWED, Step(12, decide_sites("approve")), Step(13, decide), Step(16, issue_licence)),
    ),
    DemoApplication(
        "Demo: LoRaWAN gateways on bus shelters.",
        "brackenlea",
        "brackenlea.admin",
        ApplicationType.SMALL_CELL,
        "bus_shelter",
        2,
        IOT,
        started=45,
        steps=(
            *REVIEWED,
            Step(3, message("Can the gateways share one power feed?", from_council=True)),
            Step(4, message("Yes: one unmetered feed per shelter is enough.", from_council=False)),
            Step(10, decide_sites("approve", "approve")),
            Step(11, decide),
            Step(14, issue_licence),
            Step(30, report_installed),
            Step(32, confirm_installation),
            Step(33, go_live),
        ),
    ),
    DemoApplication(
        "Demo: yesterday's application for two columns.",
        "brackenlea",
        "brackenlea.admin",
        ApplicationType.SMALL_CELL,
        "lighting_column",
        2,
        SMALL_CELL,
        started=1,
        steps=(Step(0, submit),),
    ),
    DemoApplication(
        "Demo: draft for George Street (equipment still to enter).",
        "glenmorrow",
        "glenmorrow.admin",
        ApplicationType.SMALL_CELL,
        "lighting_column",
        2,
        None,
        started=2,
    ),
    DemoApplication(
        "Demo: 5G small cells along Clyde Valley's main roads.",
        "glenmorrow",
        "glenmorrow.admin",
        ApplicationType.SMALL_CELL,
        "lighting_column",
        3,
        SMALL_CELL,
        started=40,
        council="clyde-valley",
        steps=(
            *REVIEWED,
            Step(10, decide_sites("approve", "approve", "approve")),
            Step(11, decide),
            Step(13, issue_licence),
            Step(28, report_installed),
            Step(30, confirm_installation),
            Step(31, go_live),
        ),
    ),
    DemoApplication(
        "Demo: neutral host cells on Clyde Valley's high street.",
        "brackenlea",
        "brackenlea.admin",
        ApplicationType.SMALL_CELL,
        "lighting_column",
        2,
        SMALL_CELL,
        started=3,
        council="clyde-valley",
        steps=(Step(0, submit),),
    ),
    DemoApplication(
        "Demo: fibre joints in lighting columns (organisation not yet verified).",
        "thistlegate",
        "thistlegate.admin",
        ApplicationType.WAYLEAVE,
        "lighting_column",
        2,
        FIBRE,
        started=1,
    ),
)
