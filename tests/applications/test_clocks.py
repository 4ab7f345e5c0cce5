"""Working-day clocks: weekends, Scottish bank holidays, pauses while information is requested."""

from datetime import date, datetime
from unittest import mock
from zoneinfo import ZoneInfo

import pytest

from applications import services
from applications.clocks import add_working_days, application_clock, clock_from_events, working_days_between
from applications.models import ApplicationStatus
from tests.applications.factories import ApplicationFactory

S = ApplicationStatus
LONDON = ZoneInfo("Europe/London")


def at(day: str, hour: int = 10) -> datetime:
    return datetime.fromisoformat(day).replace(hour=hour, tzinfo=LONDON)


def d(day: str) -> date:
    return date.fromisoformat(day)


@pytest.mark.parametrize(
    ("start", "days", "due"),
    [
        ("2026-11-20", 1, "2026-11-23"),  # Friday + 1: the weekend is skipped
        ("2026-11-21", 1, "2026-11-23"),  # from a Saturday
        ("2026-11-27", 1, "2026-12-01"),  # St Andrew's Day, Monday 30 November 2026
        ("2027-11-29", 1, "2027-12-01"),  # St Andrew's Day, Tuesday 30 November 2027
        ("2025-11-28", 1, "2025-12-02"),  # St Andrew's Day on a Sunday: Monday 1 December off
        ("2025-12-31", 1, "2026-01-05"),  # New Year's Day and 2 January (Thursday, Friday)
        ("2026-12-24", 1, "2026-12-29"),  # Christmas, Boxing Day (observed on Monday 28th)
        ("2026-04-02", 1, "2026-04-06"),  # Good Friday; Easter Monday is not a holiday in Scotland
        ("2026-11-16", 5, "2026-11-23"),
        ("2026-11-16", 0, "2026-11-16"),
    ],
)
def test_add_working_days(start, days, due):
    assert add_working_days(d(start), days) == d(due)


def test_working_days_between_counts_the_end_not_the_start():
    assert working_days_between(d("2026-11-20"), d("2026-11-23")) == 1
    assert working_days_between(d("2026-11-23"), d("2026-11-20")) == -1
    assert working_days_between(d("2026-11-27"), d("2026-12-04")) == 4  # 30 November off
    assert working_days_between(d("2026-11-27"), d("2026-11-27")) == 0


def test_submitted_clock_due_and_overdue(settings):
    settings.APPLICATION_STAGE_TARGET_DAYS = {"submitted": 5, "under_review": 20}
    events = [(at("2026-11-16"), S.DRAFT, S.SUBMITTED)]
    on_time = clock_from_events(status=S.SUBMITTED, events=events, today=d("2026-11-23"))
    assert (on_time.due_on, on_time.days_used, on_time.days_left, on_time.overdue) == (d("2026-11-23"), 5, 0, False)
    late = clock_from_events(status=S.SUBMITTED, events=events, today=d("2026-11-24"))
    assert (late.days_used, late.days_left, late.overdue) == (6, -1, True)


def test_the_review_clock_pauses_while_information_is_requested(settings):
    settings.APPLICATION_STAGE_TARGET_DAYS = {"submitted": 5, "under_review": 20}
    events = [
        (at("2026-10-26"), S.DRAFT, S.SUBMITTED),
        (at("2026-11-02"), S.SUBMITTED, S.UNDER_REVIEW),
        (at("2026-11-02", 11), S.UNDER_REVIEW, S.UNDER_REVIEW),  # a message: not a change of state
        (at("2026-11-04"), S.UNDER_REVIEW, S.INFORMATION_REQUESTED),  # Wednesday, day 2
    ]
    paused = clock_from_events(status=S.INFORMATION_REQUESTED, events=events, today=d("2026-11-20"))
    assert (paused.stage, paused.paused, paused.days_used, paused.due_on, paused.overdue) == (
        S.UNDER_REVIEW,
        True,
        2,
        None,
        False,
    )
    events.append((at("2026-11-11"), S.INFORMATION_REQUESTED, S.UNDER_REVIEW))  # 5 working days later
    resumed = clock_from_events(status=S.UNDER_REVIEW, events=events, today=d("2026-11-12"))
    assert resumed.paused_days == 5
    assert resumed.days_used == 8 - 5  # 3, 4 | 12 November
    assert resumed.due_on == add_working_days(d("2026-11-02"), 25)
    # A second request adds its own pause.
    events += [
        (at("2026-11-13"), S.UNDER_REVIEW, S.INFORMATION_REQUESTED),
        (at("2026-11-17"), S.INFORMATION_REQUESTED, S.UNDER_REVIEW),
    ]
    twice = clock_from_events(status=S.UNDER_REVIEW, events=events, today=d("2026-11-17"))
    assert twice.paused_days == 7
    assert twice.due_on == add_working_days(d("2026-11-02"), 27)


def test_resubmitting_restarts_the_validation_clock(settings):
    settings.APPLICATION_STAGE_TARGET_DAYS = {"submitted": 5}
    events = [
        (at("2026-11-02"), S.DRAFT, S.SUBMITTED),
        (at("2026-11-03"), S.SUBMITTED, S.RETURNED),
        (at("2026-11-16"), S.RETURNED, S.SUBMITTED),
    ]
    clock = clock_from_events(status=S.SUBMITTED, events=events, today=d("2026-11-16"))
    assert (clock.started_on, clock.due_on) == (d("2026-11-16"), d("2026-11-23"))


@pytest.mark.parametrize("status", [S.DRAFT, S.RETURNED, S.REFUSED, S.LIVE, S.WITHDRAWN])
def test_states_without_a_target_have_no_clock(status):
    clock = clock_from_events(status=status, events=[(at("2026-11-02"), S.DRAFT, status)], today=d("2026-12-25"))
    assert (clock.stage, clock.due_on, clock.overdue, clock.days_left) == (None, None, False, None)


@pytest.mark.django_db
def test_services_keep_the_due_date_through_a_pause(glasgow, settings):
    settings.APPLICATION_STAGE_TARGET_DAYS = {"submitted": 5, "under_review": 20}
    application = ApplicationFactory(council=glasgow, proposed_start_date=d("2027-03-01"))
    supplier, officer = application.supplier, application.officer

    def on(day, call, **kwargs):
        with mock.patch("django.utils.timezone.now", return_value=at(day)):
            call(application=application, **kwargs)
        application.refresh_from_db()

    on("2026-11-27", services.application_submit, by=supplier)  # Friday before St Andrew's Day
    assert application.due_on == d("2026-12-07")
    on("2026-12-01", services.application_start_review, by=officer)
    assert application.due_on == add_working_days(d("2026-12-01"), 20)
    on("2026-12-03", services.application_request_information, by=officer, message="Bracket drawing?")
    assert application.due_on is None
    on("2026-12-08", services.application_answer, by=supplier, message="Attached.")  # paused 4, 7, 8 December
    assert application.due_on == add_working_days(d("2026-12-01"), 23)
    clock = application_clock(application=application, today=d("2026-12-09"))
    assert (clock.paused_days, clock.days_used, clock.due_on) == (3, 3, application.due_on)
