"""Two people acting at once: exactly one succeeds, the other gets a clear refusal."""

import threading

import pytest
from django.db import OperationalError, close_old_connections, connection, transaction
from django_fsm import ConcurrentTransition

from applications import services
from applications.models import Application, ApplicationEvent, ApplicationStatus
from applications.transitions import TransitionNotAllowed
from tests.applications.factories import ApplicationFactory, UnderReviewApplicationFactory
from tests.factories import OfficerFactory

S = ApplicationStatus


@pytest.mark.django_db
def test_a_stale_copy_is_refused_and_changes_nothing(glasgow):
    application = UnderReviewApplicationFactory(council=glasgow, decide_sites="approved")
    mine = Application.objects.get(pk=application.pk)
    theirs = Application.objects.get(pk=application.pk)
    colleague = OfficerFactory(council=glasgow)
    services.application_decide(application=mine, by=application.officer)
    events = ApplicationEvent.objects.count()
    with pytest.raises(TransitionNotAllowed, match="changed since you opened it: it is now approved"):
        services.application_withdraw(application=theirs, by=application.supplier)
    with pytest.raises(TransitionNotAllowed, match="changed since you opened it"):
        services.application_request_information(application=theirs, by=colleague, message="Why?")
    assert ApplicationEvent.objects.count() == events
    assert Application.objects.get(pk=application.pk).status == S.APPROVED


@pytest.mark.django_db
def test_the_model_refuses_to_save_a_transition_made_on_a_stale_copy(glasgow):
    """ConcurrentTransitionMixin: the safety net under the services' row lock."""
    application = UnderReviewApplicationFactory(council=glasgow, decide_sites="approved")
    stale = Application.objects.get(pk=application.pk)
    services.application_request_information(application=application, by=application.officer, message="Why?")
    stale.decide()
    with pytest.raises(ConcurrentTransition), transaction.atomic():
        stale.save()
    assert Application.objects.get(pk=application.pk).status == S.INFORMATION_REQUESTED


def _race(calls) -> list:
    """Run the calls in threads released together; each returns its result or exception."""
    barrier = threading.Barrier(len(calls))
    results: list = [None] * len(calls)

    def run(i, call):
        try:
            barrier.wait()
            results[i] = call()
        except Exception as exc:  # the outcome is what the test inspects
            results[i] = exc
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return results


@pytest.mark.django_db(transaction=True)
def test_two_officers_deciding_at_once_one_wins(glasgow):
    application = UnderReviewApplicationFactory(council=glasgow, decide_sites="approved")
    colleague = OfficerFactory(council=glasgow)

    def decide(by):
        return lambda: services.application_decide(application=Application.objects.get(pk=application.pk), by=by)

    def ask(by):
        return lambda: services.application_request_information(
            application=Application.objects.get(pk=application.pk), by=by, message="Why?"
        )

    results = _race([decide(application.officer), ask(colleague)])
    winners = [r for r in results if not isinstance(r, Exception)]
    losers = [r for r in results if isinstance(r, Exception)]
    final = Application.objects.get(pk=application.pk)
    transitions = ApplicationEvent.objects.filter(application=final, action__in=["decide", "request_information"])
    assert len(winners) == transitions.count()
    assert final.status in {S.APPROVED, S.INFORMATION_REQUESTED} if winners else final.status == S.UNDER_REVIEW
    if connection.vendor == "postgresql":
        # The row lock makes the second wait, then find the state changed.
        assert len(winners) == 1
        assert len(losers) == 1
        assert isinstance(losers[0], TransitionNotAllowed), repr(losers[0])
        assert "changed since you opened it" in str(losers[0])
    else:
        # The in-memory SQLite test database (shared cache) refuses a concurrent writer
        # with a table lock instead of making it wait: never two winners.
        assert len(winners) <= 1
        assert all(isinstance(r, TransitionNotAllowed | OperationalError) for r in losers), losers


@pytest.mark.django_db(transaction=True)
def test_references_are_unique_when_created_at_once(glasgow):
    results = _race([lambda: ApplicationFactory(council=glasgow, site_count=0) for _ in range(4)])
    failures = [r for r in results if isinstance(r, Exception)]
    refs = list(Application.objects.values_list("reference", flat=True))
    assert len(refs) == len(set(refs)) == 4 - len(failures)
    if connection.vendor == "postgresql":
        assert failures == []
    else:  # see above: SQLite's in-memory test database refuses concurrent writers outright
        assert all(isinstance(r, OperationalError) for r in failures), failures
