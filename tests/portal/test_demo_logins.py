"""manage.py demo_logins: the demo accounts with passwords in development, nothing otherwise."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import override_settings

from fixtures.demo_people import ORGANISATIONS, PEOPLE
from portal.models import Role
from portal.services import user_create

pytestmark = pytest.mark.django_db


def demo_logins() -> str:
    out = StringIO()
    call_command("demo_logins", stdout=out)
    return out.getvalue()


@override_settings(DEBUG=True)
def test_table_lists_every_demo_login_with_its_password_and_organisation(glasgow):
    output = demo_logins()
    lines = output.splitlines()
    assert lines[2].split() == ["Role", "Username", "Password", "Organisation", "or", "council"]
    for person in PEOPLE:
        row = next(line for line in lines if f" {person.username} " in line)
        assert person.password in row
    for organisation in ORGANISATIONS:
        assert organisation.name in output
    officer_row = next(line for line in lines if " officer.one " in line)
    assert officer_row.startswith("Estates officer") and "Glasgow City Council" in officer_row


@override_settings(DEBUG=True)
def test_accounts_not_yet_loaded_are_marked(glasgow):
    user_create(username="system.admin", email="sysadmin@example.org", password=None, role=Role.SYSTEM_ADMIN)
    lines = demo_logins().splitlines()
    assert "not loaded" not in next(line for line in lines if " system.admin " in line)
    assert "not loaded: run manage.py load_demo" in next(line for line in lines if " officer.one " in line)


@override_settings(DEBUG=False)
def test_says_there_are_none_when_debug_is_off():
    output = demo_logins()
    assert "There are no demo logins" in output
    assert not any(person.password in output or person.username in output for person in PEOPLE)
