"""`manage.py export_assets FILE --council SLUG [--type CODE] [--ward CODE] [--format gpkg|shp|geojson|csv]
[--crs EPSG:nnnn]`: write a council's assets to a file (the format from the name when not given).

    manage.py export_assets var/glasgow-cctv.gpkg --council glasgow --type cctv_column --crs EPSG:27700
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from sites.io import EXPORT_FORMATS, ImportFileError, assets_export
from sites.io.command_support import asset_type_by_code, council_by_slug
from sites.models import Ward
from sites.selectors import asset_list

SUFFIXES = {".gpkg": "gpkg", ".zip": "shp", ".shp": "shp", ".geojson": "geojson", ".json": "geojson", ".csv": "csv"}


class Command(BaseCommand):
    help = "Export a council's assets (optionally one type or ward) as GeoPackage, zipped Shapefile, GeoJSON or CSV."

    def add_arguments(self, parser):
        parser.add_argument("file", help="Where to write (.gpkg, .zip, .geojson or .csv).")
        parser.add_argument("--council", required=True, help="Slug of the council, e.g. glasgow.")
        parser.add_argument("--type", dest="asset_type", help="Only assets of this type code.")
        parser.add_argument("--ward", help="Only assets in the ward with this ONS code.")
        parser.add_argument("--format", dest="file_format", choices=list(EXPORT_FORMATS), help="Else from the name.")
        parser.add_argument("--crs", default="EPSG:4326", help="Coordinate reference system (default EPSG:4326).")

    def handle(self, *args, file, council, asset_type, ward, file_format, crs, **options):
        council = council_by_slug(council)
        file_format = file_format or SUFFIXES.get(Path(file).suffix.lower())
        if file_format is None:
            raise CommandError(
                f"Say which format to write (--format {'|'.join(EXPORT_FORMATS)}), or name a .gpkg, "
                ".zip, .geojson or .csv file."
            )
        queryset = asset_list(council=council).order_by("reference")
        kind = asset_type_by_code(asset_type)
        if kind is not None:
            queryset = queryset.filter(asset_type=kind)
        if ward is not None:
            found = Ward.objects.filter(council=council, code=ward).first()
            if found is None:
                raise CommandError(f"{council.name} has no ward with the code '{ward}'.")
            queryset = queryset.filter(ward=found)
        try:
            path = assets_export(queryset=queryset, path=file, file_format=file_format, crs=crs)
        except (ImportFileError, ValueError) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Wrote {queryset.count()} assets to {path} ({crs}).")
