"""`manage.py demo_logins`: the demo accounts and their passwords, when DEBUG is on.

The people come from fixtures/demo_people.py (the same list load_demo creates). With
DEBUG off there are no demo passwords, and the command says so.
"""

from django.conf import settings
from django.core.management.base import BaseCommand

from fixtures.demo_people import PEOPLE, ROLE_LABELS, organisation_named
from portal.models import Council, User

HEADINGS = ("Role", "Username", "Password", "Organisation or council")


class Command(BaseCommand):
    help = "Print the demo logins (role, username, password, organisation or council) when DEBUG is on."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            self.stdout.write(
                "There are no demo logins: DEBUG is off, so the demo accounts have no usable passwords "
                "(set real ones in the admin or with manage.py changepassword)."
            )
            return
        self.stdout.write(self.table(self.rows()))

    def rows(self) -> list[tuple[str, str, str, str]]:
        councils = dict(Council.objects.values_list("slug", "name"))
        loaded = set(User.objects.filter(username__in=[p.username for p in PEOPLE]).values_list("username", flat=True))
        rows = []
        for person in PEOPLE:
            role = ROLE_LABELS[person.role] + (" (organisation admin)" if person.is_organisation_admin else "")
            if person.organisation:
                where = organisation_named(person.organisation).name
            elif person.council:
                where = councils.get(person.council, person.council)
            else:
                where = "all councils"
            if person.username not in loaded:
                where += "  [not loaded: run manage.py load_demo]"
            rows.append((role, person.username, person.password, where))
        return rows

    @staticmethod
    def table(rows: list[tuple[str, ...]]) -> str:
        widths = [max(len(r[i]) for r in (HEADINGS, *rows)) for i in range(len(HEADINGS))]

        def line(cells) -> str:
            return "  ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=True)).rstrip()

        return "\n".join(
            [
                "Demo logins (DEBUG is on: these passwords work in development only)",
                "",
                line(HEADINGS),
                line("-" * w for w in widths),
                *(line(r) for r in rows),
                "",
            ]
        )
