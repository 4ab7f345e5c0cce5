"""The workflow as data, and the one gate every transition goes through.

`TRANSITIONS` is derived from the django-fsm declarations in models/workflow.py (so
there is one declaration), for tests to iterate and pages to label buttons.
`transition_check` refuses, in plain English, an action the state or the person does
not allow; `transition_apply` then makes it. Services call both, inside their
transaction, after locking the application (services/core.py).
"""

from dataclasses import dataclass

import django_fsm
from django.core.exceptions import ValidationError

from portal.refusals import Need, Refused

from .models import Application
from .models.workflow import Party, status_phrase


class TransitionNotAllowed(django_fsm.TransitionNotAllowed):
    """The application's state (or a condition) does not allow the action. Plain English in str()."""


@dataclass(frozen=True)
class TransitionSpec:
    action: str
    verb: str
    sources: tuple[str, ...]
    targets: tuple[str, ...]
    party: Party
    conditions: tuple[str, ...]  # the plain-English reasons shown when a condition fails
    comment_required: str | None  # the message when the comment is missing, or None
    runs_submission_checks: bool

    @property
    def roles(self) -> str:
        return self.party.code


def _specs() -> dict[str, TransitionSpec]:
    field = Application._meta.get_field("status")
    by_action: dict[str, list] = {}
    for t in field.get_all_transitions(Application):
        by_action.setdefault(t.name, []).append(t)
    specs = {}
    for action, transitions in by_action.items():
        first = transitions[0]
        targets = first.custom.get("targets") or (first.target,)
        specs[action] = TransitionSpec(
            action=action,
            verb=first.custom["verb"],
            sources=tuple(str(t.source) for t in transitions),
            targets=tuple(str(s) for s in targets),
            party=first.permission,
            conditions=tuple(c.message for c in first.conditions),
            comment_required=first.custom.get("comment_required"),
            runs_submission_checks=bool(first.custom.get("checks")),
        )
    return specs


SPECS: dict[str, TransitionSpec] = _specs()
TRANSITIONS: list[TransitionSpec] = list(SPECS.values())
ACTIONS: tuple[str, ...] = tuple(SPECS)


# What a refused person lacked, by the side that makes the move (portal.refusals: the 403 page's advice).
PARTY_NEEDS = {"applicant": Need.APPLICANT, "council": Need.COUNCIL_OFFICER}


def party_refusal(spec: "TransitionSpec") -> Refused:
    """The refusal for someone not on the side that makes `spec`'s move."""
    return Refused(
        f"Only {spec.party.description} can {spec.verb} this application.", needs=PARTY_NEEDS.get(spec.party.code)
    )


def transition_check(
    *, application: Application, action: str, by, comment: str | None = None, conditions: bool = True
) -> TransitionSpec:
    """Raise unless `by` may make `action` now; returns the spec. Writes nothing.

    `conditions=False` leaves the conditions to the caller (submitting reports them with
    every other problem at once); django-fsm still enforces them when the transition runs.

    TransitionNotAllowed: the state does not allow it, or a condition fails.
    PermissionDenied: the person is not on the side that makes this move.
    ValidationError({"comment": ...}): a comment (reasons, message) is required and missing.
    """
    spec = SPECS[action]
    method = getattr(application, action)
    if application.status not in spec.sources:
        state = status_phrase(application.status)
        raise TransitionNotAllowed(f"You cannot {spec.verb} this application while it is {state}.")
    if not spec.party(application, by):
        raise party_refusal(spec)
    if conditions and not django_fsm.can_proceed(method):
        meta = method._django_fsm.get_transition(application.status)
        failed = [c.message for c in meta.conditions if not c(application)]
        raise TransitionNotAllowed(" ".join(failed) or f"You cannot {spec.verb} this application now.")
    if spec.comment_required and not (comment or "").strip():
        raise ValidationError({"comment": spec.comment_required})
    return spec


def transition_apply(*, application: Application, action: str) -> tuple[str, str]:
    """Make the (already checked) transition in memory; returns (from_status, to_status)."""
    source = application.status
    getattr(application, action)()
    return source, application.status


def available_actions(*, application: Application, user) -> list[TransitionSpec]:
    """The transitions `user` could make now (state, side and conditions), for buttons."""
    return [
        spec
        for spec in TRANSITIONS
        if application.status in spec.sources
        and spec.party(application, user)
        and django_fsm.can_proceed(getattr(application, spec.action))
    ]
