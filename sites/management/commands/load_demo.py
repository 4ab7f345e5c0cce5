"""`manage.py load_demo`: Glasgow City Council with real wards and CCTV cameras, plus
synthetic constraint areas, assets, organisations and people (fixtures/demo.py).

Idempotent: a second run finds everything in place, changes nothing and is quick. Demo
passwords are set only when DEBUG is on (see `manage.py demo_logins`).
"""

from django.core.management.base import BaseCommand, CommandError

from fixtures.demo import DemoLoader
from fixtures.generator import DEFAULT_SEED, DEMO_COUNTS
from sites.io import ImportFileError


class Command(BaseCommand):
    help = "Load the Glasgow demo data (real wards and CCTV cameras, synthetic everything else). Safe to repeat."

    def add_arguments(self, parser):
        parser.add_argument(
            "--lighting-columns",
            type=int,
            default=DEMO_COUNTS["lighting_column"],
            help="How many synthetic lighting columns; the other synthetic types scale with it "
            f"(default {DEMO_COUNTS['lighting_column']}).",
        )
        parser.add_argument(
            "--seed", type=int, default=DEFAULT_SEED, help=f"Seed of the synthetic assets (default {DEFAULT_SEED})."
        )

    def handle(self, *args, lighting_columns, seed, verbosity, **options):
        if lighting_columns < 0:
            raise CommandError("--lighting-columns cannot be negative.")

        def out(line: str) -> None:
            if verbosity > 0:
                self.stdout.write(line)
                self.stdout.flush()

        out("Loading the Glasgow demo data (a step already done is skipped)...")
        try:
            DemoLoader(out=out, lighting_columns=lighting_columns, seed=seed).load()
        except (ImportFileError, RuntimeError) as exc:
            raise CommandError(str(exc)) from exc
