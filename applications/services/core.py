"""What every application service shares: the row lock, the audit event, the transition commit."""

from django.utils import timezone

from ..clocks import application_clock
from ..models import Application, ApplicationEvent, ApplicationStatus
from ..models.workflow import status_phrase
from ..numbering import number_next
from ..transitions import TransitionNotAllowed, transition_apply

S = ApplicationStatus

# When a transition lands in a state, the service stamps these times.
STAMPS = {
    S.SUBMITTED: ("submitted_at",),
    S.APPROVED: ("decided_at",),
    S.REFUSED: ("decided_at",),
    S.LICENCE_ISSUED: ("licence_issued_at",),
    S.INSTALLED: ("installed_at",),
    S.LIVE: ("live_at",),
    S.WITHDRAWN: ("withdrawn_at",),
}


def status_label(status: str) -> str:
    return status_phrase(status)


def application_lock(application: Application) -> Application:
    """Lock the application's row for this transaction and refuse a stale copy.

    On PostgreSQL a second officer acting at the same moment waits here, then finds the
    state changed and is refused; ConcurrentTransitionMixin backs this up on SQLite.
    """
    current = Application.objects.select_for_update().filter(pk=application.pk).values_list("status", flat=True).first()
    if current is None:
        raise TransitionNotAllowed("This application no longer exists.")
    if current != application.status:
        raise TransitionNotAllowed(
            f"This application has changed since you opened it: it is now {status_label(current)}. "
            "Reload the page and try again."
        )
    return application


def event_record(
    *,
    application: Application,
    action: str,
    by,
    from_status: str | None = None,
    to_status: str | None = None,
    comment: str = "",
    site=None,
    data: dict | None = None,
    at=None,
) -> ApplicationEvent:
    """Append one audit event (the caller's transaction)."""
    event = ApplicationEvent(
        application=application,
        actor=by if getattr(by, "pk", None) else None,
        at=at or timezone.now(),
        action=action,
        from_status=from_status or application.status,
        to_status=to_status or application.status,
        comment=comment,
        site=site,
        data=data or {},
    )
    event.full_clean(exclude=["application", "actor", "site"])
    event.save()
    return event


def transition_commit(
    *, application: Application, action: str, by, comment: str = "", data: dict | None = None
) -> ApplicationEvent:
    """Make a checked transition: new state, time stamps, audit event, clock; then save.

    ConcurrentTransitionMixin makes the save fail (and the transaction roll back) if the
    row's state changed after this copy was read.
    """
    now = timezone.now()
    source, target = transition_apply(application=application, action=action)
    for field in STAMPS.get(target, ()):
        setattr(application, field, now)
    if target == S.SUBMITTED and application.first_submitted_at is None:
        application.first_submitted_at = now
    event = event_record(
        application=application,
        action=action,
        by=by,
        from_status=source,
        to_status=target,
        comment=comment.strip(),
        data=data,
        at=now,
    )
    application.due_on = application_clock(application=application).due_on
    application.full_clean()
    application.save()
    return event


def reference_next(*, council, year: int) -> str:
    """The next reference for a council and year, e.g. GCC-APP-2026-00042; never reused (applications.numbering)."""
    prefix = council.initials
    return f"{prefix}-APP-{year}-{number_next(prefix=prefix, year=year):05d}"
