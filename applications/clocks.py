"""Working-day clocks: each stage's target, due dates and pauses.

A working day is a weekday that is not a Scottish bank holiday (the `holidays`
package, UK subdivision SCT: 2 January, St Andrew's Day and the rest). A stage's
clock starts on the day the application entered it; day 1 is the next working day.
While information is requested the review clock stops; the working days waited are
added to the due date when the applicant answers. Everything is computed from the
audit events, so the history explains every figure.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache

import holidays
from django.conf import settings
from django.utils import timezone

from .models import ApplicationEvent, ApplicationStatus

S = ApplicationStatus
PAUSED_IN = S.INFORMATION_REQUESTED
PAUSES = S.UNDER_REVIEW  # the stage whose clock stops while information is requested


@lru_cache(maxsize=64)
def bank_holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.UK(subdiv="SCT", years=year).keys())


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in bank_holidays(day.year)


def add_working_days(start: date, days: int) -> date:
    """The date `days` working days after `start` (start itself not counted)."""
    day = start
    counted = 0
    while counted < days:
        day += timedelta(days=1)
        if is_working_day(day):
            counted += 1
    return day


def working_days_between(start: date, end: date) -> int:
    """Working days in (start, end]; negative when end is before start."""
    if end < start:
        return -working_days_between(end, start)
    return sum(1 for n in range(1, (end - start).days + 1) if is_working_day(start + timedelta(days=n)))


def stage_targets() -> dict[str, int]:
    """Working days allowed per stage (settings.APPLICATION_STAGE_TARGET_DAYS)."""
    return dict(getattr(settings, "APPLICATION_STAGE_TARGET_DAYS", {}))


@dataclass(frozen=True)
class Clock:
    """Where an application stands against its current stage's target."""

    stage: str | None  # the stage being timed, or None when nothing is timed
    target_days: int | None
    started_on: date | None
    paused: bool  # information requested: the clock is stopped
    paused_days: int  # working days waited for answers in this stage
    days_used: int
    due_on: date | None  # None when nothing is timed or the clock is paused
    today: date

    @property
    def days_left(self) -> int | None:
        if self.target_days is None:
            return None
        return self.target_days - self.days_used

    @property
    def overdue(self) -> bool:
        return self.due_on is not None and self.today > self.due_on


Step = tuple[datetime, str, str]  # (at, from_status, to_status)


def clock_from_events(*, status: str, events: Iterable[Step], today: date | None = None) -> Clock:
    """The clock for an application in `status`, from its state changes in order."""
    today = today or timezone.localdate()
    stage = PAUSES if status == PAUSED_IN else status
    target = stage_targets().get(stage)
    none = Clock(None, None, None, False, 0, 0, None, today)
    if target is None:
        return none
    started = pause_started = None
    paused_days = 0
    for at, from_status, to_status in events:
        if from_status == to_status:
            continue
        day = timezone.localdate(at)
        if to_status == stage and from_status != PAUSED_IN:
            started, paused_days, pause_started = day, 0, None
        elif from_status == stage and to_status == PAUSED_IN:
            pause_started = day
        elif from_status == PAUSED_IN and to_status == stage and pause_started is not None:
            paused_days += max(working_days_between(pause_started, day), 0)
            pause_started = None
    if started is None:
        return none
    paused = status == PAUSED_IN and pause_started is not None
    until = pause_started if paused else today
    days_used = max(working_days_between(started, until) - paused_days, 0)
    due_on = None if paused else add_working_days(started, target + paused_days)
    return Clock(stage, target, started, paused, paused_days, days_used, due_on, today)


def application_clock(*, application, today: date | None = None) -> Clock:
    """The clock of one application (one query for its state changes)."""
    steps = (
        ApplicationEvent.objects.filter(application=application)
        .order_by("at", "pk")
        .values_list("at", "from_status", "to_status")
    )
    return clock_from_events(status=application.status, events=steps, today=today)


def days_left(due_on: date | None, today: date | None = None) -> int | None:
    """Working days until `due_on` (negative when overdue): for queue rows, no query."""
    if due_on is None:
        return None
    return working_days_between(today or timezone.localdate(), due_on)
