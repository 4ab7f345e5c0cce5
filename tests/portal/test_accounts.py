"""Supplier sign-up, invitations and verification (portal.accounts and its pages)."""

from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail, signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from portal.accounts import (
    invitation_accept,
    invitation_read,
    organisation_invite,
    organisation_register,
    organisation_unverified_list,
)
from portal.models import Organisation, Role, User
from tests.factories import OfficerFactory, OrganisationFactory, SupplierFactory, SystemAdminFactory

pytestmark = pytest.mark.django_db
STRONG = "plum-orchard-lantern-42"
REGISTER = "/accounts/register/"


def registration(**changes) -> dict:
    data = {
        "name": "Kelvin Fibre Ltd",
        "companies_house_number": "sc 123456",
        "is_code_operator": True,
        "ofcom_reference": "ECC-0042",
        "contact_email": "Sites@Kelvin.example",
        "username": "morag",
        "email": "Morag@Kelvin.example",
        "password": STRONG,
        "first_name": "Morag",
        "last_name": "Fleming",
    }
    data.update(changes)
    return data


def form(**changes) -> dict:
    data = registration(**changes)
    data["password1"] = data["password2"] = data.pop("password")
    data["is_code_operator"] = "yes" if data["is_code_operator"] else "no"
    return data


# Services ---------------------------------------------------------------------------------------------------------


def test_register_makes_an_unverified_organisation_and_its_account_manager():
    user = organisation_register(**registration())
    organisation = user.organisation
    assert (organisation.name, organisation.companies_house_number, organisation.is_verified) == (
        "Kelvin Fibre Ltd",
        "SC123456",
        False,
    )
    assert (organisation.contact_email, user.email) == ("sites@kelvin.example", "morag@kelvin.example")
    assert user.role == Role.SUPPLIER and user.is_organisation_admin and user.check_password(STRONG)
    assert not user.is_staff


def test_register_reports_every_problem_at_once_and_writes_nothing():
    OrganisationFactory(name="Kelvin Fibre Ltd", companies_house_number="SC123456")
    SupplierFactory(username="morag", email="morag@kelvin.example")
    before = (Organisation.objects.count(), User.objects.count())
    with pytest.raises(ValidationError) as caught:
        organisation_register(**registration(ofcom_reference="", password="password"))
    problems = caught.value.message_dict
    assert set(problems) == {"name", "companies_house_number", "ofcom_reference", "username", "email", "password"}
    assert any("too short" in m or "too common" in m for m in problems["password"])
    assert (Organisation.objects.count(), User.objects.count()) == before


@pytest.mark.parametrize(
    ("password", "reason"),
    [
        ("short1!", "too short"),
        ("password1234", "too common"),
        ("384729104857", "entirely numeric"),
        ("morag@kelvin.example", "too similar"),
    ],
)
def test_djangos_password_validators_apply(password, reason):
    with pytest.raises(ValidationError) as caught:
        organisation_register(**registration(password=password))
    assert any(reason in m for m in caught.value.message_dict["password"])


def test_invitations_are_for_account_managers_of_the_organisation():
    manager = SupplierFactory(is_organisation_admin=True)
    member = SupplierFactory(organisation=manager.organisation)
    with pytest.raises(PermissionDenied):
        organisation_invite(organisation=manager.organisation, email="a@example.org", by=member)
    with pytest.raises(PermissionDenied):
        organisation_invite(organisation=OrganisationFactory(), email="a@example.org", by=manager)
    with pytest.raises(PermissionDenied):
        organisation_invite(organisation=manager.organisation, email="a@example.org", by=OfficerFactory())


@pytest.mark.parametrize("email", ["", "not-an-email", "a@b", "x" * 300 + "@example.org"])
def test_invitation_needs_a_real_email(email):
    manager = SupplierFactory(is_organisation_admin=True)
    with pytest.raises(ValidationError) as caught:
        organisation_invite(organisation=manager.organisation, email=email, by=manager)
    assert "email" in caught.value.message_dict


def test_an_invitation_is_emailed_once_it_commits_and_accepted_once(django_capture_on_commit_callbacks):
    manager = SupplierFactory(is_organisation_admin=True, first_name="Ailsa", last_name="Brannigan")
    with django_capture_on_commit_callbacks(execute=True):
        invitation = organisation_invite(organisation=manager.organisation, email="New@Example.org", by=manager)
    (message,) = mail.outbox
    assert message.to == ["new@example.org"]
    assert invitation.url in message.body and "Ailsa Brannigan" in message.body
    user = invitation_accept(token=invitation.token, username="newbie", password=STRONG, first_name="N", last_name="B")
    assert user.organisation == manager.organisation and not user.is_organisation_admin
    assert user.email == "new@example.org"
    with pytest.raises(ValidationError, match="already been used"):
        invitation_read(token=invitation.token)


def test_a_tampered_expired_or_orphaned_invitation_is_refused():
    manager = SupplierFactory(is_organisation_admin=True)
    invitation = organisation_invite(organisation=manager.organisation, email="x@example.org", by=manager)
    with pytest.raises(ValidationError, match="not valid"):
        invitation_read(token=invitation.token[:-2] + "xx")
    forged = signing.dumps({"o": OrganisationFactory().pk, "e": "y@example.org", "b": manager.pk}, salt="other")
    with pytest.raises(ValidationError, match="not valid"):
        invitation_read(token=forged)
    later = timezone.now() + timedelta(days=8)
    with (
        mock.patch("django.core.signing.time.time", return_value=later.timestamp()),
        pytest.raises(ValidationError, match="expired"),
    ):
        invitation_read(token=invitation.token)
    manager.is_organisation_admin = False
    manager.save()
    with pytest.raises(ValidationError, match="not valid"):
        invitation_read(token=invitation.token)


def test_only_staff_see_organisations_to_verify():
    waiting = OrganisationFactory()
    assert list(organisation_unverified_list(user=OfficerFactory())) == [waiting]
    assert list(organisation_unverified_list(user=SystemAdminFactory())) == [waiting]
    assert list(organisation_unverified_list(user=SupplierFactory())) == []


# Pages ------------------------------------------------------------------------------------------------------------


def test_sign_up_page_registers_and_signs_in(client):
    assert client.get(REGISTER).status_code == 200
    response = client.post(REGISTER, form())
    assert response.status_code == 302 and response["Location"] == reverse("accounts:organisation")
    page = client.get(response["Location"]).content.decode()
    assert "Kelvin Fibre Ltd is registered" in page
    assert "has not yet verified Kelvin Fibre Ltd" in page
    assert "Invite a colleague" in page


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"name": ""}, "Enter your organisation&#x27;s name"),
        ({"name": "x" * 5000}, "Organisation name must be 200 characters or fewer"),
        ({"companies_house_number": "12"}, "Enter a Companies House number"),
        ({"is_code_operator": True, "ofcom_reference": ""}, "Enter your Ofcom Code operator reference"),
        ({"email": "nope"}, "Enter an email address in the correct format"),
        ({"password": "password"}, "This password is too common."),
    ],
)
def test_sign_up_page_bad_input(client, changes, message):
    response = client.post(REGISTER, form(**changes))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Organisation.objects.exists()


def test_sign_up_mismatched_passwords(client):
    data = form()
    data["password2"] = "something-else-entirely"
    response = client.post(REGISTER, data)
    assert "The passwords do not match" in response.content.decode()


def test_the_invitation_journey(client, django_capture_on_commit_callbacks):
    manager = SupplierFactory(is_organisation_admin=True)
    client.force_login(manager)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:invite"), {"email": "colleague@example.org"})
    assert response.status_code == 302
    link = next(line for line in mail.outbox[0].body.splitlines() if "/accounts/invitation/" in line)
    path = link[link.index("/accounts/invitation/") :]
    client.logout()
    page = client.get(path)
    assert page.status_code == 200 and "colleague@example.org" in page.content.decode()
    data = {
        "first_name": "Col",
        "last_name": "League",
        "username": "colleague",
        "password1": STRONG,
        "password2": STRONG,
    }
    response = client.post(path, data)
    assert response.status_code == 302
    colleague = User.objects.get(username="colleague")
    assert colleague.organisation == manager.organisation
    client.logout()
    used = client.get(path)
    assert used.status_code == 404 and "already been used" in used.content.decode()


def test_an_invitation_to_an_existing_address_is_a_form_error(client):
    manager = SupplierFactory(is_organisation_admin=True)
    SupplierFactory(email="taken@example.org")
    client.force_login(manager)
    response = client.post(reverse("accounts:invite"), {"email": "taken@example.org"})
    assert response.status_code == 200
    assert "Someone with this email address already has an account." in response.content.decode()


def test_a_bad_invitation_link_is_a_friendly_404(client):
    response = client.get("/accounts/invitation/not-a-token/")
    assert response.status_code == 404
    assert "This invitation cannot be used" in response.content.decode()


def test_an_officer_verifies_an_organisation_and_its_users_can_submit(client, glasgow):
    from tests.applications.factories import ApplicationFactory

    supplier = SupplierFactory(organisation=OrganisationFactory(name="Newcomer Ltd"))
    application = ApplicationFactory(council=glasgow, supplier=supplier)
    submit = reverse("applications:submit", args=[application.reference])
    client.force_login(supplier)
    assert "has not been verified yet" in client.post(submit).content.decode()

    officer = OfficerFactory(council=glasgow)
    client.force_login(officer)
    listing = client.get(reverse("accounts:unverified")).content.decode()
    assert "Newcomer Ltd" in listing
    response = client.post(reverse("accounts:verify", args=[supplier.organisation.pk]))
    assert response.status_code == 302
    supplier.organisation.refresh_from_db()
    assert supplier.organisation.verified_by == officer
    assert list(client.get(reverse("accounts:unverified")).context["organisations"]) == []
    # Verifying again: it is no longer in the list, so there is nothing to verify.
    assert client.post(reverse("accounts:verify", args=[supplier.organisation.pk])).status_code == 404

    client.force_login(supplier)
    assert client.post(submit).status_code == 302
