"""`manage.py import_assets FILE --council SLUG [--type CODE] [--layer L] [--crs EPSG:nnnn]
[--mapping field=column ...] [--skip-invalid] [--dry-run]`: create or update assets from a file.

    manage.py import_assets fixtures/glasgow_cctv_cameras.geojson --council glasgow --type cctv_column \\
        --mapping reference=camera-name name=camera-label
"""

from sites.io import assets_import
from sites.io.command_support import ImportCommand, asset_type_by_code


class Command(ImportCommand):
    help = "Import assets from a GeoPackage, zipped Shapefile, GeoJSON or CSV; re-importing updates them."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--type", dest="asset_type", help="Asset type code for every row (else an asset_type column)."
        )

    def handle(self, *args, **options):
        self.run_import(assets_import, options, asset_type=asset_type_by_code(options["asset_type"]))
