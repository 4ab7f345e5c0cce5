"""Submitting, and the council's review: validate or return, request information, decide."""

import math

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from portal.models import User
from sites.services import asset_capacity_release, asset_capacity_reserve

from ..checks import site_conflicts, submission_problems
from ..models import (
    Application,
    ApplicationMessage,
    ApplicationSite,
    ApplicationStatus,
    EventAction,
    RefusalReason,
    SiteDecision,
)
from ..models.workflow import COUNCIL, UNASSIGNABLE_STATUSES
from ..transitions import TransitionNotAllowed, transition_check
from .core import application_lock, event_record, status_label, transition_commit
from .notify import APPLICANT_SIDE, COUNCIL_SIDE, notify

S = ApplicationStatus


def _conflict_note(application: Application) -> tuple[str, dict]:
    conflicts = site_conflicts(application=application)
    if not conflicts:
        return "", {}
    lines = [
        f"{c.asset_reference} is also in {c.other_reference} ({status_label(c.other_status)}"
        f"{', submitted earlier' if c.earlier else ''})."
        for found in conflicts.values()
        for c in found
    ]
    data = {str(site_id): [c.other_reference for c in found] for site_id, found in conflicts.items()}
    return "\n".join(lines), {"conflicts": data}


def _sites(count: int) -> str:
    return f"{count} site{'s' if count != 1 else ''}"


def _submit(application: Application, by: User, action: str) -> Application:
    application_lock(application)
    transition_check(application=application, action=action, by=by, conditions=False)
    problems = submission_problems(application=application)
    if problems:
        raise ValidationError(problems)
    note, data = _conflict_note(application)
    transition_commit(application=application, action=action, by=by, comment=note, data=data)
    count = application.sites.count()
    verb = "submitted" if action == "submit" else "resubmitted"
    notify(
        application=application,
        side=COUNCIL_SIDE,
        by=by,
        text=f"{application.organisation.name} {verb} {application.reference} ({_sites(count)}).",
        detail=note,
    )
    return application


@transaction.atomic
def application_submit(*, application: Application, by: User) -> Application:
    """Submit a draft: every check at once (ValidationError with a dict of plain-English lists).

    Conflicts with other active applications for the same assets do not block; they are
    recorded on the event for the officer (first submitted wins).
    """
    return _submit(application, by, "submit")


@transaction.atomic
def application_resubmit(*, application: Application, by: User) -> Application:
    """Submit a returned application again, after amending it; the same checks as submitting."""
    return _submit(application, by, "resubmit")


@transaction.atomic
def application_start_review(*, application: Application, by: User, comment: str = "") -> Application:
    """Validate a submitted application: complete, the review starts (assigned to `by` if nobody)."""
    application_lock(application)
    transition_check(application=application, action="start_review", by=by)
    if application.assigned_officer_id is None:
        application.assigned_officer = by
    transition_commit(application=application, action="start_review", by=by, comment=comment)
    text = f"The council is reviewing {application.reference}."
    notify(application=application, side=APPLICANT_SIDE, by=by, text=text)
    return application


@transaction.atomic
def application_return(*, application: Application, by: User, reasons: str) -> Application:
    """Return a submitted application as incomplete, with the reasons (required)."""
    application_lock(application)
    transition_check(application=application, action="return_incomplete", by=by, comment=reasons)
    transition_commit(application=application, action="return_incomplete", by=by, comment=reasons)
    notify(
        application=application,
        side=APPLICANT_SIDE,
        by=by,
        text=f"{application.reference} was returned as incomplete.",
        detail=reasons,
    )
    return application


@transaction.atomic
def application_request_information(*, application: Application, by: User, message: str) -> ApplicationMessage:
    """Ask the applicant for information (required); the review clock pauses until they answer."""
    application_lock(application)
    transition_check(application=application, action="request_information", by=by, comment=message)
    request = ApplicationMessage(application=application, author=by, body=message.strip(), is_information_request=True)
    request.full_clean(exclude=["application", "author"])
    request.save()
    transition_commit(
        application=application, action="request_information", by=by, comment=message, data={"message": request.pk}
    )
    notify(
        application=application,
        side=APPLICANT_SIDE,
        by=by,
        text=f"The council needs more information on {application.reference}.",
        detail=message,
    )
    return request


@transaction.atomic
def application_answer(*, application: Application, by: User, message: str) -> ApplicationMessage:
    """Answer the open request for information (required); the review resumes."""
    application_lock(application)
    transition_check(application=application, action="answer", by=by, comment=message)
    open_request = application.messages.filter(is_information_request=True).order_by("-created_at", "-pk").first()
    answer = ApplicationMessage(application=application, author=by, body=message.strip(), answers=open_request)
    answer.full_clean(exclude=["application", "author", "answers"])
    answer.save()
    transition_commit(application=application, action="answer", by=by, comment=message, data={"message": answer.pk})
    notify(
        application=application,
        side=COUNCIL_SIDE,
        by=by,
        text=f"{application.organisation.name} answered the request for information on {application.reference}.",
        detail=message,
    )
    return answer


def _reserve(site: ApplicationSite) -> None:
    asset = site.asset
    if not asset.is_available:
        raise ValidationError({"decision": f"{asset.reference} is unavailable: {asset.unavailable_reason}"})
    load = math.ceil(site.weight_kg or 0)
    try:
        asset_capacity_reserve(asset=asset, slots=1, load_kg=load)
    except ValidationError as exc:
        raise ValidationError({"decision": exc.messages}) from exc
    site.capacity_reserved = True
    site.reserved_load_kg = load


def site_capacity_release(site: ApplicationSite) -> None:
    """Give back what approving the site reserved (the caller saves the site)."""
    if site.capacity_reserved:
        asset_capacity_release(asset=site.asset, slots=1, load_kg=site.reserved_load_kg)
        site.capacity_reserved = False
        site.reserved_load_kg = 0


@transaction.atomic
def application_site_decide(
    *,
    site: ApplicationSite,
    by: User,
    decision: str,
    conditions: str = "",
    refusal_reason: str = "",
    refusal_detail: str = "",
) -> ApplicationSite:
    """Approve a site (with conditions) or refuse it (with a reason from RefusalReason).

    Approving reserves a slot and the equipment's weight on the asset, refusing gives
    them back. Only while the application is under review; a site may be decided again
    until the application's decision.
    """
    application = site.application
    application_lock(application)
    if application.status != S.UNDER_REVIEW:
        raise TransitionNotAllowed(
            "You can decide sites only while the application is under review; "
            f"it is {status_label(application.status)}."
        )
    if not COUNCIL(application, by):
        raise PermissionDenied("Only the council's officers can decide a site.")
    if decision not in (SiteDecision.APPROVED, SiteDecision.REFUSED):
        raise ValidationError({"decision": "Choose whether to approve or refuse the site."})
    if decision == SiteDecision.REFUSED:
        if refusal_reason not in RefusalReason.values:
            raise ValidationError({"refusal_reason": "Choose the reason for refusing the site."})
        if refusal_reason == RefusalReason.OTHER and not refusal_detail.strip():
            raise ValidationError({"refusal_detail": "Explain the reason for refusing the site."})
    site = ApplicationSite.objects.select_for_update().select_related("asset").get(pk=site.pk)
    if decision == SiteDecision.APPROVED:
        if not site.capacity_reserved:
            _reserve(site)
        site.conditions, site.refusal_reason, site.refusal_detail = conditions.strip(), "", ""
    else:
        site_capacity_release(site)
        site.conditions, site.refusal_reason, site.refusal_detail = "", refusal_reason, refusal_detail.strip()
    site.decision, site.decided_by, site.decided_at = decision, by, timezone.now()
    site.full_clean(exclude=["application", "asset", "decided_by"])
    site.save()
    event_record(
        application=application,
        action=EventAction.SITE_DECIDED,
        by=by,
        comment=site.conditions or site.refusal_detail,
        site=site,
        data={"asset": site.asset.reference, "decision": decision, "refusal_reason": site.refusal_reason},
        at=site.decided_at,
    )
    return site


@transaction.atomic
def application_decide(*, application: Application, by: User, comment: str = "") -> Application:
    """Record the application's decision once every site is decided: approved if any site is."""
    application_lock(application)
    transition_check(application=application, action="decide", by=by)
    transition_commit(application=application, action="decide", by=by, comment=comment)
    approved = application.sites.filter(decision=SiteDecision.APPROVED).count()
    total = application.sites.count()
    if application.status == S.APPROVED:
        text = f"{application.reference} was approved ({approved} of {_sites(total)})."
    else:
        text = f"{application.reference} was refused."
    notify(application=application, side=APPLICANT_SIDE, by=by, text=text, detail=comment)
    return application


@transaction.atomic
def application_assign(*, application: Application, officer: User | None, by: User) -> Application:
    """Assign the application to one of the council's officers (or to nobody)."""
    application_lock(application)
    if not COUNCIL(application, by):
        raise PermissionDenied("Only the council's officers can assign an application.")
    if officer is not None and not COUNCIL(application, officer):
        raise ValidationError({"officer": "Choose an officer of this council."})
    if application.status in UNASSIGNABLE_STATUSES:
        raise TransitionNotAllowed(f"You cannot assign an application that is {status_label(application.status)}.")
    application.assigned_officer = officer
    application.full_clean()
    application.save(update_fields=["assigned_officer", "updated_at"])
    name = (officer.get_full_name() or officer.username) if officer else "nobody"
    event_record(
        application=application,
        action=EventAction.ASSIGNED,
        by=by,
        comment=f"Assigned to {name}.",
        data={"officer": officer.pk if officer else None},
    )
    if officer is not None:
        notify(
            application=application,
            side=COUNCIL_SIDE,
            by=by,
            users=[officer],
            text=f"You have been assigned {application.reference}.",
        )
    return application
