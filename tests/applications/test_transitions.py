"""The full transition table: every state x every action x every role, allowed or refused.

The expectations are written out here from docs/DESIGN.md, independently of the state
machine, and checked against both the declared table and the real services. A
refused action changes nothing: same state, no event, no notification.
"""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from applications import services
from applications.models import Application, ApplicationEvent, ApplicationStatus, Notification
from applications.transitions import ACTIONS, TRANSITIONS, TransitionNotAllowed, available_actions
from tests.applications.factories import FACTORY_BY_STATUS, UnderReviewApplicationFactory
from tests.factories import CouncilAdminFactory, OfficerFactory, SupplierFactory, SystemAdminFactory

pytestmark = pytest.mark.django_db

S = ApplicationStatus
APPLICANT = frozenset({"applicant"})
COUNCIL = frozenset({"officer", "council_admin"})
EITHER = APPLICANT | COUNCIL
BEFORE_LICENCE = {S.DRAFT, S.SUBMITTED, S.RETURNED, S.UNDER_REVIEW, S.INFORMATION_REQUESTED, S.APPROVED}

# action: (states it may start from, who may make it, where it leads)
EXPECTED = {
    "submit": ({S.DRAFT}, APPLICANT, S.SUBMITTED),
    "resubmit": ({S.RETURNED}, APPLICANT, S.SUBMITTED),
    "start_review": ({S.SUBMITTED}, COUNCIL, S.UNDER_REVIEW),
    "return_incomplete": ({S.SUBMITTED}, COUNCIL, S.RETURNED),
    "request_information": ({S.UNDER_REVIEW}, COUNCIL, S.INFORMATION_REQUESTED),
    "answer": ({S.INFORMATION_REQUESTED}, APPLICANT, S.UNDER_REVIEW),
    "decide": ({S.UNDER_REVIEW}, COUNCIL, S.APPROVED),  # every site approved in this table
    "issue_licence": ({S.APPROVED}, COUNCIL, S.LICENCE_ISSUED),
    "report_installed": ({S.LICENCE_ISSUED}, EITHER, S.INSTALLED),
    "go_live": ({S.INSTALLED}, EITHER, S.LIVE),
    "withdraw": (BEFORE_LICENCE, APPLICANT, S.WITHDRAWN),
}
PARTY_ROLES = {"applicant": APPLICANT, "council": COUNCIL, "either": EITHER}

CALLS = {
    "submit": lambda app, by: services.application_submit(application=app, by=by),
    "resubmit": lambda app, by: services.application_resubmit(application=app, by=by),
    "start_review": lambda app, by: services.application_start_review(application=app, by=by),
    "return_incomplete": lambda app, by: services.application_return(
        application=app, by=by, reasons="The drawings are missing."
    ),
    "request_information": lambda app, by: services.application_request_information(
        application=app, by=by, message="Send the bracket drawing."
    ),
    "answer": lambda app, by: services.application_answer(application=app, by=by, message="Attached."),
    "decide": lambda app, by: services.application_decide(application=app, by=by),
    "issue_licence": lambda app, by: services.application_issue_licence(application=app, by=by),
    "report_installed": lambda app, by: services.application_report_installed(application=app, by=by),
    "go_live": lambda app, by: services.application_go_live(application=app, by=by),
    "withdraw": lambda app, by: services.application_withdraw(application=app, by=by),
}


def test_the_declared_table_is_the_expected_one():
    assert set(ACTIONS) == set(EXPECTED) == set(CALLS)
    for spec in TRANSITIONS:
        sources, roles, target = EXPECTED[spec.action]
        assert set(spec.sources) == sources, spec.action
        assert PARTY_ROLES[spec.party.code] == roles, spec.action
        assert target in spec.targets, spec.action
    decide = next(t for t in TRANSITIONS if t.action == "decide")
    assert set(decide.targets) == {S.APPROVED, S.REFUSED}


def _people(application) -> dict:
    return {
        "applicant": application.supplier,
        "other_supplier": SupplierFactory(),
        "officer": application.officer,
        "council_admin": CouncilAdminFactory(council=application.council),
        "other_officer": OfficerFactory(),
        "system_admin": SystemAdminFactory(),
    }


def _snapshot(pk: int) -> tuple:
    row = Application.objects.filter(pk=pk).values_list("status", "updated_at", "due_on").get()
    return row, ApplicationEvent.objects.count(), Notification.objects.count()


@pytest.mark.parametrize("status", list(S))
def test_every_action_by_every_role(status):
    # Under review, the sites are already decided so that `decide` can succeed.
    extra = {"decide_sites": "approved"} if status == S.UNDER_REVIEW else {}
    application = FACTORY_BY_STATUS[status](**extra)
    people = _people(application)
    wrong = []
    for action, (sources, allowed_roles, target) in EXPECTED.items():
        for role, user in people.items():
            should_pass = status in sources and role in allowed_roles
            fresh = Application.objects.get(pk=application.pk)
            before = _snapshot(application.pk)
            savepoint = transaction.savepoint()
            try:
                CALLS[action](fresh, user)
            except (PermissionDenied, TransitionNotAllowed) as exc:
                if should_pass:
                    wrong.append(f"{status}/{action}/{role}: refused ({exc})")
                elif _snapshot(application.pk) != before:
                    wrong.append(f"{status}/{action}/{role}: refused but something changed")
                elif not str(exc).startswith(("Only ", "You cannot ")):
                    wrong.append(f"{status}/{action}/{role}: unclear message {exc!r}")
                elif status in sources and not isinstance(exc, PermissionDenied):
                    wrong.append(f"{status}/{action}/{role}: wrong side should be PermissionDenied")
            else:
                if not should_pass:
                    wrong.append(f"{status}/{action}/{role}: allowed")
                else:
                    now = Application.objects.get(pk=application.pk)
                    event = ApplicationEvent.objects.filter(application=now, action=action).latest("pk")
                    if (now.status, event.from_status, event.to_status, event.actor) != (
                        target,
                        status,
                        target,
                        user,
                    ):
                        wrong.append(f"{status}/{action}/{role}: went to {now.status}, event {event}")
            finally:
                transaction.savepoint_rollback(savepoint)
    assert wrong == []


def test_status_cannot_be_assigned_directly():
    application = FACTORY_BY_STATUS[S.DRAFT]()
    with pytest.raises(AttributeError):
        application.status = S.APPROVED


def test_decide_refuses_until_every_site_is_decided_and_changes_nothing():
    application = UnderReviewApplicationFactory(site_count=2)
    events = application.events.count()
    with pytest.raises(TransitionNotAllowed, match="Decide every site"):
        services.application_decide(application=application, by=application.officer)
    application.refresh_from_db()
    assert application.status == S.UNDER_REVIEW
    assert application.events.count() == events


def test_decide_refused_when_every_site_refused():
    application = UnderReviewApplicationFactory(site_count=2, decide_sites="refused")
    services.application_decide(application=application, by=application.officer)
    application.refresh_from_db()
    assert application.status == S.REFUSED
    assert application.decided_at is not None


def test_going_live_needs_the_officer_to_confirm_a_suppliers_report():
    application = FACTORY_BY_STATUS[S.LICENCE_ISSUED]()
    services.application_report_installed(application=application, by=application.supplier)
    with pytest.raises(TransitionNotAllowed, match="officer must confirm the installation"):
        services.application_go_live(application=application, by=application.supplier)
    assert [a.action for a in available_actions(application=application, user=application.supplier)] == []
    services.application_confirm_installation(application=application, by=application.officer)
    services.application_go_live(application=application, by=application.supplier)
    assert application.status == S.LIVE


def test_an_officer_recording_the_installation_confirms_it():
    application = FACTORY_BY_STATUS[S.LICENCE_ISSUED]()
    services.application_report_installed(application=application, by=application.officer)
    assert application.installation_confirmed_by == application.officer
    with pytest.raises(PermissionDenied):
        services.application_confirm_installation(application=application, by=application.supplier)


@pytest.mark.parametrize(
    ("action", "field"),
    [("return_incomplete", "reasons"), ("request_information", "message")],
)
def test_reasons_and_messages_are_required(action, field):
    status = S.SUBMITTED if action == "return_incomplete" else S.UNDER_REVIEW
    application = FACTORY_BY_STATUS[status]()
    events = application.events.count()
    call = services.application_return if action == "return_incomplete" else services.application_request_information
    with pytest.raises(ValidationError) as exc:
        call(application=application, by=application.officer, **{field: "   "})
    assert "comment" in exc.value.message_dict
    application.refresh_from_db()
    assert application.status == status
    assert application.events.count() == events


def test_answer_needs_a_message_and_links_to_the_request():
    application = FACTORY_BY_STATUS[S.INFORMATION_REQUESTED]()
    with pytest.raises(ValidationError, match="Enter your answer"):
        services.application_answer(application=application, by=application.supplier, message="")
    answer = services.application_answer(application=application, by=application.supplier, message="Drawing sent.")
    assert answer.answers.is_information_request
    assert application.status == S.UNDER_REVIEW


def test_available_actions_follow_state_and_side():
    application = FACTORY_BY_STATUS[S.SUBMITTED]()
    assert {a.action for a in available_actions(application=application, user=application.officer)} == {
        "start_review",
        "return_incomplete",
    }
    assert {a.action for a in available_actions(application=application, user=application.supplier)} == {"withdraw"}
    assert available_actions(application=application, user=SupplierFactory()) == []
