"""Database constraints on councils, organisations and users hold whatever the caller does."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from portal.models import Organisation, Role, User
from portal.services import organisation_verify, user_create
from tests.factories import CouncilFactory, OfficerFactory, OrganisationFactory, SupplierFactory

pytestmark = pytest.mark.django_db


def test_council_bounds_must_be_the_right_way_round():
    with pytest.raises(IntegrityError), transaction.atomic():
        CouncilFactory(min_longitude=-4.0, max_longitude=-4.5)


def test_council_ons_code_is_validated():
    council = CouncilFactory.build(ons_code="GLASGOW")
    with pytest.raises(ValidationError, match="ONS code"):
        council.full_clean()


def test_code_operator_needs_ofcom_reference():
    with pytest.raises(IntegrityError), transaction.atomic():
        OrganisationFactory(is_code_operator=True, ofcom_reference="")


@pytest.mark.parametrize("number", ["12345", "SC12345X", "ABCDEFGH", ""])
def test_companies_house_number_is_validated(number):
    organisation = OrganisationFactory.build(companies_house_number=number)
    with pytest.raises(ValidationError):
        organisation.full_clean()


def test_supplier_must_belong_to_an_organisation():
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create(username="orphan", email="orphan@example.org", role=Role.SUPPLIER)


def test_officer_must_belong_to_a_council():
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create(username="nocouncil", email="nocouncil@example.org", role=Role.OFFICER)


def test_supplier_cannot_also_belong_to_a_council():
    supplier = SupplierFactory()
    supplier.council = CouncilFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        supplier.save()


def test_unknown_role_is_refused():
    officer = OfficerFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.filter(pk=officer.pk).update(role="wizard")


def test_user_create_gives_council_staff_admin_access_and_not_suppliers():
    council = CouncilFactory()
    organisation = OrganisationFactory()
    officer = user_create(
        username="officer",
        email="Officer@Example.org",
        password="a-long-passphrase-1",
        role=Role.OFFICER,
        council=council,
    )
    supplier = user_create(
        username="supplier", email="s@example.org", password=None, role=Role.SUPPLIER, organisation=organisation
    )
    assert officer.is_staff and not officer.is_superuser
    assert officer.email == "officer@example.org"
    assert officer.check_password("a-long-passphrase-1")
    assert not supplier.is_staff
    assert not supplier.has_usable_password()


def test_user_create_refuses_a_supplier_without_organisation_and_writes_nothing():
    with pytest.raises(ValidationError):
        user_create(username="x", email="x@example.org", password=None, role=Role.SUPPLIER)
    assert not User.objects.filter(username="x").exists()


def test_organisation_verify_records_who_and_when():
    organisation = OrganisationFactory()
    officer = OfficerFactory()
    verified = organisation_verify(organisation=organisation, by=officer)
    assert verified.is_verified
    assert verified.verified_by == officer
    first_time = verified.verified_at
    again = organisation_verify(organisation=organisation, by=OfficerFactory())
    assert again.verified_at == first_time, "verifying twice keeps the first record"


def test_a_supplier_cannot_verify_an_organisation():
    organisation = OrganisationFactory()
    with pytest.raises(PermissionDenied, match="council staff"):
        organisation_verify(organisation=organisation, by=SupplierFactory())
    assert not Organisation.objects.get(pk=organisation.pk).is_verified
