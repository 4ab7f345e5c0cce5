"""Import and export of the asset register with geopandas/pyogrio.

    assets_import(*, council, source, asset_type=None, layer=None, crs=None, mapping=None,
                  skip_invalid=False, dry_run=False, by=None, progress=None) -> ImportReport
    wards_import(*, council, source, layer=None, crs=None, mapping=None, skip_invalid=False,
                 dry_run=False, by=None, progress=None) -> ImportReport
    constraints_import(*, council, source, kind=None, layer=None, crs=None, mapping=None,
                       skip_invalid=False, dry_run=False, by=None, progress=None) -> ImportReport
    assets_to_geodataframe(queryset) -> GeoDataFrame (EPSG:4326, columns EXPORT_COLUMNS)
    assets_export(*, queryset, path, file_format, crs="EPSG:4326") -> Path

Formats in: GeoPackage (.gpkg, choose the layer), zipped Shapefile (.zip), GeoJSON
(.geojson/.json), CSV (.csv) with longitude/latitude, easting/northing or x/y columns.
Any CRS in (the file's, or `crs` to supply or override it); stored in WGS84 with the
British National Grid easting/northing beside it. A file that cannot be imported as a
whole raises ImportFileError and writes nothing; bad rows are listed in report.rejected.
"""

from .areas import constraints_import, wards_import
from .assets import ASSET_FIELDS, assets_import
from .export import EXPORT_COLUMNS, EXPORT_FORMATS, assets_export, assets_to_geodataframe
from .report import ImportFileError, ImportReport

__all__ = [
    "ASSET_FIELDS",
    "EXPORT_COLUMNS",
    "EXPORT_FORMATS",
    "ImportFileError",
    "ImportReport",
    "assets_export",
    "assets_import",
    "assets_to_geodataframe",
    "constraints_import",
    "wards_import",
]
