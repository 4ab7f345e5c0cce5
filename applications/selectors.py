"""Reads of applications, always scoped to who asks.

Suppliers see only their organisation's applications (drafts included); officers and
council admins only their council's, once submitted (a draft is the applicant's alone);
system admins every submitted application; anyone else nothing. Documents, messages,
events and sites follow the application. The public sees only `public_site_list` and
`public_ward_statistics` (docs/DESIGN.md "What the public sees").
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from portal.models import User

from .checks import Conflict, site_conflicts, submission_problems
from .clocks import Clock, add_working_days, application_clock, days_left
from .fees import FeeQuote, application_fees
from .models import (
    OPEN_STATUSES,
    Application,
    ApplicationDocument,
    ApplicationEvent,
    ApplicationMessage,
    ApplicationSite,
    ApplicationStatus,
    Notification,
)
from .public import PUBLIC_FIELDS, public_site_list, public_ward_statistics
from .transitions import TransitionSpec, available_actions

S = ApplicationStatus
DUE_SOON_WORKING_DAYS = 3

__all__ = [
    "PUBLIC_FIELDS",
    "Clock",
    "Conflict",
    "FeeQuote",
    "QueueRow",
    "TransitionSpec",
    "application_clock",
    "application_events_for",
    "application_fees",
    "application_list_for",
    "application_messages_for",
    "application_queue",
    "application_sites_for",
    "available_actions",
    "document_get_for",
    "document_list_for",
    "notification_list_for",
    "notification_unread_count",
    "public_site_list",
    "public_ward_statistics",
    "queue_rows",
    "queue_summary",
    "site_conflicts",
    "submission_problems",
]


def _signed_in(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def application_list_for(*, user: User) -> QuerySet[Application]:
    """The applications `user` may see, with council, organisation and assignee joined."""
    qs = Application.objects.select_related("council", "organisation", "assigned_officer")
    if not _signed_in(user):
        return qs.none()
    if user.is_supplier:
        return qs.filter(organisation_id=user.organisation_id) if user.organisation_id else qs.none()
    if user.is_council_staff:
        return qs.filter(council_id=user.council_id, first_submitted_at__isnull=False)
    if user.is_system_admin or user.is_superuser:
        return qs.filter(first_submitted_at__isnull=False)
    return qs.none()


def application_queue(
    *,
    user: User,
    status: str | list[str] | None = None,
    application_type: str | None = None,
    organisation=None,
    ward=None,
    assignee=None,
    due: str | None = None,
    today: date | None = None,
) -> QuerySet[Application]:
    """The officer's queue: the council's open applications, soonest due first.

    Filters (each optional): `status` (one or a list; default every open state),
    `application_type`, `organisation` and `ward` (instances or ids), `assignee`
    ("me", "unassigned", a User or an id), `due` ("overdue", "due_soon", "paused").
    Annotated with `site_count`. A fixed number of queries whatever the size: paginate
    it, then `queue_rows(applications=page)` for the working days left.
    """
    today = today or timezone.localdate()
    if not (_signed_in(user) and (user.is_council_staff or user.is_system_admin or user.is_superuser)):
        return Application.objects.none()
    qs = application_list_for(user=user)
    if status:
        qs = qs.filter(status__in=[status] if isinstance(status, str) else list(status))
    else:
        qs = qs.filter(status__in=OPEN_STATUSES)
    if application_type:
        qs = qs.filter(application_type=application_type)
    if organisation:
        qs = qs.filter(organisation_id=getattr(organisation, "pk", organisation))
    if ward:
        in_ward = ApplicationSite.objects.filter(application=OuterRef("pk"), asset__ward_id=getattr(ward, "pk", ward))
        qs = qs.filter(Exists(in_ward))
    if assignee == "me":
        qs = qs.filter(assigned_officer_id=user.pk)
    elif assignee == "unassigned":
        qs = qs.filter(assigned_officer__isnull=True)
    elif assignee:
        qs = qs.filter(assigned_officer_id=getattr(assignee, "pk", assignee))
    if due == "overdue":
        qs = qs.filter(due_on__lt=today)
    elif due == "due_soon":
        qs = qs.filter(due_on__gte=today, due_on__lte=add_working_days(today, DUE_SOON_WORKING_DAYS))
    elif due == "paused":
        qs = qs.filter(status=S.INFORMATION_REQUESTED)
    site_count = (
        ApplicationSite.objects.filter(application=OuterRef("pk"))
        .order_by()
        .values("application")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return qs.annotate(site_count=Coalesce(Subquery(site_count), 0)).order_by(
        F("due_on").asc(nulls_last=True), "first_submitted_at", "pk"
    )


@dataclass(frozen=True)
class QueueRow:
    application: Application
    days_left: int | None  # working days until due; negative when overdue; None when not timed
    overdue: bool
    paused: bool


def queue_rows(*, applications, today: date | None = None) -> list[QueueRow]:
    """Working days left for a page of the queue (no queries)."""
    today = today or timezone.localdate()
    rows = []
    for application in applications:
        left = days_left(application.due_on, today)
        rows.append(
            QueueRow(
                application=application,
                days_left=left,
                # As the queue's "overdue" filter and the clock: past the due date, even when the days
                # since were a weekend (0 working days left on a Sunday after a Friday due date).
                overdue=application.due_on is not None and application.due_on < today,
                paused=application.status == S.INFORMATION_REQUESTED,
            )
        )
    return rows


def queue_summary(*, user: User, today: date | None = None) -> dict[str, int]:
    """Counts for the queue's header: each open state, overdue, due soon, unassigned, mine (one query)."""
    today = today or timezone.localdate()
    qs = application_queue(user=user, today=today)
    soon = add_working_days(today, DUE_SOON_WORKING_DAYS)
    aggregates = {f"status_{s}": Count("pk", filter=Q(status=s)) for s in OPEN_STATUSES}
    aggregates.update(
        total=Count("pk"),
        overdue=Count("pk", filter=Q(due_on__lt=today)),
        due_soon=Count("pk", filter=Q(due_on__gte=today, due_on__lte=soon)),
        unassigned=Count("pk", filter=Q(assigned_officer__isnull=True)),
        mine=Count("pk", filter=Q(assigned_officer_id=getattr(user, "pk", None))),
    )
    return qs.order_by().aggregate(**aggregates)


def application_sites_for(*, user: User, application: Application) -> QuerySet[ApplicationSite]:
    """The sites of an application `user` may see, with asset, type, ward and decider joined."""
    return (
        ApplicationSite.objects.filter(application__in=application_list_for(user=user).filter(pk=application.pk))
        .select_related("asset__asset_type", "asset__ward", "decided_by")
        .order_by("pk")
    )


def application_events_for(*, user: User, application: Application) -> QuerySet[ApplicationEvent]:
    """The timeline (oldest first), the same for both sides."""
    return (
        ApplicationEvent.objects.filter(application__in=application_list_for(user=user).filter(pk=application.pk))
        .select_related("actor", "site__asset")
        .order_by("at", "pk")
    )


def application_messages_for(*, user: User, application: Application) -> QuerySet[ApplicationMessage]:
    return (
        ApplicationMessage.objects.filter(application__in=application_list_for(user=user).filter(pk=application.pk))
        .select_related("author")
        .order_by("created_at", "pk")
    )


def document_list_for(*, user: User, application: Application | None = None) -> QuerySet[ApplicationDocument]:
    qs = ApplicationDocument.objects.filter(application__in=application_list_for(user=user))
    if application is not None:
        qs = qs.filter(application=application)
    return qs.select_related("application", "site__asset", "uploaded_by").order_by("uploaded_at", "pk")


def document_get_for(*, user: User, pk: int) -> ApplicationDocument | None:
    """One document if `user` may download it (the view serves it only then), else None."""
    return document_list_for(user=user).filter(pk=pk).first()


def notification_list_for(*, user: User, unread_only: bool = False) -> QuerySet[Notification]:
    if not _signed_in(user):
        return Notification.objects.none()
    qs = Notification.objects.filter(user=user)
    return qs.filter(read_at__isnull=True) if unread_only else qs


def notification_unread_count(*, user: User) -> int:
    return notification_list_for(user=user, unread_only=True).count()
