"""What happens around an application: the audit trail, messages, documents, notifications."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from .workflow import ApplicationStatus


class EventAction(models.TextChoices):
    """Transition names (see workflow.py) plus the events that do not change the state."""

    CREATED = "created", "Created"
    SUBMIT = "submit", "Submitted"
    RESUBMIT = "resubmit", "Resubmitted"
    START_REVIEW = "start_review", "Review started"
    RETURN_INCOMPLETE = "return_incomplete", "Returned as incomplete"
    REQUEST_INFORMATION = "request_information", "Information requested"
    ANSWER = "answer", "Information supplied"
    DECIDE = "decide", "Decided"
    ISSUE_LICENCE = "issue_licence", "Licence issued"
    REPORT_INSTALLED = "report_installed", "Installation reported"
    GO_LIVE = "go_live", "Live"
    WITHDRAW = "withdraw", "Withdrawn"
    SITE_DECIDED = "site_decided", "Site decided"
    INSTALLATION_CONFIRMED = "installation_confirmed", "Installation confirmed"
    ASSIGNED = "assigned", "Assigned"
    MESSAGE = "message", "Message"
    DOCUMENT_ADDED = "document_added", "Document added"
    DOCUMENT_REMOVED = "document_removed", "Document removed"


class ApplicationEvent(models.Model):
    """One line of the audit trail: who did what, when, from which state to which.

    Append-only: written by the services in the same transaction as the change it
    records, never changed or deleted (save() and delete() refuse; the admin is read-only).
    Events that do not change the state have from_status == to_status.
    """

    application = models.ForeignKey("applications.Application", on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now, db_index=True)
    action = models.CharField(max_length=30, choices=EventAction.choices)
    from_status = models.CharField(max_length=30, choices=ApplicationStatus.choices)
    to_status = models.CharField(max_length=30, choices=ApplicationStatus.choices)
    comment = models.TextField(blank=True)
    site = models.ForeignKey(
        "applications.ApplicationSite", null=True, blank=True, on_delete=models.SET_NULL, related_name="events"
    )
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["application", "at", "pk"]
        indexes = [models.Index(fields=["application", "at"], name="applicationevent_app_at")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.get_action_display()}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("Audit events are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Audit events are append-only.")


class ApplicationMessage(models.Model):
    """A message between the applicant and the council; a request for information or its answer."""

    application = models.ForeignKey("applications.Application", on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    body = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)
    is_information_request = models.BooleanField(default=False)
    answers = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="answered_by")

    class Meta:
        ordering = ["application", "created_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(body=""), name="applicationmessage_body_not_empty"),
            models.CheckConstraint(
                condition=Q(is_information_request=False) | Q(answers__isnull=True),
                name="applicationmessage_request_answers_nothing",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.body[:40]}"


class DocumentKind(models.TextChoices):
    DRAWING = "drawing", "Drawing"
    STRUCTURAL_CALCULATION = "structural_calculation", "Structural calculation"
    ICNIRP_DECLARATION = "icnirp_declaration", "ICNIRP declaration"
    PHOTO = "photo", "Photograph"
    OTHER = "other", "Other"


# Accepted uploads, by content (see applications.uploads): content type -> stored extension.
DOCUMENT_TYPES = {"application/pdf": ".pdf", "image/png": ".png", "image/jpeg": ".jpg"}


def document_path(instance: "ApplicationDocument", filename: str) -> str:
    """A random name under MEDIA_ROOT; the extension follows the checked content, not the upload."""
    extension = DOCUMENT_TYPES.get(instance.content_type, "")
    return f"applications/{instance.application_id}/{secrets.token_hex(16)}{extension}"


class ApplicationDocument(models.Model):
    """A drawing, calculation, declaration or photo; served only through a permission check."""

    application = models.ForeignKey("applications.Application", on_delete=models.CASCADE, related_name="documents")
    site = models.ForeignKey(
        "applications.ApplicationSite", null=True, blank=True, on_delete=models.SET_NULL, related_name="documents"
    )
    kind = models.CharField(max_length=30, choices=DocumentKind.choices)
    file = models.FileField(upload_to=document_path, max_length=200)
    original_name = models.CharField(max_length=255)
    size_bytes = models.PositiveBigIntegerField()
    content_type = models.CharField(max_length=50)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["application", "uploaded_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(size_bytes__gt=0), name="applicationdocument_not_empty"),
            models.CheckConstraint(
                condition=Q(content_type__in=list(DOCUMENT_TYPES)), name="applicationdocument_type_allowed"
            ),
        ]

    def __str__(self) -> str:
        return self.original_name


class Notification(models.Model):
    """An in-portal notice for one user (the same news as the email)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    application = models.ForeignKey(
        "applications.Application", null=True, blank=True, on_delete=models.CASCADE, related_name="notifications"
    )
    text = models.CharField(max_length=300)
    url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "read_at"], name="notification_user_read")]

    def __str__(self) -> str:
        return self.text
