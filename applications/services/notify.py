"""Telling the other side: an in-portal notification now, an email once the transaction commits."""

import logging

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction

from portal.models import COUNCIL_ROLES, Role, User
from portal.selectors import email_signature, portal_url

from ..links import detail_url
from ..models import Application, Notification
from ..models.workflow import APPLICANT

logger = logging.getLogger(__name__)

APPLICANT_SIDE = "applicant"
COUNCIL_SIDE = "council"


def recipients(*, application: Application, side: str) -> list[User]:
    """The applicant organisation's active users, or the assigned officer (else all the council's staff)."""
    if side == APPLICANT_SIDE:
        qs = User.objects.filter(organisation_id=application.organisation_id, role=Role.SUPPLIER, is_active=True)
        return list(qs.order_by("pk"))
    officer = application.assigned_officer
    if officer is not None and officer.is_active:
        return [officer]
    qs = User.objects.filter(council_id=application.council_id, role__in=COUNCIL_ROLES, is_active=True)
    return list(qs.order_by("pk"))


def other_side(*, application: Application, by) -> str:
    return COUNCIL_SIDE if APPLICANT(application, by) else APPLICANT_SIDE


def _send(messages: list[tuple[str, str, str, list[str]]]) -> None:
    try:
        send_mass_mail(messages, fail_silently=False)
    except Exception:  # the change is committed; a mail failure must not turn into an error page
        logger.exception("Could not send %d application email(s)", len(messages))


def notify(
    *, application: Application, side: str, text: str, by=None, detail: str = "", users: list[User] | None = None
) -> list[Notification]:
    """Notify one side (or the given users) of an application's news; never the person who made it."""
    people = users if users is not None else recipients(application=application, side=side)
    people = [u for u in people if u.pk != getattr(by, "pk", None)]
    if not people:
        return []
    url = detail_url(application)
    notes = Notification.objects.bulk_create(
        [Notification(user=u, application=application, text=text[:300], url=url) for u in people]
    )
    body = "\n\n".join(
        part
        for part in (
            text,
            detail.strip(),
            f"Application {application.reference}: {portal_url(url)}",
            email_signature(application.council),
        )
        if part
    )
    subject = f"{application.reference}: {text}"[:200]
    mails = [(subject, body, settings.DEFAULT_FROM_EMAIL, [u.email]) for u in people if u.email]
    if mails:
        transaction.on_commit(lambda: _send(mails))
    return notes


def notify_other_side(*, application: Application, by, text: str, detail: str = "") -> list[Notification]:
    side = other_side(application=application, by=by)
    return notify(application=application, side=side, text=text, by=by, detail=detail)
