"""Messages and documents between the two sides, and the in-portal notifications."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from portal.models import User

from ..models import (
    Application,
    ApplicationDocument,
    ApplicationMessage,
    ApplicationSite,
    ApplicationStatus,
    DocumentKind,
    EventAction,
    Notification,
)
from ..models.workflow import APPLICANT, EITHER, ENDED_STATUSES
from ..transitions import TransitionNotAllowed
from ..uploads import upload_check
from .core import application_lock, event_record, status_label
from .notify import notify_other_side

S = ApplicationStatus
# No new documents once an application is closed.


def _require_party(application: Application, by: User, verb: str) -> None:
    """Either side may; but a draft is the applicant's alone until it is submitted."""
    if not EITHER(application, by) or (application.status == S.DRAFT and not APPLICANT(application, by)):
        raise PermissionDenied(f"Only the applicant organisation or the council's officers can {verb}.")


@transaction.atomic
def application_message_send(*, application: Application, by: User, body: str) -> ApplicationMessage:
    """A message to the other side (once submitted). Requests and answers go through the workflow."""
    application_lock(application)
    _require_party(application, by, "send messages on this application")
    if application.status == S.DRAFT:
        raise TransitionNotAllowed("You can send messages once the application has been submitted.")
    if not (body or "").strip():
        raise ValidationError({"body": "Enter your message."})
    message = ApplicationMessage(application=application, author=by, body=body.strip())
    message.full_clean(exclude=["application", "author"])
    message.save()
    event_record(
        application=application,
        action=EventAction.MESSAGE,
        by=by,
        comment=message.body,
        data={"message": message.pk},
        at=message.created_at,
    )
    notify_other_side(
        application=application, by=by, text=f"New message on {application.reference}.", detail=message.body
    )
    return message


@transaction.atomic
def document_upload(
    *,
    application: Application,
    by: User,
    file,
    kind: str,
    site: ApplicationSite | None = None,
) -> ApplicationDocument:
    """Store a PDF, PNG or JPEG (checked by content and size) under a random name in MEDIA_ROOT."""
    application_lock(application)
    _require_party(application, by, "add documents to this application")
    if application.status in ENDED_STATUSES:
        raise TransitionNotAllowed(
            f"You cannot add documents to an application that is {status_label(application.status)}."
        )
    if kind not in DocumentKind.values:
        raise ValidationError({"kind": "Choose what kind of document this is."})
    if site is not None and site.application_id != application.pk:
        raise ValidationError({"site": "Choose a site of this application."})
    content_type, size = upload_check(file)
    original = (getattr(file, "name", "") or "document").replace("\\", "/").rsplit("/", 1)[-1][:255]
    document = ApplicationDocument(
        application=application,
        site=site,
        kind=kind,
        original_name=original,
        size_bytes=size,
        content_type=content_type,
        uploaded_by=by,
    )
    document.full_clean(exclude=["application", "site", "uploaded_by", "file"])
    document.file.save(original, file, save=False)  # a random name: see models.records.document_path
    try:
        document.save()
    except Exception:
        document.file.delete(save=False)
        raise
    event_record(
        application=application,
        action=EventAction.DOCUMENT_ADDED,
        by=by,
        comment=f"{document.get_kind_display()}: {document.original_name}",
        data={"document": document.pk},
        at=document.uploaded_at,
    )
    if application.status != S.DRAFT:
        notify_other_side(
            application=application,
            by=by,
            text=f"New document on {application.reference}: {document.original_name}.",
        )
    return document


@transaction.atomic
def document_delete(*, document: ApplicationDocument, by: User) -> None:
    """The applicant removes a document while the application is a draft or returned."""
    application = document.application
    application_lock(application)
    if not APPLICANT(application, by):
        raise PermissionDenied("Only the applicant organisation can remove its documents.")
    if not application.is_editable:
        raise TransitionNotAllowed(
            f"You cannot remove documents from an application that is {status_label(application.status)}."
        )
    name, storage = document.file.name, document.file.storage
    event_record(
        application=application,
        action=EventAction.DOCUMENT_REMOVED,
        by=by,
        comment=f"{document.get_kind_display()}: {document.original_name}",
    )
    document.delete()
    transaction.on_commit(lambda: storage.delete(name))


@transaction.atomic
def notification_mark_read(*, notification: Notification, by: User) -> Notification:
    if notification.user_id != by.pk:
        raise PermissionDenied("That notification is someone else's.")
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


@transaction.atomic
def notification_mark_all_read(*, by: User) -> int:
    """Mark every unread notification of `by` read; returns how many."""
    return Notification.objects.filter(user=by, read_at__isnull=True).update(read_at=timezone.now())
