"""`manage.py import_wards FILE --council SLUG [--layer] [--crs] [--mapping code=COL name=COL] [--dry-run]`.

Creates or updates the council's wards (ONS WDyyCD/WDyyNM columns by default), then places
the council's assets in them again.

    manage.py import_wards fixtures/glasgow_wards_2022.geojson --council glasgow
"""

from sites.io import wards_import
from sites.io.command_support import ImportCommand


class Command(ImportCommand):
    help = "Import a council's wards (polygons) and place its assets in them again."

    def handle(self, *args, **options):
        self.run_import(wards_import, options)
