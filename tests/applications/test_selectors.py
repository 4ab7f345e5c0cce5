"""Reads scoped to who asks; the officer queue; what the public may see."""

from datetime import date, datetime
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext

from applications import services
from applications.models import ApplicationStatus, RefusalReason
from applications.selectors import (
    PUBLIC_FIELDS,
    application_events_for,
    application_list_for,
    application_messages_for,
    application_queue,
    application_sites_for,
    document_list_for,
    public_site_list,
    public_ward_statistics,
    queue_rows,
    queue_summary,
)
from sites.models import ApplicationType
from tests.applications.factories import (
    ApplicationFactory,
    ApprovedApplicationFactory,
    InformationRequestedApplicationFactory,
    LiveApplicationFactory,
    RefusedApplicationFactory,
    SubmittedApplicationFactory,
    UnderReviewApplicationFactory,
)
from tests.factories import (
    AssetFactory,
    CouncilAdminFactory,
    CouncilFactory,
    OfficerFactory,
    SupplierFactory,
    SystemAdminFactory,
    WardFactory,
)

pytestmark = pytest.mark.django_db
S = ApplicationStatus


def on(day: str):
    """Run the services as if on `day` at 10:00 in Glasgow."""
    moment = datetime.fromisoformat(day).replace(hour=10, tzinfo=ZoneInfo("Europe/London"))
    return mock.patch("django.utils.timezone.now", return_value=moment)


def test_suppliers_see_only_their_organisations_applications(glasgow):
    mine = ApplicationFactory(council=glasgow)
    also_mine = SubmittedApplicationFactory(council=glasgow, supplier=SupplierFactory(organisation=mine.organisation))
    theirs = SubmittedApplicationFactory(council=glasgow)
    colleague = SupplierFactory(organisation=mine.organisation)
    assert set(application_list_for(user=colleague)) == {mine, also_mine}
    assert set(application_list_for(user=theirs.supplier)) == {theirs}


def test_council_staff_see_their_councils_applications_once_submitted(glasgow):
    draft = ApplicationFactory(council=glasgow)
    submitted = SubmittedApplicationFactory(council=glasgow)
    elsewhere = SubmittedApplicationFactory(council=CouncilFactory())
    for user in (draft.officer, CouncilAdminFactory(council=glasgow)):
        assert list(application_list_for(user=user)) == [submitted]
    assert set(application_list_for(user=SystemAdminFactory())) == {submitted, elsewhere}
    assert list(application_list_for(user=AnonymousUser())) == []
    inactive = OfficerFactory(council=glasgow, is_active=False)
    assert list(application_list_for(user=inactive)) == []


def test_sites_events_messages_and_documents_follow_the_application(glasgow):
    application = SubmittedApplicationFactory(council=glasgow)
    services.application_message_send(application=application, by=application.officer, body="Hello")
    for user in (application.supplier, application.officer):
        assert application_sites_for(user=user, application=application).count() == 1
        assert [e.action for e in application_events_for(user=user, application=application)] == [
            "created",
            "submit",
            "message",
        ]
        assert application_messages_for(user=user, application=application).get().body == "Hello"
    for outsider in (SupplierFactory(), OfficerFactory(), AnonymousUser()):
        assert not application_sites_for(user=outsider, application=application).exists()
        assert not application_events_for(user=outsider, application=application).exists()
        assert not application_messages_for(user=outsider, application=application).exists()
        assert not document_list_for(user=outsider).exists()


@pytest.fixture
def queue(glasgow, settings):
    """A council's applications at known dates; the queue is read on Friday 20 November 2026."""
    settings.APPLICATION_STAGE_TARGET_DAYS = {"submitted": 5, "under_review": 20, "approved": 10}
    ward = WardFactory(council=glasgow)
    officer = OfficerFactory(council=glasgow)
    with on("2026-11-02"):
        late = SubmittedApplicationFactory(council=glasgow, officer=officer, proposed_start_date=date(2027, 3, 1))
    with on("2026-11-16"):
        soon = SubmittedApplicationFactory(
            council=glasgow,
            officer=officer,
            application_type=ApplicationType.WAYLEAVE,
            proposed_start_date=date(2027, 3, 1),
        )
    with on("2026-11-18"):
        paused = InformationRequestedApplicationFactory(
            council=glasgow, officer=officer, proposed_start_date=date(2027, 3, 1)
        )
    ApplicationFactory(council=glasgow)  # a draft: not the council's yet
    RefusedApplicationFactory(council=glasgow)  # finished: not in the default queue
    SubmittedApplicationFactory(council=CouncilFactory())  # another council
    outside = AssetFactory(council=glasgow, geometry={"type": "Point", "coordinates": [-4.30, 55.85]})
    services.application_assign(application=soon, officer=officer, by=officer)
    return {"late": late, "soon": soon, "paused": paused, "officer": officer, "ward": ward, "outside": outside}


TODAY = date(2026, 11, 20)


def test_the_queue_is_ordered_by_due_date_with_paused_ones_last(queue):
    officer = queue["officer"]
    result = list(application_queue(user=officer, today=TODAY))
    assert result == [queue["late"], queue["soon"], queue["paused"]]
    assert [a.due_on for a in result] == [date(2026, 11, 9), date(2026, 11, 23), None]
    assert [a.site_count for a in result] == [1, 1, 1]
    rows = queue_rows(applications=result, today=TODAY)
    assert [(r.days_left, r.overdue, r.paused) for r in rows] == [
        (-9, True, False),
        (1, False, False),
        (None, False, True),
    ]


def test_queue_filters(queue):
    officer = queue["officer"]

    def q(**filters):
        return list(application_queue(user=officer, today=TODAY, **filters))

    assert q(due="overdue") == [queue["late"]]
    assert q(due="due_soon") == [queue["soon"]]
    assert q(due="paused") == [queue["paused"]]
    assert q(status=S.INFORMATION_REQUESTED) == [queue["paused"]]
    assert q(status=[S.SUBMITTED]) == [queue["late"], queue["soon"]]
    assert q(application_type=ApplicationType.WAYLEAVE) == [queue["soon"]]
    assert q(organisation=queue["soon"].organisation) == [queue["soon"]]
    assert q(assignee="me") == [queue["soon"], queue["paused"]]
    assert q(assignee="unassigned") == [queue["late"]]
    assert q(ward=queue["ward"]) == [queue["late"], queue["soon"], queue["paused"]]
    assert q(ward=queue["ward"].pk + 1000) == []
    assert len(q(status=S.REFUSED)) == 1


def test_queue_summary(queue):
    summary = queue_summary(user=queue["officer"], today=TODAY)
    assert summary["total"] == 3
    assert (summary["overdue"], summary["due_soon"], summary["unassigned"], summary["mine"]) == (1, 1, 1, 2)
    assert summary["status_submitted"] == 2
    assert summary["status_information_requested"] == 1


def test_the_queue_takes_one_query_whatever_its_length(queue, glasgow):
    officer = queue["officer"]
    with CaptureQueriesContext(connection) as few:
        queue_rows(applications=list(application_queue(user=officer, today=TODAY)), today=TODAY)
    for _ in range(3):
        SubmittedApplicationFactory(council=glasgow, site_count=2)
    with CaptureQueriesContext(connection) as more:
        rows = queue_rows(applications=list(application_queue(user=officer, today=TODAY)), today=TODAY)
        [(r.application.organisation.name, r.application.assigned_officer) for r in rows]
    assert len(rows) == 6
    assert len(few.captured_queries) == len(more.captured_queries) == 1


def test_the_queue_is_for_council_staff_only(queue):
    assert list(application_queue(user=queue["late"].supplier)) == []
    assert list(application_queue(user=AnonymousUser())) == []


def test_the_public_sees_only_approved_sites_from_approval_on_and_only_public_fields(glasgow):
    approved = UnderReviewApplicationFactory(council=glasgow, site_count=2)
    first, second = approved.sites.order_by("pk")
    first.application = second.application = approved
    services.application_site_decide(site=first, by=approved.officer, decision="approved")
    services.application_site_decide(
        site=second, by=approved.officer, decision="refused", refusal_reason=RefusalReason.CONSTRAINT
    )
    services.application_decide(application=approved, by=approved.officer)
    live = LiveApplicationFactory(council=glasgow)
    UnderReviewApplicationFactory(council=glasgow, decide_sites="approved")  # not decided yet
    RefusedApplicationFactory(council=glasgow)
    ApprovedApplicationFactory(council=CouncilFactory())  # another council
    rows = list(public_site_list(council=glasgow))
    assert [r["id"] for r in rows] == [first.pk, live.sites.get().pk]
    assert set(rows[0]) == set(PUBLIC_FIELDS)
    assert [r["application__status"] for r in rows] == [S.APPROVED, S.LIVE]
    assert rows[1]["application__live_on"] is not None
    assert rows[0]["application__organisation__name"] == approved.organisation.name
    assert not any("reference" in key or "email" in key or "user" in key for key in PUBLIC_FIELDS)


def test_public_ward_statistics(glasgow):
    ward = WardFactory(council=glasgow, name="Anderston/City/Yorkhill")
    LiveApplicationFactory(council=glasgow, site_count=2)
    ApprovedApplicationFactory(council=glasgow)
    (stats,) = public_ward_statistics(council=glasgow)
    assert stats["ward"] == ward.name
    assert stats["sites"] == 3
    assert stats["by_status"] == {"live": 2, "planned": 1}
    assert stats["by_technology"] == {"5g": 3}
    assert stats["median_days_to_licence"] == 0
