"""`manage.py import_constraints FILE --council SLUG [--kind KIND] [--layer] [--crs] [--mapping ...] [--dry-run]`.

Creates or updates constraint areas (conservation areas, listed buildings, tree
preservation orders, ...) by kind and reference, then flags the council's assets again.

    manage.py import_constraints conservation.gpkg --council glasgow --kind conservation_area \\
        --mapping reference=CA_REF name=CA_NAME
"""

from sites.io import constraints_import
from sites.io.command_support import ImportCommand
from sites.models import ConstraintKind


class Command(ImportCommand):
    help = "Import constraint areas and flag the council's assets that fall in them."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--kind", help=f"The kind of every area: {', '.join(ConstraintKind.values)} (else a kind column)."
        )

    def handle(self, *args, **options):
        self.run_import(constraints_import, options, kind=options["kind"])
