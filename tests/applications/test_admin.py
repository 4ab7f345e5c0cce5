"""The admin: applications read-only for staff, fee schedules edited by system and council admins."""

from decimal import Decimal

import pytest
from django.urls import reverse

from applications.models import FeeSchedule
from tests.applications.factories import ApplicationFactory, FeeScheduleFactory, SubmittedApplicationFactory
from tests.factories import CouncilAdminFactory, CouncilFactory, OfficerFactory, SupplierFactory, SystemAdminFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(glasgow):
    other = CouncilFactory(name="Other Council", slug="other")
    return {
        "glasgow": glasgow,
        "other": other,
        "schedule": FeeScheduleFactory(council=glasgow),
        "other_schedule": FeeScheduleFactory(council=other),
        "application": SubmittedApplicationFactory(council=glasgow),
        "draft": ApplicationFactory(council=glasgow),
        "officer": OfficerFactory(council=glasgow),
        "council_admin": CouncilAdminFactory(council=glasgow),
        "system_admin": SystemAdminFactory(),
        "supplier": SupplierFactory(),
    }


def fee_form(schedule, annual: str) -> dict:
    return {
        "council": schedule.council_id,
        "asset_type": schedule.asset_type_id,
        "application_type": schedule.application_type,
        "annual_licence_fee": annual,
        "application_fee": "350.00",
        "legal_fee": "500.00",
        "surveyor_fee": "250.00",
    }


# role, page, expected status
PAGES = [
    ("supplier", "feeschedule_changelist", 403),  # the "not for suppliers" page (ADR 12)
    ("officer", "feeschedule_changelist", 200),
    ("officer", "feeschedule_add", 403),
    ("council_admin", "feeschedule_add", 200),
    ("system_admin", "feeschedule_add", 200),
    ("officer", "application_changelist", 200),
    ("officer", "application_add", 403),
    ("system_admin", "application_add", 403),
    ("officer", "applicationevent_changelist", 200),
]


@pytest.mark.parametrize(("role", "page", "status"), PAGES)
def test_admin_pages_by_role(client, world, role, page, status):
    client.force_login(world[role])
    assert client.get(reverse(f"admin:applications_{page}")).status_code == status


def test_a_council_admin_edits_only_their_councils_fees(client, world):
    client.force_login(world["council_admin"])
    schedule = world["schedule"]
    response = client.post(
        reverse("admin:applications_feeschedule_change", args=[schedule.pk]), fee_form(schedule, "1500.00")
    )
    assert response.status_code == 302
    assert FeeSchedule.objects.get(pk=schedule.pk).annual_licence_fee == Decimal("1500.00")
    other = world["other_schedule"]
    response = client.get(reverse("admin:applications_feeschedule_change", args=[other.pk]))
    assert response.status_code == 302  # not found in their queryset: back to the index


def test_an_officer_cannot_change_fees(client, world):
    client.force_login(world["officer"])
    schedule = world["schedule"]
    client.post(reverse("admin:applications_feeschedule_change", args=[schedule.pk]), fee_form(schedule, "1.00"))
    assert FeeSchedule.objects.get(pk=schedule.pk).annual_licence_fee == Decimal("1200.00")


def test_staff_see_submitted_applications_of_their_council_only(client, world):
    client.force_login(world["officer"])
    page = client.get(reverse("admin:applications_application_changelist")).content.decode()
    assert world["application"].reference in page
    assert world["draft"].reference not in page
    view = client.get(reverse("admin:applications_application_change", args=[world["application"].pk]))
    assert view.status_code == 200
    assert b'name="_save"' not in view.content  # view only
