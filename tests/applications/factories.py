"""Factories for applications: one per workflow state, built through the services.

`ApplicationFactory(status=...)` (or the subclass per state, e.g.
`ApprovedApplicationFactory`) creates a draft with `site_count` new assets (or the
given `assets`), fills in each site's equipment, then walks the workflow path to the
state through the real services, so events, clocks, capacity and notifications are
what the application would really have. `supplier` and `officer` are the two sides.
"""

from datetime import timedelta
from decimal import Decimal

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from applications import services
from applications.models import (
    Application,
    ApplicationStatus,
    EquipmentType,
    FeeSchedule,
    RefusalReason,
    SiteDecision,
    Technology,
)
from sites.models import ApplicationType, AssetType
from tests.factories import AssetFactory, CouncilFactory, OfficerFactory, SupplierFactory

S = ApplicationStatus

EQUIPMENT = {
    "equipment_type": EquipmentType.SMALL_CELL,
    "technology": Technology.FIVE_G,
    "make_model": "Ericsson Radio 4408",
    "height_mm": 450,
    "width_mm": 300,
    "depth_mm": 150,
    "weight_kg": Decimal("12.5"),
    "power_draw_w": 180,
    "frequency_bands": ["3600"],
    "mounting_height_m": Decimal("6.50"),
    "cabinet_needed": False,
}


def _submit(app, supplier, officer):
    services.application_submit(application=app, by=supplier)


def _return(app, supplier, officer):
    services.application_return(application=app, by=officer, reasons="The structural calculation is missing.")


def _start_review(app, supplier, officer):
    services.application_start_review(application=app, by=officer)


def _request_information(app, supplier, officer):
    services.application_request_information(application=app, by=officer, message="Send the mounting bracket drawing.")


def _decide_sites(decision):
    def step(app, supplier, officer):
        for site in app.sites.order_by("pk"):
            site.application = app
            if decision == SiteDecision.APPROVED:
                services.application_site_decide(
                    site=site, by=officer, decision=decision, conditions="Paint the equipment to match the column."
                )
            else:
                services.application_site_decide(
                    site=site, by=officer, decision=decision, refusal_reason=RefusalReason.STRUCTURAL_CAPACITY
                )

    return step


def _decide(app, supplier, officer):
    services.application_decide(application=app, by=officer)


def _issue_licence(app, supplier, officer):
    services.application_issue_licence(application=app, by=officer)


def _report_installed(app, supplier, officer):
    services.application_report_installed(application=app, by=supplier)
    services.application_confirm_installation(application=app, by=officer)


def _go_live(app, supplier, officer):
    services.application_go_live(application=app, by=supplier)


def _withdraw(app, supplier, officer):
    services.application_withdraw(application=app, by=supplier, reason="Plans changed.")


_REVIEW = [_submit, _start_review]
_APPROVED = [*_REVIEW, _decide_sites(SiteDecision.APPROVED), _decide]
PATHS = {
    S.DRAFT: [],
    S.SUBMITTED: [_submit],
    S.RETURNED: [_submit, _return],
    S.UNDER_REVIEW: _REVIEW,
    S.INFORMATION_REQUESTED: [*_REVIEW, _request_information],
    S.APPROVED: _APPROVED,
    S.REFUSED: [*_REVIEW, _decide_sites(SiteDecision.REFUSED), _decide],
    S.LICENCE_ISSUED: [*_APPROVED, _issue_licence],
    S.INSTALLED: [*_APPROVED, _issue_licence, _report_installed],
    S.LIVE: [*_APPROVED, _issue_licence, _report_installed, _go_live],
    S.WITHDRAWN: [_submit, _withdraw],
}


class ApplicationFactory(DjangoModelFactory):
    """A draft (or, with `status`, an application walked to that state by the services).

    `decide_sites` ("approved" or "refused") decides every site of an under-review one.
    `equipment=None` leaves the sites' equipment blank.
    """

    class Meta:
        model = Application

    status = S.DRAFT
    supplier = factory.SubFactory(SupplierFactory)
    council = factory.SubFactory(CouncilFactory)
    officer = factory.SubFactory(OfficerFactory, council=factory.SelfAttribute("..council"))
    application_type = ApplicationType.SMALL_CELL
    proposed_start_date = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=60))
    term_years = 10
    description = "5G small cells for the city centre."
    site_count = 1
    assets = None
    equipment = factory.LazyFunction(lambda: dict(EQUIPMENT))
    decide_sites = None

    @classmethod
    def _create(cls, model_class, *, status, supplier, officer, site_count, assets, equipment, decide_sites, **kwargs):
        council = kwargs["council"]
        if assets is None:
            assets = [AssetFactory(council=council) for _ in range(site_count)]
        application = services.application_create(by=supplier, assets=assets, **kwargs)
        if equipment:
            for site in application.sites.order_by("pk"):
                site.application = application
                services.application_site_update(site=site, by=supplier, **equipment)
        steps = list(PATHS[status])
        if decide_sites:
            steps.append(_decide_sites(decide_sites))
        for step in steps:
            step(application, supplier, officer)
        application.supplier, application.officer = supplier, officer
        return application


class SubmittedApplicationFactory(ApplicationFactory):
    status = S.SUBMITTED


class ReturnedApplicationFactory(ApplicationFactory):
    status = S.RETURNED


class UnderReviewApplicationFactory(ApplicationFactory):
    status = S.UNDER_REVIEW


class InformationRequestedApplicationFactory(ApplicationFactory):
    status = S.INFORMATION_REQUESTED


class ApprovedApplicationFactory(ApplicationFactory):
    status = S.APPROVED


class RefusedApplicationFactory(ApplicationFactory):
    status = S.REFUSED


class LicenceIssuedApplicationFactory(ApplicationFactory):
    status = S.LICENCE_ISSUED


class InstalledApplicationFactory(ApplicationFactory):
    status = S.INSTALLED


class LiveApplicationFactory(ApplicationFactory):
    status = S.LIVE


class WithdrawnApplicationFactory(ApplicationFactory):
    status = S.WITHDRAWN


FACTORY_BY_STATUS = {factory_class.status: factory_class for factory_class in ApplicationFactory.__subclasses__()}
FACTORY_BY_STATUS[S.DRAFT] = ApplicationFactory


def every_state(*, council, **kwargs) -> dict[str, Application]:
    """One application in every workflow state (each walked there by the services), by status."""
    return {status: factory_class(council=council, **kwargs) for status, factory_class in FACTORY_BY_STATUS.items()}


class FeeScheduleFactory(DjangoModelFactory):
    class Meta:
        model = FeeSchedule

    council = factory.SubFactory(CouncilFactory)
    asset_type = factory.LazyFunction(lambda: AssetType.objects.get(code="lighting_column"))
    application_type = ApplicationType.SMALL_CELL
    annual_licence_fee = Decimal("1200.00")
    application_fee = Decimal("350.00")
    legal_fee = Decimal("500.00")
    surveyor_fee = Decimal("250.00")
