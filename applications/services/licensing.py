"""After the decision: licence, installation, going live; and withdrawal before the licence."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from portal.models import User

from .. import licences
from ..models import Application, ApplicationStatus, EventAction
from ..models.workflow import APPLICANT, COUNCIL
from ..transitions import TransitionNotAllowed, transition_check
from .core import application_lock, event_record, transition_commit
from .notify import APPLICANT_SIDE, COUNCIL_SIDE, notify, notify_other_side
from .review import site_capacity_release

S = ApplicationStatus


@transaction.atomic
def application_issue_licence(*, application: Application, by: User, comment: str = "") -> Application:
    """Issue the licence for an approved application (licences.licence_issue_documents makes it)."""
    application_lock(application)
    transition_check(application=application, action="issue_licence", by=by)
    transition_commit(application=application, action="issue_licence", by=by, comment=comment)
    licences.licence_issue_documents(application=application, by=by)
    notify(
        application=application,
        side=APPLICANT_SIDE,
        by=by,
        text=f"The licence for {application.reference} has been issued.",
        detail=comment,
    )
    return application


def _confirm(application: Application, by: User, comment: str = "") -> None:
    application.installation_confirmed_at = timezone.now()
    application.installation_confirmed_by = by
    application.full_clean()
    application.save(update_fields=["installation_confirmed_at", "installation_confirmed_by", "updated_at"])
    event_record(
        application=application,
        action=EventAction.INSTALLATION_CONFIRMED,
        by=by,
        comment=comment,
        at=application.installation_confirmed_at,
    )


@transaction.atomic
def application_report_installed(*, application: Application, by: User, comment: str = "") -> Application:
    """The supplier reports the installation done; an officer recording it confirms it at once.

    A supplier's report waits for an officer's `application_confirm_installation`
    before the application can go live.
    """
    application_lock(application)
    transition_check(application=application, action="report_installed", by=by)
    transition_commit(application=application, action="report_installed", by=by, comment=comment)
    if COUNCIL(application, by):
        _confirm(application, by)
        notify(
            application=application,
            side=APPLICANT_SIDE,
            by=by,
            text=f"The council recorded the installation for {application.reference}.",
            detail=comment,
        )
    else:
        notify(
            application=application,
            side=COUNCIL_SIDE,
            by=by,
            text=f"{application.organisation.name} reported the installation for {application.reference}: "
            "please confirm it.",
            detail=comment,
        )
    return application


@transaction.atomic
def application_confirm_installation(*, application: Application, by: User, comment: str = "") -> Application:
    """An officer confirms the installation a supplier reported (no change of state)."""
    application_lock(application)
    if not COUNCIL(application, by):
        raise PermissionDenied("Only the council's officers can confirm an installation.")
    if application.status != S.INSTALLED:
        raise TransitionNotAllowed("You can confirm an installation only once it has been reported.")
    if application.installation_confirmed_at is not None:
        raise TransitionNotAllowed("The installation has already been confirmed.")
    _confirm(application, by, comment)
    notify(
        application=application,
        side=APPLICANT_SIDE,
        by=by,
        text=f"The council confirmed the installation for {application.reference}.",
        detail=comment,
    )
    return application


@transaction.atomic
def application_go_live(*, application: Application, by: User, comment: str = "") -> Application:
    """The service is live (after the installation was confirmed)."""
    application_lock(application)
    transition_check(application=application, action="go_live", by=by)
    transition_commit(application=application, action="go_live", by=by, comment=comment)
    notify_other_side(application=application, by=by, text=f"{application.reference} is live.", detail=comment)
    return application


@transaction.atomic
def application_withdraw(*, application: Application, by: User, reason: str = "") -> Application:
    """The applicant withdraws before the licence; capacity held for approved sites is given back."""
    application_lock(application)
    transition_check(application=application, action="withdraw", by=by)
    was_submitted = application.first_submitted_at is not None
    for site in application.sites.filter(capacity_reserved=True).select_related("asset").select_for_update():
        site_capacity_release(site)
        site.save(update_fields=["capacity_reserved", "reserved_load_kg"])
    transition_commit(application=application, action="withdraw", by=by, comment=reason)
    if was_submitted and APPLICANT(application, by):
        notify(
            application=application,
            side=COUNCIL_SIDE,
            by=by,
            text=f"{application.organisation.name} withdrew {application.reference}.",
            detail=reason,
        )
    return application
