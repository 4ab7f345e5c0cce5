"""manage.py load_demo_applications: demo applications in every main state, made through the services; idempotent."""

from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Count

from applications.management.demo_specs import DEMO_APPLICATIONS
from applications.models import Application, ApplicationEvent, ApplicationStatus, FeeSchedule, Notification
from applications.selectors import application_queue
from portal.models import User

pytestmark = pytest.mark.django_db
S = ApplicationStatus


def run(command: str, *args: str) -> str:
    out = StringIO()
    call_command(command, *args, stdout=out)
    return out.getvalue()


def test_it_needs_the_demo_people_first():
    with pytest.raises(CommandError, match="run `manage.py load_demo` first"):
        run("load_demo_applications")


def test_demo_applications_in_several_states_twice_changes_nothing(settings):
    settings.DEBUG = True
    run("load_demo", "--lighting-columns", "40")
    output = run("load_demo_applications")
    statuses = set(Application.objects.values_list("status", flat=True))
    assert {
        S.DRAFT,
        S.SUBMITTED,
        S.RETURNED,
        S.UNDER_REVIEW,
        S.INFORMATION_REQUESTED,
        S.APPROVED,
        S.REFUSED,
    } <= statuses
    assert {S.LICENCE_ISSUED, S.LIVE} <= statuses
    assert f"Demo applications: {len(DEMO_APPLICATIONS)} created." in output
    by_council = dict(Application.objects.values_list("council__slug").annotate(n=Count("pk")).order_by())
    assert by_council == {
        slug: sum(1 for demo in DEMO_APPLICATIONS if demo.council == slug) for slug in ("glasgow", "clyde-valley")
    }
    assert Application.objects.filter(council__slug="clyde-valley", status=S.LIVE).exists()
    assert set(
        Application.objects.filter(council__slug="clyde-valley").values_list("assigned_officer__username", flat=True)
    ) <= {
        "valley.officer",
        None,
    }
    assert mail.outbox == []  # the demo people are fictional
    assert FeeSchedule.objects.exists()
    counts = (Application.objects.count(), ApplicationEvent.objects.count(), Notification.objects.count())

    again = run("load_demo_applications")
    assert "Demo applications: 0 created." in again
    assert (Application.objects.count(), ApplicationEvent.objects.count(), Notification.objects.count()) == counts


def test_the_demo_queue_has_overdue_due_and_paused_work(settings):
    settings.DEBUG = True
    run("load_demo", "--lighting-columns", "40")
    run("load_demo_applications")
    officer = User.objects.get(username="officer.one")
    assert application_queue(user=officer, due="overdue").exists()
    assert application_queue(user=officer, due="paused").exists()
    # Steps happened in the past, in order, and messages carry their event's time.
    request = Application.objects.get(status=S.INFORMATION_REQUESTED)
    event = request.events.get(action="request_information")
    assert request.messages.get(is_information_request=True).created_at == event.at
    assert list(request.events.values_list("at", flat=True)) == sorted(request.events.values_list("at", flat=True))
