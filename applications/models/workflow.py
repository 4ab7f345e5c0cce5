"""The application workflow: every state and every transition, declared once, here.

States (ApplicationStatus)::

    draft -> submitted -> under_review -> approved -> licence_issued -> installed -> live
                 |              |  ^
                 v              v  |
             returned     information_requested

    returned -> submitted (resubmit); under_review -> refused (decide, when every site
    is refused); withdrawn from any state before licence_issued (the supplier).

Each transition below states its source, its target, who may make it (`permission`, a
`Party`) and its conditions (each with the plain-English reason shown when it fails).
django-fsm-2 enforces source and conditions; `applications.transitions` checks the
party and turns every refusal into plain English. Only the services in
`applications.services` call these methods; nothing else assigns `status` (the field
is protected).

The methods only decide the state. Who, when, the audit event, capacity, email and
notifications are the services' business (docs/STYLE.md point 4).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db import models
from django_fsm import GET_STATE, transition

from .site_requests import SiteDecision


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"
    RETURNED = "returned", "Returned as incomplete"
    UNDER_REVIEW = "under_review", "Under review"
    INFORMATION_REQUESTED = "information_requested", "Information requested"
    APPROVED = "approved", "Approved"
    REFUSED = "refused", "Refused"
    LICENCE_ISSUED = "licence_issued", "Licence issued"
    INSTALLED = "installed", "Installed"
    LIVE = "live", "Live"
    WITHDRAWN = "withdrawn", "Withdrawn"


S = ApplicationStatus

# How a state reads in a sentence: "while it is <phrase>".
STATUS_PHRASES = {
    S.DRAFT: "a draft",
    S.SUBMITTED: "submitted",
    S.RETURNED: "returned as incomplete",
    S.UNDER_REVIEW: "under review",
    S.INFORMATION_REQUESTED: "waiting for information",
    S.APPROVED: "approved",
    S.REFUSED: "refused",
    S.LICENCE_ISSUED: "licensed",
    S.INSTALLED: "installed",
    S.LIVE: "live",
    S.WITHDRAWN: "withdrawn",
}


def status_phrase(status: str) -> str:
    return STATUS_PHRASES.get(status, str(status))


# Who has the next move in each state (shown as "what is awaited").
WAITING_ON = {
    S.DRAFT: "applicant",
    S.SUBMITTED: "council",
    S.RETURNED: "applicant",
    S.UNDER_REVIEW: "council",
    S.INFORMATION_REQUESTED: "applicant",
    S.APPROVED: "council",
    S.LICENCE_ISSUED: "applicant",
    S.INSTALLED: "applicant",
}
# Applications that hold or claim an asset: they count as conflicts for later ones.
ACTIVE_STATUSES = (
    S.SUBMITTED,
    S.RETURNED,
    S.UNDER_REVIEW,
    S.INFORMATION_REQUESTED,
    S.APPROVED,
    S.LICENCE_ISSUED,
    S.INSTALLED,
    S.LIVE,
)
DECIDED_STATUSES = (S.APPROVED, S.REFUSED, S.LICENCE_ISSUED, S.INSTALLED, S.LIVE)
# What the public may see (docs/DESIGN.md "What the public sees").
PUBLIC_STATUSES = (S.APPROVED, S.LICENCE_ISSUED, S.INSTALLED, S.LIVE)
BEFORE_LICENCE = (S.DRAFT, S.SUBMITTED, S.RETURNED, S.UNDER_REVIEW, S.INFORMATION_REQUESTED, S.APPROVED)
# The officer queue's open applications: active and not yet live (in this order on the queue's filter).
OPEN_STATUSES = tuple(s for s in ACTIVE_STATUSES if s != S.LIVE)
# Submitted and not yet installed: someone is waiting on a decision or about to install
# (the asset page's "other applications in progress").
IN_PROGRESS_STATUSES = tuple(s for s in OPEN_STATUSES if s != S.INSTALLED)
# Nothing more happens: no upload is taken and no milestone is awaited.
ENDED_STATUSES = (S.REFUSED, S.WITHDRAWN, S.LIVE)
# The applicant may change the sites and equipment.
EDITABLE_STATUSES = (S.DRAFT, S.RETURNED)
# Not in the council's hands: no officer can be assigned.
UNASSIGNABLE_STATUSES = (S.DRAFT, S.WITHDRAWN)
# Every status but these has been submitted at least once (Application's first_submitted_at constraint).
EVER_SUBMITTED = [s for s in S if s not in (S.DRAFT, S.WITHDRAWN)]


@dataclass(frozen=True)
class Party:
    """One side of an application, used as a django-fsm `permission` callable."""

    code: str
    description: str
    test: Callable[[object, object], bool]

    def __call__(self, application, user) -> bool:
        return bool(user is not None and user.is_authenticated and user.is_active and self.test(application, user))


def _is_applicant(application, user) -> bool:
    return user.is_supplier and user.organisation_id == application.organisation_id


def _is_council(application, user) -> bool:
    return user.is_council_staff and user.council_id == application.council_id


APPLICANT = Party("applicant", "the applicant organisation", _is_applicant)
COUNCIL = Party("council", "the council's officers", _is_council)
EITHER = Party(
    "either",
    "the applicant organisation or the council's officers",
    lambda a, u: _is_applicant(a, u) or _is_council(a, u),
)


def condition(message: str):
    """Mark a django-fsm condition with the reason shown when it does not hold."""

    def wrap(check):
        check.message = message
        return check

    return wrap


@condition("Add at least one site to the application.")
def has_sites(application) -> bool:
    return application.sites.exists()


@condition("Decide every site (approve or refuse it) before deciding the application.")
def every_site_decided(application) -> bool:
    return application.sites.exists() and not application.sites.filter(decision=SiteDecision.PENDING).exists()


@condition("An officer must confirm the installation before the site goes live.")
def installation_confirmed(application) -> bool:
    return application.installation_confirmed_at is not None


def decision_outcome(application) -> str:
    """Approved when at least one site is approved (every site decided), refused otherwise."""
    return S.APPROVED if application.sites.filter(decision=SiteDecision.APPROVED).exists() else S.REFUSED


class ApplicationWorkflow:
    """The transitions of Application (mixed into the model). `custom` carries the wording."""

    @transition(
        field="status",
        source=S.DRAFT,
        target=S.SUBMITTED,
        permission=APPLICANT,
        conditions=[has_sites],
        custom={"verb": "submit", "checks": True},
    )
    def submit(self):
        """Send the draft to the council; the service first runs every submission check."""

    @transition(
        field="status",
        source=S.RETURNED,
        target=S.SUBMITTED,
        permission=APPLICANT,
        conditions=[has_sites],
        custom={"verb": "resubmit", "checks": True},
    )
    def resubmit(self):
        """Send an amended application back after it was returned as incomplete."""

    @transition(
        field="status",
        source=S.SUBMITTED,
        target=S.UNDER_REVIEW,
        permission=COUNCIL,
        custom={"verb": "start reviewing"},
    )
    def start_review(self):
        """Validate: the application is complete and the site checks begin."""

    @transition(
        field="status",
        source=S.SUBMITTED,
        target=S.RETURNED,
        permission=COUNCIL,
        custom={"verb": "return", "comment_required": "Give the reasons the application is incomplete."},
    )
    def return_incomplete(self):
        """Return as incomplete, with reasons; the applicant amends and resubmits."""

    @transition(
        field="status",
        source=S.UNDER_REVIEW,
        target=S.INFORMATION_REQUESTED,
        permission=COUNCIL,
        custom={"verb": "request information on", "comment_required": "Enter the information you need."},
    )
    def request_information(self):
        """Ask the applicant for more information; the review clock pauses."""

    @transition(
        field="status",
        source=S.INFORMATION_REQUESTED,
        target=S.UNDER_REVIEW,
        permission=APPLICANT,
        custom={"verb": "answer", "comment_required": "Enter your answer."},
    )
    def answer(self):
        """Answer the officer's request; the review clock restarts."""

    @transition(
        field="status",
        source=S.UNDER_REVIEW,
        target=GET_STATE(decision_outcome, states=[S.APPROVED, S.REFUSED]),
        permission=COUNCIL,
        conditions=[every_site_decided],
        custom={"verb": "decide", "targets": (S.APPROVED, S.REFUSED)},
    )
    def decide(self):
        """Record the decision that follows the per-site decisions."""

    @transition(
        field="status",
        source=S.APPROVED,
        target=S.LICENCE_ISSUED,
        permission=COUNCIL,
        custom={"verb": "issue a licence for"},
    )
    def issue_licence(self):
        """Issue the licence (the PDF is built by the licence service in the same transaction)."""

    @transition(
        field="status",
        source=S.LICENCE_ISSUED,
        target=S.INSTALLED,
        permission=EITHER,
        custom={"verb": "report the installation of"},
    )
    def report_installed(self):
        """The supplier reports the equipment installed (or an officer records it after a visit).

        An officer confirms a supplier's report (an event, no change of state);
        going live needs that confirmation.
        """

    @transition(
        field="status",
        source=S.INSTALLED,
        target=S.LIVE,
        permission=EITHER,
        conditions=[installation_confirmed],
        custom={"verb": "put live"},
    )
    def go_live(self):
        """The service is on air or lit."""

    @transition(
        field="status",
        source=list(BEFORE_LICENCE),
        target=S.WITHDRAWN,
        permission=APPLICANT,
        custom={"verb": "withdraw"},
    )
    def withdraw(self):
        """The applicant withdraws; capacity reserved for approved sites is given back."""
