"""Reading a GIS file or a CSV into WGS84 geometries and a table of attributes.

GeoPackage (choose the layer), zipped Shapefile, GeoJSON (RFC 7946 or with a `crs`
member such as CRS84) and CSV with longitude/latitude, easting/northing or x/y columns.
Anything that makes the file as a whole unusable raises ImportFileError; rows with a
missing location come back with a None geometry for the importer to reject.
"""

import warnings
import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyogrio
import pyogrio.errors
import shapely
from geopandas import GeoSeries
from pyproj import CRS
from pyproj.exceptions import CRSError

from ..geometry import BRITISH_NATIONAL_GRID, WGS84
from .report import ImportFileError

FORMATS = {
    ".gpkg": "GeoPackage",
    ".zip": "zipped Shapefile",
    ".shp": "Shapefile",
    ".geojson": "GeoJSON",
    ".json": "GeoJSON",
    ".csv": "CSV",
}
SUPPORTED_HELP = "a GeoPackage (.gpkg), a zipped Shapefile (.zip), GeoJSON (.geojson) or CSV (.csv)"

# CSV coordinate columns, matched without regard to case; the first pair found is used.
COORDINATE_PAIRS = [
    (("longitude", "lon", "long", "lng"), ("latitude", "lat"), WGS84),
    (("easting", "eastings", "east"), ("northing", "northings", "north"), BRITISH_NATIONAL_GRID),
    (("x",), ("y",), None),
]
COORDINATE_FIELDS = ("longitude", "latitude", "easting", "northing")
COORDINATE_DECIMALS = 7


@dataclass
class SourceTable:
    """The features of one file: attributes, WGS84 geometries and row numbers, index-aligned."""

    name: str
    attributes: pd.DataFrame
    geometries: np.ndarray  # shapely geometries in WGS84; None where a row has no location
    rows: np.ndarray  # the row number to quote in messages
    crs: str  # the coordinate reference system the file was read in

    def __len__(self) -> int:
        return len(self.attributes)

    @property
    def columns(self) -> list[str]:
        return [str(c) for c in self.attributes.columns]


def parse_crs(crs: str) -> CRS:
    """A pyproj CRS from "EPSG:27700", "27700" or any other form pyproj understands."""
    text = str(crs).strip()
    try:
        return CRS.from_user_input(f"EPSG:{text}" if text.isdigit() else text)
    except CRSError as exc:
        raise ImportFileError(
            f"'{crs}' is not a coordinate reference system this portal knows. "
            "Give it as an EPSG code, for example EPSG:27700 (British National Grid) or EPSG:4326 (WGS84)."
        ) from exc


def read_source(
    source: str | Path,
    *,
    layer: str | None = None,
    crs: str | None = None,
    coordinate_columns: dict[str, str] | None = None,
    name: str | None = None,
) -> SourceTable:
    """Read `source`, reprojected to WGS84 (2D). `crs` overrides or supplies the file's CRS.

    `coordinate_columns` names the CSV columns for longitude/latitude/easting/northing when
    they are not called that. `name` is what messages call the file (an upload's own name).
    """
    path = Path(source)
    try:
        table = _read_source(path, layer=layer, crs=crs, coordinate_columns=coordinate_columns)
    except ImportFileError as exc:
        if name and name != path.name:
            raise ImportFileError(exc.message.replace(path.name, name)) from exc
        raise
    table.name = name or path.name
    return table


def _read_source(
    path: Path, *, layer: str | None, crs: str | None, coordinate_columns: dict[str, str] | None
) -> SourceTable:
    if not path.is_file():
        raise ImportFileError(f"There is no file at {path}.")
    kind = FORMATS.get(path.suffix.lower())
    if kind is None:
        raise ImportFileError(f"{path.name} is not a format the importer reads. Use {SUPPORTED_HELP}.")
    if path.stat().st_size == 0:
        raise ImportFileError(f"{path.name} is empty.")
    given_crs = parse_crs(crs) if crs else None
    if kind == "CSV":
        frame, geometries, file_crs = _read_csv(path, given_crs, coordinate_columns or {})
        rows = np.arange(2, len(frame) + 2)
    else:
        frame, geometries, file_crs = _read_gis(path, kind, layer)
        rows = np.arange(1, len(frame) + 1)
    if len(frame) == 0:
        where = f"the layer '{layer}' of {path.name}" if layer else path.name
        raise ImportFileError(f"{where} has no features to import.")
    source_crs = given_crs or file_crs
    if source_crs is None:
        raise ImportFileError(
            f"{path.name} does not say which coordinate reference system its coordinates are in "
            "(a Shapefile needs its .prj file). Give it, for example EPSG:27700 for British National Grid."
        )
    series = GeoSeries(geometries, crs=source_crs)
    try:
        series = series.to_crs(WGS84)
    except (CRSError, ValueError) as exc:
        raise ImportFileError(
            f"The coordinates of {path.name} cannot be converted from {source_crs} to WGS84."
        ) from exc
    # 2D, and rounded to 7 decimal places (about a centimetre) once, here: the stored
    # geometry and the coordinates derived from it are then the same numbers.
    geoms = shapely.transform(shapely.force_2d(series.to_numpy()), lambda c: np.round(c, COORDINATE_DECIMALS))
    geoms = np.where(pd.isna(geoms), None, geoms)
    return SourceTable(
        name=path.name,
        attributes=frame.reset_index(drop=True),
        geometries=geoms,
        rows=rows,
        crs=source_crs.to_string(),
    )


def _read_gis(path: Path, kind: str, layer: str | None) -> tuple[pd.DataFrame, np.ndarray, CRS | None]:
    dataset = str(path)
    if kind == "zipped Shapefile":
        dataset, layer = _shapefile_in_zip(path, layer), None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            layers = pyogrio.list_layers(dataset)
            layer = _choose_layer(path, layers, layer)
            frame = pyogrio.read_dataframe(dataset, layer=layer)
    except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError, pyogrio.errors.FieldError) as exc:
        raise ImportFileError(
            f"{path.name} could not be read as a {kind}: it may be damaged, or not really a {kind} file."
        ) from exc
    except (pyogrio.errors.GeometryError, pyogrio.errors.CRSError, OSError, ValueError) as exc:
        raise ImportFileError(f"{path.name} could not be read as a {kind}: {exc}") from exc
    if "geometry" not in frame.columns:
        raise ImportFileError(f"{path.name} has no geometry: it holds a table, not map features.")
    geometries = frame.geometry.to_numpy()
    return pd.DataFrame(frame.drop(columns="geometry")), geometries, frame.crs


def _choose_layer(path: Path, layers: np.ndarray, layer: str | None) -> str | None:
    names = [str(name) for name, _geometry_type in layers]
    spatial = [str(name) for name, geometry_type in layers if geometry_type is not None]
    if layer is not None:
        if layer not in names:
            raise ImportFileError(f"{path.name} has no layer called '{layer}'. Its layers are: {', '.join(names)}.")
        return layer
    if len(spatial) > 1:
        raise ImportFileError(f"{path.name} has several layers ({', '.join(spatial)}). Say which one to import.")
    return spatial[0] if spatial else None


def _shapefile_in_zip(path: Path, layer: str | None) -> str:
    """The GDAL path of the Shapefile inside a zip (the one, or the one named `layer`), checked to be complete."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = [m for m in archive.namelist() if not m.startswith("__MACOSX/")]
    except zipfile.BadZipFile as exc:
        raise ImportFileError(f"{path.name} is not a valid zip file: it may be damaged.") from exc
    shapefiles = [m for m in members if m.lower().endswith(".shp")]
    if not shapefiles:
        raise ImportFileError(
            f"{path.name} holds no Shapefile (.shp). A zipped Shapefile is the .shp with its .shx, .dbf and .prj."
        )
    if layer is not None:
        named = [m for m in shapefiles if Path(m).stem == layer]
        if not named:
            held = ", ".join(Path(m).stem for m in shapefiles)
            raise ImportFileError(f"{path.name} has no Shapefile called '{layer}'. It holds: {held}.")
        shapefiles = named
    if len(shapefiles) > 1:
        raise ImportFileError(
            f"{path.name} holds several Shapefiles ({', '.join(Path(m).stem for m in shapefiles)}). "
            "Say which one to import (the layer)."
        )
    stem = shapefiles[0][:-4]
    lowered = {m.lower() for m in members}
    missing = [ext for ext in (".shx", ".dbf") if f"{stem}{ext}".lower() not in lowered]
    if missing:
        raise ImportFileError(
            f"The Shapefile in {path.name} is incomplete: {' and '.join(missing)} missing beside the .shp."
        )
    return f"/vsizip/{path.resolve()}/{shapefiles[0]}"


def _read_csv(path: Path, given_crs: CRS | None, named: dict[str, str]) -> tuple[pd.DataFrame, np.ndarray, CRS | None]:
    with path.open("rb") as handle:
        if b"\x00" in handle.read(65536):
            raise ImportFileError(f"{path.name} is not a text CSV file.")
    frame = None
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding=encoding, skipinitialspace=True)
            break
        except UnicodeDecodeError:
            continue
        except pd.errors.EmptyDataError as exc:
            raise ImportFileError(f"{path.name} is empty.") from exc
        except pd.errors.ParserError as exc:
            raise ImportFileError(f"{path.name} could not be read as CSV: {str(exc).strip()}") from exc
    if frame is None:
        raise ImportFileError(f"{path.name} is not a text CSV file (its characters cannot be read).")
    frame.columns = [str(c).strip() for c in frame.columns]
    x_col, y_col, default_crs = _coordinate_columns(path, frame, named)
    if default_crs is None and given_crs is None:
        raise ImportFileError(
            f"{path.name} has {x_col} and {y_col} columns but does not say their coordinate reference system. "
            "Give it, for example EPSG:27700."
        )
    x = _numbers(path, frame, x_col)
    y = _numbers(path, frame, y_col)
    located = ~(np.isnan(x) | np.isnan(y))
    geometries = np.full(len(frame), None, dtype=object)
    geometries[located] = shapely.points(x[located], y[located])
    return frame, geometries, CRS.from_user_input(default_crs) if default_crs else None


def _coordinate_columns(path: Path, frame: pd.DataFrame, named: dict[str, str]) -> tuple[str, str, str | None]:
    by_lower = {c.lower(): c for c in frame.columns}
    for field, column in named.items():
        if column not in frame.columns:
            raise ImportFileError(f"{path.name} has no column '{column}' (given for {field}).")
    if "longitude" in named or "latitude" in named:
        return named.get("longitude", "longitude"), named.get("latitude", "latitude"), WGS84
    if "easting" in named or "northing" in named:
        return named.get("easting", "easting"), named.get("northing", "northing"), BRITISH_NATIONAL_GRID
    for x_names, y_names, crs in COORDINATE_PAIRS:
        x_col = next((by_lower[n] for n in x_names if n in by_lower), None)
        y_col = next((by_lower[n] for n in y_names if n in by_lower), None)
        if x_col and y_col:
            return x_col, y_col, crs
    raise ImportFileError(
        f"{path.name} has no coordinate columns. A CSV needs longitude and latitude (WGS84) "
        f"or easting and northing (British National Grid) columns. Its columns are: {', '.join(frame.columns)}."
    )


def _numbers(path: Path, frame: pd.DataFrame, column: str) -> np.ndarray:
    """The column as floats (NaN where blank); text that is not a number makes the file unusable."""
    text = frame[column].str.strip()
    numbers = pd.to_numeric(text.where(text != ""), errors="coerce").to_numpy(dtype=float)
    bad = np.flatnonzero(np.isnan(numbers) & (text != "").to_numpy())
    if len(bad):
        examples = "; ".join(f"row {i + 2} has '{frame[column].iloc[i]}'" for i in bad[:5])
        more = f" and {len(bad) - 5} more" if len(bad) > 5 else ""
        raise ImportFileError(f"The {column} column of {path.name} must hold numbers: {examples}{more}.")
    return numbers
