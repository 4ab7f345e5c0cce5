"""Demo applications for the Glasgow demo (manage.py load_demo_applications).

A handful of applications from the demo organisations (fixtures/demo_people.py), walked
through the real services to several states (demo_specs.py): a draft, submitted (one
overdue for validation), returned, under review with a site decided, waiting for
information, approved in part, refused, licensed and live. Each step happens on a working
day in the recent past (the services run with the clock set back), so the officer queue
shows overdue, due-soon and paused work and the timelines read naturally. Messages and
notifications take the time of the step that made them.

Idempotent: an application is recognised by its description (each starts "Demo:") and
skipped when its organisation already has it.
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from decimal import Decimal
from unittest import mock

from django.db import transaction
from django.db.models import F
from django.test.utils import override_settings
from django.utils import timezone

from applications import services
from applications.clocks import add_working_days, is_working_day
from applications.models import Application, ApplicationMessage, FeeSchedule, Notification
from portal.models import Council, User
from sites.models import Asset, AssetType, Availability

from .demo_specs import DEMO_APPLICATIONS, DEMO_FEES, DEMO_OFFICERS, SMALL_CELL, DemoApplication, Walk


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
        councils = {c.slug: c for c in Council.objects.filter(slug__in=DEMO_OFFICERS)}
        demos = [demo for demo in DEMO_APPLICATIONS if demo.council in councils]  # the second council is optional
        wanted = {DEMO_OFFICERS[demo.council] for demo in demos} | {demo.applicant for demo in demos}
        people = {u.username: u for u in User.objects.filter(username__in=wanted)}
        missing = sorted(wanted - set(people))
        if self.council_slug not in councils or missing:
            raise LookupError("The demo council and people are missing: run `manage.py load_demo` first.")
        for council in councils.values():
            self.out(f"Fee schedules ({council.name}): {fee_schedules_ensure(council)} created.")
        made = []
        for demo in demos:
            council = councils[demo.council]
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
        supplier, officer = people[demo.applicant], people[DEMO_OFFICERS[demo.council]]
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
