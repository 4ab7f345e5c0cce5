"""What the database itself holds true for applications."""

from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from applications.models import Application, ApplicationEvent, ApplicationSite, ApplicationStatus
from tests.applications.factories import ApplicationFactory, ApprovedApplicationFactory

pytestmark = pytest.mark.django_db
S = ApplicationStatus


def test_audit_events_are_append_only(glasgow):
    event = ApplicationFactory(council=glasgow).events.get()
    event.comment = "rewritten"
    with pytest.raises(ValueError, match="append-only"):
        event.save()
    with pytest.raises(ValueError, match="append-only"):
        event.delete()
    assert ApplicationEvent.objects.get(pk=event.pk).comment != "rewritten"


@pytest.mark.parametrize(
    ("model", "field", "value"),
    [
        (Application, "term_years", 0),
        (Application, "term_years", 26),
        (ApplicationSite, "weight_kg", Decimal("0")),
        (ApplicationSite, "weight_kg", Decimal("-1")),
        (ApplicationSite, "height_mm", 0),
        (ApplicationSite, "mounting_height_m", Decimal("-1")),
    ],
)
def test_the_database_refuses_impossible_values(glasgow, model, field, value):
    application = ApplicationFactory(council=glasgow)
    target = application if model is Application else application.sites.get()
    with pytest.raises(IntegrityError), transaction.atomic():
        model.objects.filter(pk=target.pk).update(**{field: value})


def test_a_decided_application_must_have_its_decision_date(glasgow):
    application = ApprovedApplicationFactory(council=glasgow)
    with pytest.raises(IntegrityError), transaction.atomic():
        Application.objects.filter(pk=application.pk).update(decided_at=None)


def test_a_refused_site_needs_a_reason_and_only_approved_sites_hold_capacity(glasgow):
    site = ApprovedApplicationFactory(council=glasgow).sites.get()
    with pytest.raises(IntegrityError), transaction.atomic():
        ApplicationSite.objects.filter(pk=site.pk).update(decision="refused")
    with pytest.raises(IntegrityError), transaction.atomic():
        ApplicationSite.objects.filter(pk=site.pk).update(decision="pending", decided_at=None, decided_by=None)


def test_what_is_awaited(glasgow):
    application = ApplicationFactory(council=glasgow)
    assert (application.waiting_on, application.is_editable) == ("applicant", True)
    assert ApprovedApplicationFactory(council=glasgow).waiting_on == "council"
