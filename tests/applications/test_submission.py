"""Creating a draft and submitting it: every check reported at once, conflicts reported not blocked."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from applications import services
from applications.checks import site_conflicts
from applications.models import ApplicationSite, ApplicationStatus, EventAction
from applications.transitions import TransitionNotAllowed
from portal.models import initials_of
from sites.models import ApplicationType, AssetType, Availability
from sites.services import asset_capacity_reserve
from tests.applications.factories import (
    EQUIPMENT,
    ApplicationFactory,
    ReturnedApplicationFactory,
    SubmittedApplicationFactory,
)
from tests.factories import AssetFactory, CouncilFactory, OfficerFactory, OrganisationFactory, SupplierFactory

pytestmark = pytest.mark.django_db
S = ApplicationStatus


def test_create_names_the_assets_once_in_the_first_assets_council(glasgow):
    supplier = SupplierFactory()
    a, b = AssetFactory(council=glasgow), AssetFactory(council=glasgow)
    application = services.application_create(by=supplier, application_type="small_cell", assets=[a, b, a])
    assert application.council == glasgow
    assert application.organisation == supplier.organisation
    assert application.status == S.DRAFT
    assert [s.asset for s in application.sites.order_by("pk")] == [a, b]
    assert application.events.get().action == EventAction.CREATED
    year = timezone.localdate().year
    assert application.reference == f"GCC-APP-{year}-00001"


def test_references_count_per_council_and_year_and_are_unique(glasgow):
    other = CouncilFactory(name="Aberdeen City Council", initials="ACC")
    refs = [ApplicationFactory(council=glasgow).reference for _ in range(2)] + [
        ApplicationFactory(council=other).reference
    ]
    year = timezone.localdate().year
    assert refs == [f"GCC-APP-{year}-00001", f"GCC-APP-{year}-00002", f"ACC-APP-{year}-00001"]
    # The initials are the council's own (unique), so references never collide.
    same_initials = CouncilFactory.build(name="Greenock Community Council", initials="GCC")
    with pytest.raises(ValidationError, match="already start with these initials"):
        same_initials.full_clean()
    assert initials_of("Comhairle nan Eilean Siar") == "CNES"
    assert CouncilFactory(name="Comhairle nan Eilean Siar", initials="").initials == "CNES"


def test_only_a_suppliers_user_creates_an_application(glasgow):
    with pytest.raises(PermissionDenied):
        services.application_create(
            by=OfficerFactory(council=glasgow), application_type="small_cell", assets=[AssetFactory(council=glasgow)]
        )


def test_a_batch_is_at_most_the_limit(glasgow, settings):
    settings.APPLICATION_MAX_SITES = 2
    assets = [AssetFactory(council=glasgow) for _ in range(3)]
    with pytest.raises(ValidationError, match="at most 2 sites; you chose 3"):
        services.application_create(by=SupplierFactory(), application_type="small_cell", assets=assets)


def test_sites_across_councils_make_one_draft_each_or_none(glasgow, settings):
    supplier = SupplierFactory()
    renfrewshire = CouncilFactory(name="Renfrewshire Council")
    ours, theirs = AssetFactory(council=glasgow), [AssetFactory(council=renfrewshire) for _ in range(2)]
    with pytest.raises(ValidationError, match="An application is to one council: some sites belong to Renfrewshire"):
        services.application_create(by=supplier, application_type="small_cell", assets=[ours, *theirs], council=glasgow)
    settings.APPLICATION_MAX_SITES = 1  # Renfrewshire's two are one too many: Glasgow's draft is not kept either
    with pytest.raises(ValidationError, match="at most 1 sites"):
        services.applications_create(by=supplier, application_type="small_cell", assets=[theirs[0], ours, theirs[1]])
    assert not supplier.organisation.applications.exists()
    settings.APPLICATION_MAX_SITES = 50
    made = services.applications_create(
        by=supplier, application_type="small_cell", assets=[theirs[0], ours, theirs[1], ours], term_years=7
    )
    assert [(a.council, [s.asset for s in a.sites.order_by("pk")], a.term_years) for a in made] == [
        (glasgow, [ours], 7),
        (renfrewshire, theirs, 7),
    ]
    with pytest.raises(ValidationError, match="Choose at least one site"):
        services.applications_create(by=supplier, application_type="small_cell", assets=[])


def test_a_site_of_another_council_is_not_added(glasgow):
    draft = ApplicationFactory(council=glasgow, site_count=1)
    elsewhere = AssetFactory(council=CouncilFactory(name="Renfrewshire Council"), reference="RC0002")
    with pytest.raises(ValidationError, match="RC0002 is not in Glasgow City Council's register"):
        services.application_site_add(application=draft, asset=elsewhere, by=draft.supplier)
    assert draft.sites.count() == 1


def test_submit_reports_every_problem_at_once(glasgow):
    other_council = CouncilFactory(name="Renfrewshire Council")
    rooftop = AssetType.objects.get(code="building_rooftop")
    full = AssetFactory(council=glasgow, slots=1)
    asset_capacity_reserve(asset=full, slots=1, load_kg=0)
    assets = {
        "elsewhere": AssetFactory(council=other_council, reference="RC0001"),
        "rooftop": AssetFactory(council=glasgow, asset_type=rooftop, reference="RT0001"),
        "unavailable": AssetFactory(
            council=glasgow,
            reference="LC0003",
            availability=Availability.UNAVAILABLE,
            unavailable_reason="Due for replacement in March.",
        ),
        "weak": AssetFactory(council=glasgow, reference="LC0004", structural_capacity_kg=10),
        "full": full,
        "blank": AssetFactory(council=glasgow, reference="LC0006"),
    }
    unverified = SupplierFactory(organisation=OrganisationFactory())
    application = ApplicationFactory(
        council=glasgow,
        supplier=unverified,
        assets=[asset for key, asset in assets.items() if key != "elsewhere"],
        proposed_start_date=None,
        term_years=None,
    )
    # The services refuse another council's site; one written past them (the admin, old data) is still caught.
    ApplicationSite.objects.create(application=application, asset=assets["elsewhere"], **EQUIPMENT)
    blank = application.sites.get(asset=assets["blank"])
    blank.application = application
    services.application_site_update(site=blank, by=unverified, weight_kg=None, make_model="", frequency_bands=[])
    with pytest.raises(ValidationError) as exc:
        services.application_submit(application=application, by=unverified)
    problems = exc.value.message_dict
    site = {key: application.sites.get(asset=asset).pk for key, asset in assets.items()}
    assert "has not been verified" in problems["organisation"][0]
    assert problems["proposed_start_date"] == ["Enter the proposed start date."]
    assert problems["term_years"] == ["Enter the term in years, from 1 to 25."]
    assert problems[f"site_{site['elsewhere']}"] == [
        "RC0001 belongs to Renfrewshire Council, not Glasgow City Council."
    ]
    assert problems[f"site_{site['rooftop']}"] == ["RT0001: a building rooftop cannot take a small cell application."]
    assert problems[f"site_{site['unavailable']}"] == ["LC0003 is unavailable: Due for replacement in March."]
    assert problems[f"site_{site['weak']}"] == [
        "LC0004: the equipment weighs 12.5 kg but the asset can carry only 10 kg more."
    ]
    assert problems[f"site_{site['full']}"] == [f"{full.reference} has no free slot for more equipment."]
    assert problems[f"site_{site['blank']}"] == [
        "LC0006: enter the make and model, the weight (kg) and the frequency bands."
    ]
    application.refresh_from_db()
    assert application.status == S.DRAFT
    assert not application.events.exclude(action=EventAction.CREATED).exists()


def test_submit_with_no_sites_and_a_past_start_date(glasgow):
    supplier = SupplierFactory()
    application = services.application_create(
        by=supplier,
        application_type="small_cell",
        council=glasgow,
        proposed_start_date=timezone.localdate() - timedelta(days=1),
        term_years=5,
    )
    with pytest.raises(ValidationError) as exc:
        services.application_submit(application=application, by=supplier)
    assert exc.value.message_dict == {
        "proposed_start_date": ["The proposed start date must be today or in the future."],
        "sites": ["Add at least one site to the application."],
    }


def test_submit_reports_more_sites_than_the_limit(glasgow, settings):
    application = ApplicationFactory(council=glasgow, site_count=3)
    settings.APPLICATION_MAX_SITES = 2
    with pytest.raises(ValidationError, match="at most 2 sites; this one names 3"):
        services.application_submit(application=application, by=application.supplier)


def test_a_wayleave_needs_less_equipment_detail(glasgow):
    equipment = {"equipment_type": "fibre", "technology": "fibre", "weight_kg": Decimal("2.0")}
    application = ApplicationFactory(council=glasgow, application_type=ApplicationType.WAYLEAVE, equipment=equipment)
    services.application_submit(application=application, by=application.supplier)
    assert application.status == S.SUBMITTED


def test_submitting_stamps_dates_and_a_due_date(glasgow):
    application = ApplicationFactory(council=glasgow)
    services.application_submit(application=application, by=application.supplier)
    application.refresh_from_db()
    assert application.submitted_at == application.first_submitted_at
    assert application.due_on is not None
    event = application.events.get(action="submit")
    assert (event.actor, event.from_status, event.to_status) == (application.supplier, S.DRAFT, S.SUBMITTED)


def test_conflicts_are_reported_first_submitted_first_but_do_not_block(glasgow):
    asset = AssetFactory(council=glasgow, reference="LC0100")
    first = SubmittedApplicationFactory(council=glasgow, assets=[asset])
    second = ApplicationFactory(council=glasgow, assets=[asset])
    services.application_submit(application=second, by=second.supplier)
    assert second.status == S.SUBMITTED
    note = second.events.get(action="submit").comment
    assert f"LC0100 is also in {first.reference} (submitted, submitted earlier)." == note
    (theirs,) = site_conflicts(application=second)[second.sites.get().pk]
    assert (theirs.other_reference, theirs.earlier) == (first.reference, True)
    (ours,) = site_conflicts(application=first)[first.sites.get().pk]
    assert (ours.other_reference, ours.earlier) == (second.reference, False)


def test_refused_withdrawn_and_draft_applications_are_not_conflicts(glasgow):
    asset = AssetFactory(council=glasgow)
    ApplicationFactory(council=glasgow, assets=[asset])  # a draft
    ApplicationFactory(council=glasgow, assets=[asset], status=S.WITHDRAWN)
    ApplicationFactory(council=glasgow, assets=[asset], status=S.REFUSED)
    mine = ApplicationFactory(council=glasgow, assets=[asset])
    assert site_conflicts(application=mine) == {}


def test_a_returned_application_is_amended_and_resubmitted(glasgow):
    application = ReturnedApplicationFactory(council=glasgow)
    first_submitted = application.first_submitted_at
    site = application.sites.get()
    site.application = application
    services.application_site_update(site=site, by=application.supplier, make_model="Nokia AirScale Micro")
    services.application_update(application=application, by=application.supplier, term_years=15)
    services.application_resubmit(application=application, by=application.supplier)
    application.refresh_from_db()
    assert application.status == S.SUBMITTED
    assert application.term_years == 15
    assert application.first_submitted_at == first_submitted
    assert application.submitted_at > first_submitted


def test_a_submitted_application_cannot_be_edited(glasgow):
    application = SubmittedApplicationFactory(council=glasgow)
    site = application.sites.get()
    site.application = application
    with pytest.raises(TransitionNotAllowed, match="only while it is a draft or has been returned"):
        services.application_site_update(site=site, by=application.supplier, weight_kg=Decimal("1"))
    with pytest.raises(TransitionNotAllowed):
        services.application_site_add(
            application=application, asset=AssetFactory(council=glasgow), by=application.supplier
        )


def test_bad_equipment_is_refused_in_plain_english_and_nothing_saved(glasgow):
    application = ApplicationFactory(council=glasgow)
    site = application.sites.get()
    site.application = application
    with pytest.raises(ValidationError) as exc:
        services.application_site_update(
            site=site, by=application.supplier, weight_kg=Decimal("-3"), frequency_bands=["9"]
        )
    assert set(exc.value.message_dict) == {"weight_kg", "frequency_bands"}
    assert exc.value.message_dict["frequency_bands"] == ["Choose frequency bands from the list."]
    assert ApplicationSite.objects.get(pk=site.pk).weight_kg == EQUIPMENT["weight_kg"]
    with pytest.raises(TypeError):
        services.application_site_update(site=site, by=application.supplier, decision="approved")


def test_term_outside_1_to_25_years_is_refused(glasgow):
    application = ApplicationFactory(council=glasgow)
    for term in (0, 26):
        with pytest.raises(ValidationError) as exc:
            services.application_update(application=application, by=application.supplier, term_years=term)
        assert "term_years" in exc.value.message_dict


def test_sites_are_added_once_and_removed(glasgow):
    application = ApplicationFactory(council=glasgow)
    asset = AssetFactory(council=glasgow)
    site = services.application_site_add(application=application, asset=asset, by=application.supplier)
    with pytest.raises(ValidationError, match="already in this application"):
        services.application_site_add(application=application, asset=asset, by=application.supplier)
    with pytest.raises(PermissionDenied):
        services.application_site_remove(site=site, by=SupplierFactory())
    services.application_site_remove(site=site, by=application.supplier)
    assert application.sites.count() == 1


def test_submission_checks_take_the_same_queries_for_3_or_30_sites(glasgow):
    def queries_to_submit(n: int) -> int:
        application = ApplicationFactory(council=glasgow, site_count=n)
        with CaptureQueriesContext(connection) as ctx:
            services.application_submit(application=application, by=application.supplier)
        return len(ctx.captured_queries)

    assert queries_to_submit(3) == queries_to_submit(30)
