"""After the decision, the application's own moves: issue licence, report and confirm the
installation, go live; and withdrawal before the licence.

These are workflow transitions of the Application (state, audit event, clocks, notices),
like the rest of applications.services. The licence itself (its number, PDF, hash,
revocation, variation and renewal) is applications.licences.services; the transition here
asks for it through the package's hook `licences.licence_issue_documents`, in the same
transaction. (This module was services/licensing.py, a name that read as a second home
for licences.)
"""

from collections.abc import Sequence
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from portal.models import User

from .. import licences
from ..clocks import working_days_between
from ..models import Application, ApplicationStatus, DocumentKind, EventAction
from ..models.workflow import APPLICANT, COUNCIL
from ..transitions import TransitionNotAllowed, transition_check
from ..uploads import upload_check
from .core import application_lock, event_record, transition_commit
from .correspondence import document_upload
from .notify import APPLICANT_SIDE, COUNCIL_SIDE, notify, notify_other_side
from .review import site_capacity_release

S = ApplicationStatus


@transaction.atomic
def application_issue_licence(*, application: Application, by: User, comment: str = "") -> Application:
    """Issue the licence for an approved application (licences.licence_issue_documents makes it)."""
    application_lock(application)
    transition_check(application=application, action="issue_licence", by=by)
    transition_commit(application=application, action="issue_licence", by=by, comment=comment)
    application.licence_working_days = max(
        working_days_between(
            timezone.localdate(application.first_submitted_at), timezone.localdate(application.licence_issued_at)
        ),
        0,
    )
    application.save(update_fields=["licence_working_days", "updated_at"])
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


def _reported_day(day: date | None, *, field: str, words: str, not_before: date | None, before_words: str) -> date:
    """The day the supplier says it happened: today by default, never in the future nor too early."""
    today = timezone.localdate()
    day = day or today
    if day > today:
        raise ValidationError({field: f"The {words} must be today or in the past"})
    if not_before is not None and day < not_before:
        raise ValidationError(
            {field: f"The {words} must be on or after {before_words} ({not_before.day} {not_before:%B %Y})"}
        )
    return day


def _photos_check(photos: Sequence) -> None:
    """Every photo a PNG or JPEG within the size limit, checked before anything is written."""
    for photo in photos:
        try:
            content_type, _ = upload_check(photo)
        except ValidationError as exc:
            raise ValidationError({"photos": f"{photo.name}: {exc.message_dict['file'][0]}"}) from exc
        if not content_type.startswith("image/"):
            raise ValidationError({"photos": f"{photo.name}: a photo must be a PNG or JPEG"})


@transaction.atomic
def application_report_installed(
    *,
    application: Application,
    by: User,
    comment: str = "",
    installed_on: date | None = None,
    photos: Sequence = (),
) -> Application:
    """The supplier reports the installation done; an officer recording it confirms it at once.

    `installed_on` is the day it was installed (today when not given; not in the future,
    not before the licence); `photos` (PNG or JPEG files) are stored as documents of kind
    photo in the same transaction. A supplier's report waits for an officer's
    `application_confirm_installation` before the application can go live.
    """
    application_lock(application)
    transition_check(application=application, action="report_installed", by=by)
    _photos_check(photos)
    licensed = timezone.localdate(application.licence_issued_at) if application.licence_issued_at else None
    application.installed_on = _reported_day(
        installed_on, field="installed_on", words="installation date", not_before=licensed, before_words="the licence"
    )
    transition_commit(application=application, action="report_installed", by=by, comment=comment)
    for photo in photos:
        document_upload(application=application, by=by, file=photo, kind=DocumentKind.PHOTO)
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
def application_go_live(
    *, application: Application, by: User, comment: str = "", live_on: date | None = None
) -> Application:
    """The service is live (after the installation was confirmed), since `live_on` (today when not given)."""
    application_lock(application)
    transition_check(application=application, action="go_live", by=by)
    application.live_on = _reported_day(
        live_on,
        field="live_on",
        words="date it went live",
        not_before=application.installed_on,
        before_words="the installation",
    )
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
