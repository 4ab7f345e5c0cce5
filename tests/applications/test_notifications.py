"""Each move tells the other side: an email once committed, and an in-portal notification."""

import pytest
from django.core.exceptions import PermissionDenied

from applications import services
from applications.models import Notification
from applications.selectors import notification_list_for, notification_unread_count
from applications.transitions import TransitionNotAllowed
from tests.applications.factories import (
    ApplicationFactory,
    InformationRequestedApplicationFactory,
    SubmittedApplicationFactory,
)
from tests.factories import CouncilAdminFactory, OfficerFactory, SupplierFactory

pytestmark = pytest.mark.django_db


def test_submitting_emails_and_notifies_the_councils_staff(
    glasgow, mailoutbox, django_capture_on_commit_callbacks, settings
):
    settings.PORTAL_URL = "https://portal.example.gov.uk"
    application = ApplicationFactory(council=glasgow, site_count=2)
    admin = CouncilAdminFactory(council=glasgow)
    OfficerFactory()  # another council's officer hears nothing
    with django_capture_on_commit_callbacks(execute=True):
        services.application_submit(application=application, by=application.supplier)
    assert sorted(m.to[0] for m in mailoutbox) == sorted([application.officer.email, admin.email])
    mail = mailoutbox[0]
    text = f"{application.organisation.name} submitted {application.reference} (2 sites)."
    assert mail.subject == f"{application.reference}: {text}"
    assert f"https://portal.example.gov.uk/applications/{application.reference}/" in mail.body
    assert {n.user for n in Notification.objects.all()} == {application.officer, admin}
    assert Notification.objects.first().text == text
    assert not Notification.objects.filter(user=application.supplier).exists()


def test_officers_moves_go_to_the_organisations_users(glasgow, mailoutbox, django_capture_on_commit_callbacks):
    application = SubmittedApplicationFactory(council=glasgow)
    colleague = SupplierFactory(organisation=application.organisation)
    SupplierFactory()  # another organisation
    with django_capture_on_commit_callbacks(execute=True):
        services.application_return(application=application, by=application.officer, reasons="No ICNIRP declaration.")
    assert sorted(m.to[0] for m in mailoutbox) == sorted([application.supplier.email, colleague.email])
    assert "No ICNIRP declaration." in mailoutbox[0].body
    assert notification_unread_count(user=colleague) == 1


def test_once_assigned_only_the_assignee_hears_from_the_supplier(
    glasgow, mailoutbox, django_capture_on_commit_callbacks
):
    application = InformationRequestedApplicationFactory(council=glasgow)
    CouncilAdminFactory(council=glasgow)
    assert application.assigned_officer == application.officer  # the officer who started the review
    with django_capture_on_commit_callbacks(execute=True):
        services.application_answer(application=application, by=application.supplier, message="Drawing attached.")
    assert [m.to for m in mailoutbox] == [[application.officer.email]]


def test_a_refused_action_sends_nothing(glasgow, mailoutbox, django_capture_on_commit_callbacks):
    application = SubmittedApplicationFactory(council=glasgow)
    before = Notification.objects.count()
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(TransitionNotAllowed):
        services.application_submit(application=application, by=application.supplier)
    assert mailoutbox == []
    assert Notification.objects.count() == before


def test_messages_notify_the_other_side_and_write_events(glasgow, mailoutbox, django_capture_on_commit_callbacks):
    application = SubmittedApplicationFactory(council=glasgow)
    with django_capture_on_commit_callbacks(execute=True):
        message = services.application_message_send(application=application, by=application.officer, body="Hello")
    assert [m.to for m in mailoutbox] == [[application.supplier.email]]
    event = application.events.get(action="message")
    assert (event.actor, event.comment, event.data) == (application.officer, "Hello", {"message": message.pk})


def test_drafts_have_no_messages_and_outsiders_send_none(glasgow):
    draft = ApplicationFactory(council=glasgow)
    with pytest.raises(PermissionDenied):
        services.application_message_send(application=draft, by=draft.officer, body="Hi")
    with pytest.raises(TransitionNotAllowed, match="once the application has been submitted"):
        services.application_message_send(application=draft, by=draft.supplier, body="Hi")
    submitted = SubmittedApplicationFactory(council=glasgow)
    with pytest.raises(PermissionDenied):
        services.application_message_send(application=submitted, by=SupplierFactory(), body="Hi")


def test_a_mail_failure_after_commit_does_not_raise(glasgow, django_capture_on_commit_callbacks, settings, caplog):
    settings.EMAIL_BACKEND = "tests.applications.test_notifications.BrokenBackend"
    application = ApplicationFactory(council=glasgow)
    with django_capture_on_commit_callbacks(execute=True):
        services.application_submit(application=application, by=application.supplier)
    assert "Could not send" in caplog.text
    assert Notification.objects.filter(user=application.officer).exists()


class BrokenBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("SMTP server down")


def test_notifications_are_read_by_their_owner_only(glasgow):
    application = SubmittedApplicationFactory(council=glasgow)
    note = Notification.objects.get(user=application.officer)
    with pytest.raises(PermissionDenied):
        services.notification_mark_read(notification=note, by=application.supplier)
    services.notification_mark_read(notification=note, by=application.officer)
    assert notification_unread_count(user=application.officer) == 0
    assert list(notification_list_for(user=application.officer)) == [note]
    services.application_message_send(application=application, by=application.supplier, body="One more thing.")
    assert services.notification_mark_all_read(by=application.officer) == 1


def test_withdrawing_a_draft_tells_nobody(glasgow, mailoutbox, django_capture_on_commit_callbacks):
    application = ApplicationFactory(council=glasgow)
    with django_capture_on_commit_callbacks(execute=True):
        services.application_withdraw(application=application, by=application.supplier)
    assert mailoutbox == []
