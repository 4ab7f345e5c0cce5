"""Bad input on the review's forms and messages: plain English on the page, never a 500, nothing half-written."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from applications.models import Application, ApplicationMessage, ApplicationStatus, SiteDecision
from tests.applications.factories import (
    ApplicationFactory,
    SubmittedApplicationFactory,
    UnderReviewApplicationFactory,
)
from tests.factories import SupplierFactory

pytestmark = pytest.mark.django_db
S = ApplicationStatus
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
HUGE = "x" * 20_000


def url(name, application, *more):
    return reverse(f"applications:{name}", args=[application.reference, *more])


def errors(response) -> str:
    """The page's error summary and inline messages, as text."""
    assert response.status_code == 200, response.status_code
    html = response.content.decode()
    assert "govuk-error-summary" in html, "no error summary on the page"
    return html


@pytest.fixture
def draft(glasgow):
    return ApplicationFactory(council=glasgow, site_count=2)


@pytest.fixture
def supplier_client(client, draft):
    client.force_login(draft.supplier)
    return client


# Messages and the review ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("body", "message"), [("", "Enter your message"), (HUGE, "5,000 characters or fewer")])
def test_message_bad_input(client, glasgow, body, message):
    application = SubmittedApplicationFactory(council=glasgow)
    client.force_login(application.supplier)
    html = errors(client.post(url("message_send", application), {"body": body}))
    assert message in html
    assert not ApplicationMessage.objects.filter(application=application).exists()


def test_a_message_on_another_organisations_application_is_not_found(client, glasgow):
    theirs = SubmittedApplicationFactory(council=glasgow)
    client.force_login(SupplierFactory())
    assert client.post(url("message_send", theirs), {"body": "Hello"}).status_code == 404
    assert not ApplicationMessage.objects.filter(application=theirs).exists()


def test_a_message_on_a_draft_is_refused_in_plain_english(supplier_client, draft):
    html = errors(supplier_client.post(url("message_send", draft), {"body": "Hello"}))
    assert "You can send messages once the application has been submitted." in html


@pytest.mark.parametrize(
    ("name", "status", "data", "message"),
    [
        ("return", S.SUBMITTED, {"comment": ""}, "Give the reasons the application is incomplete"),
        ("request_information", S.UNDER_REVIEW, {"comment": "  "}, "Enter the information you need"),
        ("request_information", S.UNDER_REVIEW, {"comment": HUGE}, "must be 5,000 characters or fewer"),
    ],
)
def test_officer_forms_need_their_reasons(client, glasgow, name, status, data, message):
    factory = SubmittedApplicationFactory if status == S.SUBMITTED else UnderReviewApplicationFactory
    application = factory(council=glasgow)
    client.force_login(application.officer)
    html = errors(client.post(url(name, application), data))
    assert message in html
    application.refresh_from_db()
    assert application.status == status


def test_answer_needs_an_answer(client, glasgow):
    from tests.applications.factories import InformationRequestedApplicationFactory

    application = InformationRequestedApplicationFactory(council=glasgow)
    client.force_login(application.supplier)
    assert "Enter your answer" in errors(client.post(url("answer", application), {"comment": ""}))


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({}, "decision", "Choose whether to approve or refuse the site"),
        ({"decision": "maybe"}, "decision", "Choose whether to approve or refuse the site"),
        ({"decision": "refused"}, "refusal_reason", "Choose the reason for refusing the site"),
        ({"decision": "refused", "refusal_reason": "made_up"}, "refusal_reason", "Choose the reason for refusing"),
        ({"decision": "refused", "refusal_reason": "other"}, "refusal_detail", "Explain the reason for refusing"),
        ({"decision": "approved", "conditions": HUGE}, "conditions", "5,000 characters or fewer"),
    ],
)
def test_site_decision_bad_input(client, glasgow, data, field, message):
    application = UnderReviewApplicationFactory(council=glasgow)
    site = application.sites.first()
    client.force_login(application.officer)
    html = errors(client.post(url("site_decide", application, site.pk), data))
    assert message in html
    assert f'href="#id_{field}' in html
    site.refresh_from_db()
    assert site.decision == SiteDecision.PENDING


def test_a_refused_action_is_the_page_again_with_the_reason_not_a_500(client, glasgow):
    application = UnderReviewApplicationFactory(council=glasgow)
    client.force_login(application.officer)
    page = client.get(url("start_review", application))
    assert page.status_code == 200
    assert "You cannot start reviewing this application while it is under review." in page.content.decode()
    html = errors(client.post(url("start_review", application), {}))
    assert "You cannot start reviewing this application while it is under review." in html


def test_deciding_before_every_site_is_decided_says_why(client, glasgow):
    application = UnderReviewApplicationFactory(council=glasgow, site_count=2)
    client.force_login(application.officer)
    html = client.get(url("decide", application)).content.decode()
    assert "Decide every site (approve or refuse it) before deciding the application." in html


def test_a_page_opened_before_another_officer_acted_is_refused_in_plain_english(client, glasgow):
    """The second officer's page was opened before the first acted: refused in plain English."""
    from applications import services

    application = SubmittedApplicationFactory(council=glasgow)
    client.force_login(application.officer)
    services.application_start_review(application=Application.objects.get(pk=application.pk), by=application.officer)
    html = errors(client.post(url("return", application), {"comment": "Missing drawings"}))
    assert "You cannot return this application while it is under review." in html


def test_withdraw_needs_a_reason_and_a_confirmation(client, glasgow):
    application = SubmittedApplicationFactory(council=glasgow)
    client.force_login(application.supplier)
    assert "Enter why you are withdrawing the application" in errors(
        client.post(url("withdraw", application), {"reason": ""})
    )
    confirm = client.post(url("withdraw", application), {"reason": "Plans changed"})
    assert confirm.status_code == 200
    assert "Are you sure you want to withdraw this application?" in confirm.content.decode()
    application.refresh_from_db()
    assert application.status == S.SUBMITTED  # nothing yet
    done = client.post(url("withdraw", application), {"reason": "Plans changed", "confirmed": "True"})
    assert done.status_code == 302
    application.refresh_from_db()
    assert application.status == S.WITHDRAWN
    assert application.events.get(action="withdraw").comment == "Plans changed"


def test_the_proposed_start_date_in_the_past_is_a_submission_problem_too(client, glasgow):
    application = ApplicationFactory(council=glasgow, proposed_start_date=timezone.localdate() - timedelta(days=1))
    client.force_login(application.supplier)
    html = errors(client.post(url("submit", application)))
    assert "The proposed start date must be today or in the future." in html
