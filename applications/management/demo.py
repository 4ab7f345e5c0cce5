"""Demo applications for the Glasgow demo (manage.py load_demo_applications).

A handful of applications from the demo organisations (fixtures/demo_people.py), walked
through the real services to several states: a draft, submitted (one overdue for
validation), returned, under review with a site decided, waiting for information,
approved in part, refused, licensed and live. Each step happens on a working day in the
recent past (the services run with the clock set back), so the officer queue shows
overdue, due-soon and paused work and the timelines read naturally. Messages and
notifications take the time of the event that made them.

Idempotent: an application is recognised by its description (each starts "Demo:") and
skipped when its organisation already has it.
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from decimal import Decimal
from unittest import mock

from django.db import transaction
from django.db.models import F
from django.test.utils import override_settings
from django.utils import timezone

from applications import services
from applications.clocks import add_working_days, is_working_day
from applications.models import (
    Application,
    ApplicationMessage,
    EquipmentType,
    FeeSchedule,
    Notification,
    RefusalReason,
    SiteDecision,
    Technology,
)
from portal.models import Council, User
from sites.models import ApplicationType, Asset, AssetType, Availability

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


def fee_schedules_ensure(council: Council) -> int:
    """The demo council's fee schedule (normally kept in the admin); rows already there are left alone."""
    made = 0
    types = {t.code: t for t in AssetType.objects.all()}
    for code, application_type, annual, application_fee, legal, surveyor in DEMO_FEES:
        if (
            code not in types
            or FeeSchedule.objects.filter(
                council=council, asset_type=types[code], application_type=application_type
            ).exists()
        ):
            continue
        schedule = FeeSchedule(
            council=council,
            asset_type=types[code],
            application_type=application_type,
            annual_licence_fee=Decimal(annual),
            application_fee=Decimal(application_fee),
            legal_fee=Decimal(legal),
            surveyor_fee=Decimal(surveyor),
        )
        schedule.full_clean()
        schedule.save()
        made += 1
    return made


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


def working_day_before(today, days: int):
    """The working day `days` working days before `today` (0: today if it is one)."""
    day = today
    while not is_working_day(day):
        day -= timedelta(days=1)
    counted = 0
    while counted < days:
        day -= timedelta(days=1)
        if is_working_day(day):
            counted += 1
    return day


@contextmanager
def clock_at(moment: datetime) -> Iterator[None]:
    """The services run as if at `moment` (timezone.now and everything built on it)."""
    with mock.patch("django.utils.timezone.now", return_value=moment):
        yield


def free_assets(*, council: Council, asset_type: str, count: int, weight) -> list[Asset]:
    """Available assets of the type with a free slot and room for the weight, not in any application yet."""
    candidates = (
        Asset.objects.filter(
            council=council,
            asset_type__code=asset_type,
            availability=Availability.AVAILABLE,
            slots_used__lt=F("slots"),
            application_sites__isnull=True,
        )
        .select_related("asset_type", "council")
        .order_by("reference")
    )
    chosen = []
    for asset in candidates.iterator(chunk_size=200):
        remaining = asset.remaining_load_kg
        if remaining is None or weight is None or remaining >= weight:
            chosen.append(asset)
        if len(chosen) == count:
            break
    return chosen


@dataclass
class DemoApplicationsLoader:
    out: Callable[[str], None]
    council_slug: str = "glasgow"

    def load(self) -> list[Application]:
        # The demo people are fictional: their emails go nowhere (the notifications are still made).
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
            return self._load()

    def _load(self) -> list[Application]:
        council = Council.objects.filter(slug=self.council_slug).first()
        people = {u.username: u for u in User.objects.filter(username__in=_usernames())}
        missing = sorted(_usernames() - set(people))
        if council is None or missing:
            raise LookupError("The demo council and people are missing: run `manage.py load_demo` first.")
        self.out(f"Fee schedules: {fee_schedules_ensure(council)} created.")
        made = []
        for demo in DEMO_APPLICATIONS:
            organisation = people[demo.applicant].organisation
            existing = Application.objects.filter(organisation=organisation, description=demo.description).first()
            if existing is not None:
                self.out(f"{existing.reference}: already there ({existing.get_status_display().lower()})")
                continue
            application = self.make(demo, council, people)
            if application is not None:
                made.append(application)
        return made

    @transaction.atomic
    def make(self, demo: DemoApplication, council: Council, people: dict[str, User]) -> Application | None:
        supplier, officer = people[demo.applicant], people["officer.one"]
        weight = (demo.equipment or {}).get("weight_kg")
        assets = free_assets(council=council, asset_type=demo.asset_type, count=demo.sites, weight=weight)
        if len(assets) < demo.sites:
            self.out(f"Skipped '{demo.description}': not enough free {demo.asset_type.replace('_', ' ')}s.")
            return None
        today = timezone.localdate()
        started = working_day_before(today, demo.started)

        def at(day: int, minute: int) -> datetime:
            moment = datetime.combine(add_working_days(started, day) if day else started, time(9, minute))
            return timezone.make_aware(moment)

        with dated(at(0, 0)):
            application = services.application_create(
                by=supplier,
                application_type=demo.application_type,
                assets=assets,
                council=council,
                proposed_start_date=today + timedelta(days=90),
                term_years=demo.term_years,
                description=demo.description,
            )
            for site in application.sites.order_by("pk")[: demo.sites if demo.equipment else 1]:
                site.application = application
                services.application_site_update(site=site, by=supplier, **(demo.equipment or SMALL_CELL))
        walk = Walk(application, supplier, officer)
        for n, step in enumerate(demo.steps, start=1):
            with dated(at(step.day, n)):
                step.run(walk)
        application.refresh_from_db()
        self.out(f"{application.reference}: {application.get_status_display().lower()} ({demo.description})")
        return application


def _usernames() -> set[str]:
    return {"officer.one"} | {demo.applicant for demo in DEMO_APPLICATIONS}


def _last_pks() -> tuple[int, int]:
    last_message = ApplicationMessage.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    last_notification = Notification.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    return last_message, last_notification


@contextmanager
def dated(moment: datetime) -> Iterator[None]:
    """Run a step as if at `moment`; the messages and notifications it makes get that time too.

    (Their `created_at` defaults are bound to the real clock, so they are set afterwards.)
    """
    last_message, last_notification = _last_pks()
    with clock_at(moment):
        yield
    ApplicationMessage.objects.filter(pk__gt=last_message).update(created_at=moment)
    Notification.objects.filter(pk__gt=last_notification).update(created_at=moment)
