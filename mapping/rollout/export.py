"""The rollout's open data: the public sites as CSV, GeoJSON and GeoPackage (geopandas/pyogrio).

The columns are applications.public.PUBLIC_COLUMNS, in that order, in every format;
dates are ISO 8601 text (YYYY-MM-DD, empty when not yet known); points in WGS84
(EPSG:4326), with British National Grid easting/northing as columns too. In the CSV, a
name that would start a spreadsheet formula (= + - @) is written with a leading '.

    rollout_export(*, values, file_format) -> bytes
"""

import tempfile
from pathlib import Path

import geopandas as gpd
import pandas as pd

from applications.public import PUBLIC_COLUMNS, public_site_rows

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "geojson": "application/geo+json",
    "gpkg": "application/geopackage+sqlite3",
}
DATE_COLUMNS = ("approved_on", "licensed_on", "planned_start_on", "installed_on", "live_on")
# Text a supplier or an officer typed: in a CSV, a leading = + - @ would be a spreadsheet formula.
TEXT_COLUMNS = ("asset_type_name", "technology_name", "operator", "ward_name")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
INTEGER_COLUMNS = ("site_id", "easting", "northing")
LAYER = "rollout_sites"


def rollout_frame(values) -> gpd.GeoDataFrame:
    """The public sites (a public_site_list values queryset) as a GeoDataFrame in EPSG:4326."""
    rows = list(public_site_rows(values))
    frame = pd.DataFrame(rows, columns=list(PUBLIC_COLUMNS))
    for column in DATE_COLUMNS:
        frame[column] = [day.isoformat() if day else "" for day in frame[column]]
    for column in INTEGER_COLUMNS:
        frame[column] = frame[column].astype("int64")
    for column in ("longitude", "latitude"):
        frame[column] = frame[column].astype(float)
    geometry = gpd.points_from_xy(frame["longitude"], frame["latitude"], crs="EPSG:4326")
    return gpd.GeoDataFrame(frame, geometry=geometry, crs="EPSG:4326")


def rollout_export(*, values, file_format: str) -> bytes:
    """The file's bytes in `file_format` (csv, geojson or gpkg)."""
    if file_format not in FORMATS:
        raise ValueError(f"'{file_format}' is not an open-data format: use one of {', '.join(FORMATS)}.")
    frame = rollout_frame(values)
    if file_format == "csv":
        table = pd.DataFrame(frame.drop(columns="geometry"))
        for column in TEXT_COLUMNS:
            table[column] = [f"'{text}" if text.startswith(FORMULA_STARTS) else text for text in table[column]]
        return table.to_csv(index=False).encode("utf-8")
    with tempfile.TemporaryDirectory(prefix="rollout-") as folder:
        path = Path(folder) / f"{LAYER}.{file_format}"
        if file_format == "gpkg":
            frame.to_file(path, driver="GPKG", layer=LAYER, engine="pyogrio", geometry_type="Point")
        else:
            frame.to_file(path, driver="GeoJSON", engine="pyogrio", geometry_type="Point", RFC7946="YES")
        return path.read_bytes()
