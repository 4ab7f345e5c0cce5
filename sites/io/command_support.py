"""What the import and export management commands share: arguments, look-ups, errors.

A file that cannot be imported, or rows that stop the import, end the command with a
CommandError: Django prints the message to stderr and exits with status 1, no traceback.
"""

from django.core.management.base import BaseCommand, CommandError

from portal.models import Council

from ..models import AssetType
from .columns import parse_mapping
from .progress import Progress, line_reporter
from .report import ImportFileError, ImportReport


def council_by_slug(slug: str) -> Council:
    council = Council.objects.filter(slug=slug).first()
    if council is None:
        known = ", ".join(Council.objects.values_list("slug", flat=True)) or "none yet (run manage.py load_demo)"
        raise CommandError(f"There is no council '{slug}'. The councils are: {known}.")
    return council


def asset_type_by_code(code: str | None) -> AssetType | None:
    if code is None:
        return None
    asset_type = AssetType.objects.filter(code=code).first()
    if asset_type is None:
        codes = ", ".join(AssetType.objects.values_list("code", flat=True))
        raise CommandError(f"'{code}' is not an asset type code. The codes are: {codes}.")
    return asset_type


class ImportCommand(BaseCommand):
    """FILE --council SLUG [--layer] [--crs] [--mapping field=column ...] [--skip-invalid] [--dry-run]."""

    def add_arguments(self, parser):
        parser.add_argument("file", help="A GeoPackage (.gpkg), zipped Shapefile (.zip), GeoJSON or CSV file.")
        parser.add_argument("--council", required=True, help="Slug of the council, e.g. glasgow.")
        parser.add_argument("--layer", help="The layer of a GeoPackage (or the Shapefile in a zip) to read.")
        parser.add_argument("--crs", help="The file's coordinate reference system, when it has none or it is wrong.")
        parser.add_argument(
            "--mapping",
            nargs="+",
            action="extend",
            default=[],
            metavar="FIELD=COLUMN",
            help="Which column holds a field, e.g. --mapping reference=camera-name name=camera-label.",
        )
        parser.add_argument("--skip-invalid", action="store_true", help="Import the good rows, leave out the bad.")
        parser.add_argument("--dry-run", action="store_true", help="Check and report; write nothing.")

    def run_import(self, importer, options: dict, **kwargs) -> ImportReport:
        council = council_by_slug(options["council"])
        try:
            report = importer(
                council=council,
                source=options["file"],
                layer=options["layer"],
                crs=options["crs"],
                mapping=parse_mapping(options["mapping"]) or None,
                skip_invalid=options["skip_invalid"],
                dry_run=options["dry_run"],
                progress=Progress(line_reporter(self.stderr)) if options["verbosity"] >= 1 else None,
                **kwargs,
            )
        except ImportFileError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(report.summary())
        if report.rejected and not report.written and not report.dry_run:
            raise CommandError(
                f"Nothing was written: {len(report.rejected)} rows were rejected (listed above). "
                "Correct them, or run again with --skip-invalid."
            )
        return report
