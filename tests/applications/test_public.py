"""applications.public: what the public may see, with one application in every state."""

from datetime import date, datetime
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from applications import services
from applications.models import ApplicationStatus, RefusalReason
from applications.public import (
    PUBLIC_COLUMNS,
    PUBLIC_FIELDS,
    PublicStatus,
    public_licence_timeline,
    public_licensed_sites,
    public_site_list,
    public_site_rows,
    public_sites,
    public_summary,
    public_ward_statistics,
)
from sites.models import AssetType
from tests.applications.factories import (
    LiveApplicationFactory,
    SubmittedApplicationFactory,
    UnderReviewApplicationFactory,
    every_state,
)
from tests.factories import AssetFactory, CouncilFactory, WardFactory

pytestmark = pytest.mark.django_db
S = ApplicationStatus
PUBLIC = (S.APPROVED, S.LICENCE_ISSUED, S.INSTALLED, S.LIVE)


def on(day: str):
    """Run the services as if on `day` at 10:00 in Glasgow."""
    moment = datetime.fromisoformat(day).replace(hour=10, tzinfo=ZoneInfo("Europe/London"))
    return mock.patch("django.utils.timezone.now", return_value=moment)


@pytest.fixture
def states(glasgow):
    WardFactory(council=glasgow, name="Anderston/City/Yorkhill")
    return every_state(council=glasgow)


def site_ids(applications) -> set[int]:
    return {site.pk for application in applications for site in application.sites.all()}


def test_only_approved_sites_of_applications_from_approved_on(states, glasgow):
    elsewhere = LiveApplicationFactory(council=CouncilFactory()).sites.get().pk  # another council's
    rows = list(public_site_list(council=glasgow))
    assert {r["id"] for r in rows} == site_ids(states[s] for s in PUBLIC)
    assert {r["application__status"] for r in rows} == set(PUBLIC)
    assert {r["id"] for r in public_site_list()} == site_ids(states[s] for s in PUBLIC) | {elsewhere}


def test_only_the_public_fields_are_read(states, glasgow):
    rows = list(public_site_list(council=glasgow))
    assert all(set(row) == set(PUBLIC_FIELDS) for row in rows)
    forbidden = ("reference", "email", "user", "officer", "created_by", "fee", "conditions", "refusal", "notes")
    assert not [field for field in PUBLIC_FIELDS if any(word in field for word in forbidden)]
    opened = list(public_site_rows(public_site_list(council=glasgow)))
    assert all(list(row) == list(PUBLIC_COLUMNS) for row in opened)
    texts = " ".join(str(value) for row in opened for value in row.values())
    for application in states.values():
        for secret in (
            application.reference,
            application.supplier.email,
            application.supplier.get_full_name(),
            application.officer.get_full_name(),
            application.description,
            "Ericsson Radio 4408",
        ):
            assert secret not in texts


def test_a_refused_site_of_an_approved_application_stays_hidden(glasgow):
    application = UnderReviewApplicationFactory(council=glasgow, site_count=2)
    kept, refused = application.sites.order_by("pk")
    kept.application = refused.application = application
    services.application_site_decide(site=kept, by=application.officer, decision="approved")
    services.application_site_decide(
        site=refused, by=application.officer, decision="refused", refusal_reason=RefusalReason.CONSTRAINT
    )
    services.application_decide(application=application, by=application.officer)
    assert [r["id"] for r in public_site_list(council=glasgow)] == [kept.pk]


def test_assets_of_unpublished_types_are_left_out(glasgow):
    signals = AssetType.objects.get(code="traffic_signal_pole")  # restricted: only signed-in users see them
    LiveApplicationFactory(council=glasgow, assets=[AssetFactory(council=glasgow, asset_type=signals)])
    shown = LiveApplicationFactory(council=glasgow)
    assert [r["id"] for r in public_site_list(council=glasgow)] == [shown.sites.get().pk]


def test_public_statuses_fold_approved_and_licensed_into_planned(states, glasgow):
    rows = {r["site_id"]: r["status"] for r in public_site_rows(public_site_list(council=glasgow))}
    expected = {S.APPROVED: "planned", S.LICENCE_ISSUED: "planned", S.INSTALLED: "installed", S.LIVE: "live"}
    for status, shown in expected.items():
        assert rows[states[status].sites.get().pk] == shown


def test_filters(states, glasgow):
    def ids(**filters):
        return {site.pk for site in public_sites(council=glasgow, **filters)}

    live, installed = states[S.LIVE].sites.get().pk, states[S.INSTALLED].sites.get().pk
    assert ids(statuses=["live", "installed"]) == {live, installed}
    assert ids(statuses=["planned"]) == site_ids([states[S.APPROVED], states[S.LICENCE_ISSUED]])
    assert ids(technologies=["fibre"]) == set()
    assert len(ids(technologies=["5g"])) == 4
    assert ids(operator=states[S.LIVE].organisation) == {live}
    assert ids(operator=states[S.REFUSED].organisation) == set()
    other_ward = WardFactory(council=glasgow)
    assert ids(ward=other_ward) == set()


def test_summary_counts_and_the_ward_statistics(states, glasgow):
    summary = public_summary(sites=public_sites(council=glasgow))
    assert summary.total == 4
    assert [(t.value, t.count) for t in summary.by_status] == [("planned", 2), ("installed", 1), ("live", 1)]
    assert [(t.value, t.label, t.count) for t in summary.by_technology] == [("5g", "5G", 4)]
    assert sorted(t.label for t in summary.by_operator) == sorted(states[s].organisation.name for s in PUBLIC)
    (ward,) = public_ward_statistics(council=glasgow)
    assert ward["sites"] == summary.total
    assert ward["by_status"] == {"planned": 2, "installed": 1, "live": 1}
    assert summary.by_ward == {ward["code"]: 4}


def test_summary_takes_a_fixed_number_of_queries(states, glasgow):
    LiveApplicationFactory(council=glasgow, site_count=5)
    with CaptureQueriesContext(connection) as queries:
        public_summary(sites=public_sites(council=glasgow))
    assert len(queries) == 2


def licensed_on(submitted: str, licensed: str, *, council, site_count: int = 1):
    """An application submitted on one day and licensed on another, through the services."""
    with on(submitted):
        application = SubmittedApplicationFactory(council=council, site_count=site_count)
    with on(licensed):
        services.application_start_review(application=application, by=application.officer)
        for site in application.sites.order_by("pk"):
            site.application = application
            services.application_site_decide(site=site, by=application.officer, decision="approved")
        services.application_decide(application=application, by=application.officer)
        services.application_issue_licence(application=application, by=application.officer)
    return application


def test_median_working_days_to_licence_on_a_known_set(glasgow):
    WardFactory(council=glasgow)
    # Friday to Tuesday over St Andrew's Day (Monday 30 November 2026): 1 working day.
    licensed_on("2026-11-27", "2026-12-01", council=glasgow)
    # Two full weeks: 10 working days; three sites, but one application, counted once.
    licensed_on("2026-11-02", "2026-11-16", council=glasgow, site_count=3)
    # Christmas and New Year: 25, 28 December, 1 and 4 January are holidays in Scotland: 4.
    licensed_on("2026-12-23", "2027-01-04", council=glasgow)
    # Approved but not licensed: not in the median.
    UnderReviewApplicationFactory(council=glasgow, decide_sites="approved")
    summary = public_summary(sites=public_sites(council=glasgow))
    assert summary.licensed_applications == 3
    assert summary.median_working_days == 4
    (ward,) = public_ward_statistics(council=glasgow)
    assert ward["median_days_to_licence"] == 4


def test_median_of_an_even_number_of_applications(glasgow):
    licensed_on("2026-11-02", "2026-11-03", council=glasgow)  # 1
    licensed_on("2026-11-02", "2026-11-05", council=glasgow)  # 3
    assert public_summary(sites=public_sites(council=glasgow)).median_working_days == 2


def test_the_working_days_are_fixed_when_the_licence_is_issued(glasgow):
    application = licensed_on("2026-11-27", "2026-12-01", council=glasgow)
    application.refresh_from_db()
    assert application.licence_working_days == 1
    assert SubmittedApplicationFactory(council=glasgow).licence_working_days is None


def test_licence_timeline_counts_sites_per_month_with_empty_months(glasgow):
    licensed_on("2026-11-02", "2026-11-16", council=glasgow, site_count=2)
    licensed_on("2026-12-23", "2027-01-04", council=glasgow)
    UnderReviewApplicationFactory(council=glasgow, decide_sites="approved")  # not licensed
    timeline = public_licence_timeline(sites=public_sites(council=glasgow))
    assert timeline == [(date(2026, 11, 1), 2), (date(2026, 12, 1), 0), (date(2027, 1, 1), 1)]
    assert public_licence_timeline(sites=public_sites(council=glasgow, ward=WardFactory(council=glasgow))) == []


def test_newly_licensed_sites_newest_first(glasgow):
    older = licensed_on("2026-11-02", "2026-11-16", council=glasgow)
    newer = licensed_on("2026-12-23", "2027-01-04", council=glasgow)
    UnderReviewApplicationFactory(council=glasgow, decide_sites="approved")
    rows = public_licensed_sites(council=glasgow)
    assert [r["site_id"] for r in rows] == [newer.sites.get().pk, older.sites.get().pk]
    assert rows[0]["licensed_on"] == date(2027, 1, 4)
    assert rows[0]["status"] == PublicStatus.PLANNED
    assert public_licensed_sites(council=glasgow, limit=1)[0]["site_id"] == newer.sites.get().pk
