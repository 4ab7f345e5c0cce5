"""Exporting assets: a GeoDataFrame of a queryset, written as GeoPackage, zipped
Shapefile, GeoJSON or CSV.

The columns (EXPORT_COLUMNS) are named like the import fields, so an exported file
imports back unchanged. A Shapefile holds one kind of geometry: assets that mix points,
lines and polygons go into one Shapefile per kind (assets_points, assets_polygons, ...)
inside the zip. A CSV carries each asset's point (the centroid of a line or polygon).
"""

import tempfile
import warnings
import zipfile
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from django.db.models import QuerySet
from shapely.geometry import shape

from ..geometry import BRITISH_NATIONAL_GRID, WGS84
from .read import parse_crs

# Model lookup for each column; the geometry column comes last.
EXPORT_SOURCES = {
    "reference": "reference",
    "name": "name",
    "asset_type": "asset_type__code",
    "street": "street",
    "uprn": "uprn",
    "usrn": "usrn",
    "ward_code": "ward__code",
    "ward_name": "ward__name",
    "longitude": "longitude",
    "latitude": "latitude",
    "easting": "easting",
    "northing": "northing",
    "height_m": "height_m",
    "material": "material",
    "structural_capacity_kg": "structural_capacity_kg",
    "slots": "slots",
    "power_supply": "power_supply",
    "fibre_nearby": "fibre_nearby",
    "availability": "availability",
    "unavailable_reason": "unavailable_reason",
    "in_conservation_area": "in_conservation_area",
    "listed_building": "listed_building",
    "tree_preservation_order": "tree_preservation_order",
    "notes": "notes",
    "is_synthetic": "is_synthetic",
}
EXPORT_COLUMNS = [*EXPORT_SOURCES, "geometry"]
EXPORT_FORMATS = {"gpkg": ".gpkg", "shp": ".zip", "geojson": ".geojson", "csv": ".csv"}
NULLABLE_INTEGERS = ("uprn", "usrn", "structural_capacity_kg")
SHAPEFILE_KINDS = {
    "Point": "points",
    "MultiPoint": "multipoints",
    "LineString": "lines",
    "MultiLineString": "lines",
    "Polygon": "polygons",
    "MultiPolygon": "polygons",
}


def assets_to_geodataframe(queryset: QuerySet) -> gpd.GeoDataFrame:
    """The assets of `queryset` in EPSG:4326, one row each, columns EXPORT_COLUMNS."""
    rows = list(queryset.values_list(*EXPORT_SOURCES.values(), "geometry"))
    frame = pd.DataFrame([row[:-1] for row in rows], columns=list(EXPORT_SOURCES))
    for column in NULLABLE_INTEGERS:
        frame[column] = frame[column].astype("Int64")
    frame["height_m"] = pd.to_numeric(frame["height_m"].astype(object), errors="coerce").astype(float)
    geometries = np.array([shape(row[-1]) for row in rows], dtype=object)
    return gpd.GeoDataFrame(frame, geometry=gpd.GeoSeries(geometries, crs=WGS84), crs=WGS84)


def assets_export(
    *, queryset: QuerySet, path: str | Path, file_format: str, crs: str = WGS84, exclude: tuple[str, ...] = ()
) -> Path:
    """Write the assets to `path` and return the path written (a Shapefile is zipped: .zip).

    `exclude` names columns left out (the public exports leave out the officers' notes).
    """
    if file_format not in EXPORT_FORMATS:
        raise ValueError(f"'{file_format}' is not an export format: use one of {', '.join(EXPORT_FORMATS)}.")
    target = parse_crs(crs)
    frame = assets_to_geodataframe(queryset).drop(columns=list(exclude))
    if not target.equals(frame.crs):
        frame = frame.to_crs(target)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if file_format == "csv":
        return _write_csv(frame, path, target)
    if file_format == "shp":
        return _write_zipped_shapefile(frame, path.with_suffix(".zip"))
    path.unlink(missing_ok=True)
    driver = {"gpkg": "GPKG", "geojson": "GeoJSON"}[file_format]
    frame.to_file(path, driver=driver, layer="assets" if file_format == "gpkg" else None, engine="pyogrio")
    return path


def _write_csv(frame: gpd.GeoDataFrame, path: Path, target) -> Path:
    """Longitude/latitude (WGS84) and easting/northing (BNG) always; x/y too in any other CRS."""
    table = pd.DataFrame(frame.drop(columns="geometry"))
    if not (target.equals(WGS84) or target.equals(BRITISH_NATIONAL_GRID)):
        geoms = frame.geometry.to_numpy()
        centre = np.where(shapely.get_type_id(geoms) == 0, geoms, shapely.centroid(geoms))
        table["x"], table["y"] = shapely.get_x(centre), shapely.get_y(centre)
    table.to_csv(path, index=False)
    return path


def _write_zipped_shapefile(frame: gpd.GeoDataFrame, path: Path) -> Path:
    kinds = frame.geometry.geom_type.map(SHAPEFILE_KINDS)
    if kinds.isna().any():
        raise ValueError("A Shapefile cannot hold a geometry collection: export a GeoPackage or GeoJSON instead.")
    groups = sorted(kinds.unique()) or ["points"]
    with tempfile.TemporaryDirectory() as folder, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for kind in groups:
            stem = "assets" if len(groups) == 1 else f"assets_{kind}"
            part = frame[kinds == kind] if len(frame) else frame
            with warnings.catch_warnings():  # .dbf names are cut to 10 letters; the importer matches them
                warnings.simplefilter("ignore")
                part.to_file(Path(folder) / f"{stem}.shp", driver="ESRI Shapefile", engine="pyogrio", encoding="UTF-8")
            for written in sorted(Path(folder).glob(f"{stem}.*")):
                archive.write(written, written.name)
    return path
