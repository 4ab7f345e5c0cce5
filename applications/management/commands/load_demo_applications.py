"""`manage.py load_demo_applications`: demo applications in several states, made through the services.

Run after `load_demo` (it needs the demo council, organisations and people). Idempotent.
"""

from django.core.management.base import BaseCommand, CommandError

from applications.management.demo import DemoApplicationsLoader


class Command(BaseCommand):
    help = (
        "Create the demo applications (draft to live) for the demo organisations. Run after load_demo; safe to repeat."
    )

    def handle(self, *args, verbosity, **options):
        def out(line: str) -> None:
            if verbosity > 0:
                self.stdout.write(line)

        try:
            made = DemoApplicationsLoader(out=out).load()
        except LookupError as exc:
            raise CommandError(str(exc)) from exc
        out(f"Demo applications: {len(made)} created.")
