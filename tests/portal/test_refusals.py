"""The 403 page says why and what to do (portal.refusals, the project's handler403)."""

import html as html_lib
import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.http import urlencode

from portal import urls as root_urls
from portal.refusals import Need, Refused, permission_denied
from tests.applications.factories import SubmittedApplicationFactory
from tests.factories import (
    CouncilAdminFactory,
    OfficerFactory,
    OrganisationFactory,
    SupplierFactory,
    SystemAdminFactory,
)

pytestmark = pytest.mark.django_db


def advice(html: str) -> str:
    found = re.search(r'<ul class="govuk-list govuk-list--bullet" id="advice">(.*?)</ul>', html, re.S)
    assert found, "the page says what to do"
    return html_lib.unescape(re.sub(r"\s+", " ", found.group(1)))


def reason(html: str) -> str:
    return html_lib.unescape(re.search(r'<p class="govuk-body-l" id="reason">(.*?)</p>', html, re.S).group(1))


def test_the_project_uses_the_handler():
    assert root_urls.handler403 == "portal.refusals.permission_denied"


def test_signed_out_the_page_offers_sign_in_back_to_the_page_and_registration(rf, glasgow):
    request = rf.get("/somewhere/?x=1")
    request.user = AnonymousUser()
    response = permission_denied(request, Refused("Only suppliers' users can use this page.", needs=Need.SUPPLIER))
    html = response.content.decode()
    assert response.status_code == 403
    assert "You cannot open this page" in html
    assert reason(html) == "Only suppliers' users can use this page."
    assert f'href="{reverse("login")}?{urlencode({"next": "/somewhere/?x=1"})}"' in html.replace("&amp;", "&")
    assert reverse("accounts:register") in advice(html)


def test_a_plain_permission_denied_still_gets_a_reason_and_advice_by_role(rf, glasgow):
    request = rf.get("/x/")
    request.user = OfficerFactory(council=glasgow)
    html = permission_denied(request, PermissionDenied()).content.decode()
    assert reason(html) == "Your account does not have access to this page."
    assert "Glasgow City Council's council administrator" in advice(html)


def test_a_supplier_at_the_officers_queue_is_pointed_to_their_applications(client, glasgow):
    client.force_login(SupplierFactory())
    response = client.get(reverse("applications:queue"))
    html = response.content.decode()
    assert response.status_code == 403
    assert reason(html) == "Only council staff can use this page."
    assert "for the council's staff" in advice(html)
    assert reverse("applications:list") in advice(html)


def test_an_officer_at_a_suppliers_page_is_told_it_is_the_applicants_step(client, glasgow):
    client.force_login(OfficerFactory(council=glasgow))
    html = client.get(reverse("applications:new")).content.decode()
    assert reason(html) == "Only suppliers' users can use this page."
    assert "This is the applicant's step" in advice(html)


def test_a_supplier_who_is_not_the_account_manager_is_told_whom_to_ask(client, glasgow):
    manager = SupplierFactory(is_organisation_admin=True, first_name="Morag", last_name="Reid")
    colleague = SupplierFactory(organisation=manager.organisation)
    client.force_login(colleague)
    response = client.post(reverse("accounts:invite"), {"email": "new@example.org"})
    html = response.content.decode()
    assert response.status_code == 403
    assert reason(html) == "Only your organisation's account managers can invite colleagues."
    assert f"Morag Reid ({manager.email})" in advice(html)


def test_a_supplier_of_an_unverified_organisation_is_told_to_wait_for_verification(rf, glasgow):
    unverified = SupplierFactory(organisation=OrganisationFactory(name="New Fibre Ltd"), is_organisation_admin=True)
    request = rf.get("/x/")
    request.user = unverified
    html = permission_denied(request, Refused("Not yet.", needs=Need.VERIFIED_ORGANISATION)).content.decode()
    assert "The council has not yet verified New Fibre Ltd" in advice(html)
    assert "account manager" not in advice(html), "they are the account manager"


def test_a_system_admin_refused_a_workflow_move_is_told_why(client, glasgow):
    application = SubmittedApplicationFactory(council=glasgow)
    client.force_login(SystemAdminFactory())
    response = client.post(reverse("applications:start_review", args=[application.reference]), {})
    html = response.content.decode()
    assert response.status_code == 403
    assert reason(html) == "Only the council's officers can start reviewing this application."
    assert "ADR 12" in advice(html)


def test_an_officer_of_another_council_is_sent_to_their_own_queue(rf, glasgow):
    request = rf.get("/x/")
    request.user = CouncilAdminFactory()
    html = permission_denied(request, Refused("Only the council's officers can do this.", needs=Need.COUNCIL_OFFICER))
    assert reverse("applications:queue") in advice(html.content.decode())
