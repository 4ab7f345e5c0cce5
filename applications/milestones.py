"""An application's milestones, in order, each with its date: the timeline at the top of its page.

The milestones are the workflow's main road (docs/DESIGN.md "Application workflow", docs/adr/0005):
started, submitted, review started, decided, licence issued, installed (the day the supplier
reports, then the council's confirmation), live. Each one reached has its date; the next is
"current" (what the application waits for); those after it are still to come. A refused or
withdrawn application ends where it stopped, and says so. Dates come from the application's
own fields (kept by the services) and, for the review's start, its first event of that kind.
"""

from dataclasses import dataclass
from datetime import date, datetime

from django.utils import timezone

from .models import ENDED_STATUSES, Application, ApplicationStatus, EventAction, SiteDecision

S = ApplicationStatus


@dataclass(frozen=True)
class Milestone:
    key: str
    label: str
    on: date | None  # the day it was reached (None: not yet)
    state: str  # "done", "current" (waited for now), "upcoming", "stopped" (refused or withdrawn)
    detail: str = ""

    @property
    def done(self) -> bool:
        return self.state in ("done", "stopped")


def _day(value: datetime | date | None) -> date | None:
    if value is None or isinstance(value, date) and not isinstance(value, datetime):
        return value
    return timezone.localdate(value)


def _first_event_day(application: Application, action: str) -> date | None:
    at = application.events.filter(action=action).order_by("at", "pk").values_list("at", flat=True).first()
    return _day(at)


def _decision_detail(application: Application) -> str:
    decisions = list(application.sites.values_list("decision", flat=True))
    approved = sum(1 for d in decisions if d == SiteDecision.APPROVED)
    if application.status == S.REFUSED:
        return "Refused"
    return f"Approved for {approved} of {len(decisions)} site{'s' if len(decisions) != 1 else ''}"


def application_milestones(application: Application) -> list[Milestone]:
    """The milestones of `application`, in order (see the module's docstring)."""
    licence_number = application.licences.order_by("issued_at", "pk").values_list("number", flat=True).first()
    installed_detail = ""
    if application.installed_on:
        installed_detail = (
            f"Confirmed by the council on {_day(application.installation_confirmed_at):%-d %B %Y}"
            if application.installation_confirmed_at
            else "Reported by the applicant; the council has not yet confirmed it"
        )
    road = [
        ("started", "Draft started", _day(application.created_at), ""),
        (
            "submitted",
            "Submitted",
            _day(application.first_submitted_at),
            f"Submitted again on {_day(application.submitted_at):%-d %B %Y}"
            if application.submitted_at and application.submitted_at != application.first_submitted_at
            else "",
        ),
        ("review", "Review started", _first_event_day(application, EventAction.START_REVIEW), ""),
        (
            "decided",
            "Decided",
            _day(application.decided_at),
            _decision_detail(application) if application.decided_at else "",
        ),
        (
            "licence",
            "Licence issued",
            _day(application.licence_issued_at),
            f"Licence {licence_number}" if licence_number else "",
        ),
        ("installed", "Installed", application.installed_on, installed_detail),
        ("live", "Live", application.live_on, ""),
    ]
    stopped_at = None
    if application.status == S.REFUSED:
        stopped_at = "decided"
    milestones: list[Milestone] = []
    waiting = application.status not in ENDED_STATUSES
    for key, label, on, detail in road:
        if on is not None:
            state = "stopped" if key == stopped_at else "done"
            milestones.append(Milestone(key, label, on, state, detail))
        elif stopped_at or application.status == S.WITHDRAWN:
            break  # the road ends where the application stopped
        else:
            milestones.append(Milestone(key, label, None, "current" if waiting else "upcoming"))
            waiting = False
    if application.status == S.WITHDRAWN:
        milestones.append(Milestone("withdrawn", "Withdrawn", _day(application.withdrawn_at), "stopped"))
    return milestones
