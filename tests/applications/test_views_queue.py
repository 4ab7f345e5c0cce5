"""The officer queue: filters, due and overdue tags, paging, assign to me; and the queue rows it shows."""

from datetime import date, datetime
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from applications.models import Application, ApplicationStatus
from applications.selectors import queue_rows
from sites.models import ApplicationType
from tests.applications.factories import (
    InformationRequestedApplicationFactory,
    SubmittedApplicationFactory,
    UnderReviewApplicationFactory,
)
from tests.factories import AssetFactory, CouncilFactory, OfficerFactory, SupplierFactory, WardFactory

pytestmark = pytest.mark.django_db
S = ApplicationStatus
QUEUE = "/applications/queue/"


def on(day: str):
    """Run the services as if on `day` at 10:00 in Glasgow."""
    moment = datetime.fromisoformat(day).replace(hour=10, tzinfo=ZoneInfo("Europe/London"))
    return mock.patch("django.utils.timezone.now", return_value=moment)


def references(response) -> list[str]:
    return [line["row"].application.reference for line in response.context["rows"]]


def test_a_row_past_its_due_date_is_overdue_even_after_a_weekend():
    """Due on Friday 20 November 2026; on Sunday no working day has passed, but the date has."""
    friday, sunday, thursday = date(2026, 11, 20), date(2026, 11, 22), date(2026, 11, 19)
    (row,) = queue_rows(applications=[Application(status=S.SUBMITTED, due_on=friday)], today=sunday)
    assert (row.days_left, row.overdue) == (0, True)
    (row,) = queue_rows(applications=[Application(status=S.SUBMITTED, due_on=friday)], today=thursday)
    assert (row.days_left, row.overdue) == (1, False)


@pytest.fixture
def queue(glasgow):
    """Four of Glasgow's applications in different states and one of another council's."""
    officer = OfficerFactory(council=glasgow, first_name="Isla")
    ward = WardFactory(council=glasgow, name="Calton")
    with on("2026-11-02"):
        overdue = SubmittedApplicationFactory(council=glasgow, officer=officer)
    with on("2026-11-20"):
        in_ward = SubmittedApplicationFactory(
            council=glasgow, officer=officer, assets=[AssetFactory(council=glasgow)], application_type="small_cell"
        )
        reviewing = UnderReviewApplicationFactory(council=glasgow, officer=officer)
        paused = InformationRequestedApplicationFactory(council=glasgow, officer=officer)
    elsewhere = SubmittedApplicationFactory(council=CouncilFactory())
    return {
        "officer": officer,
        "ward": ward,
        "overdue": overdue,
        "in_ward": in_ward,
        "reviewing": reviewing,
        "paused": paused,
        "elsewhere": elsewhere,
    }


def test_the_queue_shows_the_councils_open_applications_soonest_due_first_with_tags(client, queue):
    client.force_login(queue["officer"])
    with on("2026-11-23"):
        response = client.get(QUEUE)
    assert response.status_code == 200
    got = references(response)
    assert queue["elsewhere"].reference not in got
    assert got[0] == queue["overdue"].reference
    assert got[-1] == queue["paused"].reference  # not timed while paused: last
    html = response.content.decode()
    assert "Overdue" in html and "Paused" in html and "Waiting for the applicant" in html
    assert response.context["summary"]["overdue"] == 1


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"status": "under_review"}, ["reviewing"]),
        ({"due": "overdue"}, ["overdue"]),
        ({"due": "paused"}, ["paused"]),
        ({"assignee": "unassigned"}, ["overdue", "in_ward"]),
        ({"assignee": "me"}, ["reviewing", "paused"]),
        ({"application_type": ApplicationType.ROOFTOP}, []),
    ],
    ids=["status", "overdue", "paused", "unassigned", "me", "type"],
)
def test_queue_filters(client, queue, query, expected):
    client.force_login(queue["officer"])
    with on("2026-11-23"):
        response = client.get(QUEUE, query)
    assert response.status_code == 200
    assert sorted(references(response)) == sorted(queue[key].reference for key in expected)


def test_queue_filters_by_organisation_and_ward(client, queue):
    client.force_login(queue["officer"])
    organisation = queue["reviewing"].organisation
    response = client.get(QUEUE, {"organisation": organisation.pk})
    assert references(response) == [queue["reviewing"].reference]
    response = client.get(QUEUE, {"ward": queue["ward"].pk})
    assert sorted(references(response)) == sorted(
        queue[k].reference for k in ("overdue", "in_ward", "reviewing", "paused")
    )  # the factory's assets stand on George Square, inside the test ward


@pytest.mark.parametrize(
    "query",
    [
        {"status": "nonsense"},
        {"ward": "999999"},
        {"organisation": "x"},
        {"assignee": "somebody"},
        {"due": "yesterday"},
        {"page": "9999"},
        {"page": "-1"},
    ],
)
def test_bad_filters_are_errors_on_the_page_not_500s(client, queue, query):
    client.force_login(queue["officer"])
    response = client.get(QUEUE, query)
    assert response.status_code == 200
    if "page" not in query:
        assert "There is a problem" in response.content.decode()
        # The bad filter is ignored: every open application is listed.
        assert len(references(response)) == 4


def test_the_queue_pages(client, queue, monkeypatch):
    monkeypatch.setattr("applications.views.review.QUEUE_PAGE_SIZE", 3)
    client.force_login(queue["officer"])
    first = client.get(QUEUE, {"assignee": ""})
    second = client.get(QUEUE, {"assignee": "", "page": 2})
    assert len(references(first)) == 3 and len(references(second)) == 1
    assert "page=2" in first.content.decode() and "assignee=" in first.content.decode()


def test_assign_to_me_from_the_queue(client, queue):
    officer, application = queue["officer"], queue["overdue"]
    client.force_login(officer)
    response = client.post(
        reverse("applications:assign", args=[application.reference]), {"officer": "me", "next": "queue"}
    )
    assert response.status_code == 302 and response["Location"] == QUEUE
    application.refresh_from_db()
    assert application.assigned_officer == officer
    assert application.events.filter(action="assigned").exists()


def test_assigning_to_an_officer_of_another_council_is_refused(client, queue):
    stranger = OfficerFactory(council=CouncilFactory())
    client.force_login(queue["officer"])
    application = queue["overdue"]
    response = client.post(reverse("applications:assign", args=[application.reference]), {"officer": stranger.pk})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.assigned_officer is None
    follow = client.get(response["Location"])
    assert "Choose an officer of this council" in follow.content.decode()


def test_suppliers_are_refused_the_queue(client, queue):
    client.force_login(SupplierFactory())
    assert client.get(QUEUE).status_code == 403


def test_the_queue_links_to_organisations_waiting_for_verification(client, queue):
    from tests.factories import OrganisationFactory

    OrganisationFactory()
    client.force_login(queue["officer"])
    html = client.get(QUEUE).content.decode()
    assert "1 supplier organisation is waiting to be verified" in html
    assert reverse("accounts:unverified") in html


def test_the_queue_never_shows_drafts(client, queue, glasgow):
    from tests.applications.factories import ApplicationFactory

    draft = ApplicationFactory(council=glasgow)
    client.force_login(queue["officer"])
    assert draft.reference not in references(client.get(QUEUE, {"assignee": ""}))
