"""Sets of application statuses live beside the state machine (applications/models/workflow.py).

A set written again elsewhere would drift when a state is added or renamed; so no other
module lists two statuses together, and each set here is checked against the workflow.
"""

import re

from applications.models import workflow
from applications.models.workflow import ApplicationStatus as S
from tests.source_tree import project_sources

# Two or more statuses in one literal: (S.DRAFT, S.WITHDRAWN), [ApplicationStatus.LIVE, ...].
STATUS_LITERAL = re.compile(r"[(\[{]\s*(S|ApplicationStatus)\.[A-Z_]+\s*,\s*(S|ApplicationStatus)\.[A-Z_]+")


def test_no_module_lists_statuses_outside_the_state_machine():
    found = [
        f"{path}: {match.group(0)}"
        for path, text in project_sources().items()
        if path != "applications/models/workflow.py"
        for match in STATUS_LITERAL.finditer(text)
    ]
    assert found == []


def test_the_sets_follow_the_workflow():
    everything = set(S)
    assert set(workflow.OPEN_STATUSES) == everything - {S.DRAFT, S.LIVE, S.REFUSED, S.WITHDRAWN}
    assert set(workflow.IN_PROGRESS_STATUSES) == set(workflow.OPEN_STATUSES) - {S.INSTALLED}
    assert set(workflow.IN_PROGRESS_STATUSES) <= set(workflow.ACTIVE_STATUSES)
    assert set(workflow.ENDED_STATUSES) == everything - set(workflow.WAITING_ON), "nobody is awaited once it has ended"
    assert set(workflow.PUBLIC_STATUSES) <= set(workflow.DECIDED_STATUSES)
    assert set(workflow.EVER_SUBMITTED) == everything - set(workflow.UNASSIGNABLE_STATUSES)
