"""The milestones at the top of the application page: each reached one with its date, the next one marked."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from applications import services
from applications.milestones import application_milestones
from tests.applications.factories import (
    ApplicationFactory,
    LicenceIssuedApplicationFactory,
    LiveApplicationFactory,
    RefusedApplicationFactory,
    SubmittedApplicationFactory,
    WithdrawnApplicationFactory,
)

pytestmark = pytest.mark.django_db
ROAD = ["started", "submitted", "review", "decided", "licence", "installed", "live"]


def states(application):
    return [(m.key, m.state) for m in application_milestones(application)]


def test_a_draft_has_started_and_waits_for_submission(glasgow):
    application = ApplicationFactory(council=glasgow)
    assert states(application) == [
        ("started", "done"),
        ("submitted", "current"),
        *[(key, "upcoming") for key in ROAD[2:]],
    ]
    assert application_milestones(application)[0].on == timezone.localdate(application.created_at)


def test_a_live_application_has_every_milestone_with_its_date(glasgow):
    application = LiveApplicationFactory(council=glasgow)
    application.refresh_from_db()
    milestones = {m.key: m for m in application_milestones(application)}
    assert list(milestones) == ROAD
    assert all(m.state == "done" and m.on is not None for m in milestones.values())
    assert milestones["installed"].on == application.installed_on
    assert milestones["live"].on == application.live_on
    assert milestones["decided"].detail == "Approved for 1 of 1 site"
    assert milestones["licence"].detail == f"Licence {application.licences.get().number}"
    assert milestones["installed"].detail.startswith("Confirmed by the council on ")


def test_an_installation_not_yet_confirmed_says_so_and_waits_for_go_live(glasgow):
    application = LicenceIssuedApplicationFactory(council=glasgow)
    services.application_report_installed(application=application, by=application.supplier)
    application.refresh_from_db()
    milestones = {m.key: m for m in application_milestones(application)}
    assert milestones["installed"].on == application.installed_on
    assert milestones["installed"].detail == "Reported by the applicant; the council has not yet confirmed it"
    assert milestones["live"].state == "current"


def test_a_refused_application_ends_at_the_decision(glasgow):
    application = RefusedApplicationFactory(council=glasgow)
    assert states(application) == [
        ("started", "done"),
        ("submitted", "done"),
        ("review", "done"),
        ("decided", "stopped"),
    ]
    assert application_milestones(application)[-1].detail == "Refused"


def test_a_withdrawn_application_ends_where_it_stopped_and_says_withdrawn(glasgow):
    application = WithdrawnApplicationFactory(council=glasgow)
    assert states(application) == [("started", "done"), ("submitted", "done"), ("withdrawn", "stopped")]


def test_the_page_shows_the_milestones_with_dates_to_both_sides(client, glasgow):
    application = LiveApplicationFactory(council=glasgow)
    application.refresh_from_db()
    for user in (application.supplier, application.officer):
        client.force_login(user)
        html = client.get(reverse("applications:detail", args=[application.reference])).content.decode()
        section = re.search(r'<ol class="app-milestones" id="milestones">(.*?)</ol>', html, re.S).group(1)
        assert re.findall(r'data-milestone="(\w+)"', section) == ROAD
        assert f'<time datetime="{application.installed_on:%Y-%m-%d}">' in section
        assert f'<time datetime="{application.live_on:%Y-%m-%d}">' in section


def test_the_page_marks_what_comes_next(client, glasgow):
    application = SubmittedApplicationFactory(council=glasgow)
    client.force_login(application.supplier)
    html = client.get(reverse("applications:detail", args=[application.reference])).content.decode()
    current = re.search(r'app-milestones__item--current" data-milestone="(\w+)"', html)
    assert current.group(1) == "review"
