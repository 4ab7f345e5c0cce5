"""A user's role is asked one way: the User properties (is_supplier, is_council_staff,
is_council_admin, is_system_admin). They agree with the role for every role, and no other
module compares `role` itself (a second copy would drift when a role is added)."""

import re

import pytest

from portal.models import COUNCIL_ROLES, Role, User
from tests.source_tree import project_sources

# Comparing a user's role outside portal/models.py: `x.role == ...`, `x.role in ...`,
# `getattr(x, "role", ...)`, `... in COUNCIL_ROLES` (a queryset's role__in=... is a filter, not a check).
ROLE_CHECK = re.compile(
    r"\.role\s*(==|!=|\bin\b|\bnot in\b)|getattr\([^)]*[\"']role[\"']|(?<!__)\bin\s+COUNCIL_ROLES\b"
)


@pytest.mark.parametrize("role", list(Role))
def test_the_role_properties_agree_with_the_role(role):
    user = User(role=role)
    assert user.is_supplier is (role == Role.SUPPLIER)
    assert user.is_council_staff is (role in COUNCIL_ROLES)
    assert user.is_council_admin is (role == Role.COUNCIL_ADMIN)
    assert user.is_system_admin is (role == Role.SYSTEM_ADMIN)
    assert sum([user.is_supplier, user.is_council_staff, user.is_system_admin]) == 1, "one side each"


def test_no_module_checks_a_role_another_way():
    found = [
        f"{path}:{n}: {line.strip()}"
        for path, text in project_sources().items()
        if path != "portal/models.py"
        for n, line in enumerate(text.splitlines(), 1)
        if ROLE_CHECK.search(line)
    ]
    assert found == []
