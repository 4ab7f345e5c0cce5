"""A million generated assets for the site-finder benchmarks, written straight into the database.

prepare_rows() (no database) generates the register with fixtures.generator, derives every
indexed column with sites.geometry (the vectorised code sites.services.locate uses) and
places each asset in a real Glasgow ward; it saves the rows so that the first 100,000 are a
fair sample of the million (each part in file order). load_rows() inserts a slice of them with
executemany (SQLite) or COPY (PostgreSQL): the spatial index and the cell counts are
kept by their triggers, as for any other write. Neither is timed.
"""

import json
import pickle
import time
from pathlib import Path

ROWS_FILE = "site-api-assets.pickle"
COUNT = 1_000_000
SAMPLE = 100_000
SEED = 2024
CITY_CENTRE_BBOX = "-4.262,55.858,-4.248,55.864"
# Central too, and holding about the 1,750 assets the issue expects in the view above.
SMALLER_CENTRE_BBOX = "-4.2578,55.8597,-4.2522,55.8623"
# The whole city as a map at zoom 11 shows it (the council's box).
WHOLE_CITY_BBOX = "-4.45,55.77,-4.05,55.94"
WHOLE_CITY_ZOOM = 11

COLUMNS = [
    "reference",
    "name",
    "street",
    "asset_type_id",
    "ward_id",
    "height_m",
    "material",
    "structural_capacity_kg",
    "slots",
    "power_supply",
    "fibre_nearby",
    "availability",
    "unavailable_reason",
    "is_synthetic",
    "geometry",
    "longitude",
    "latitude",
    "min_longitude",
    "min_latitude",
    "max_longitude",
    "max_latitude",
    "easting",
    "northing",
    "in_conservation_area",
    "listed_building",
    "tree_preservation_order",
    "notes",
    "council_id",
    "load_used_kg",
    "slots_used",
    "created_at",
    "updated_at",
]


def prepare_rows(workdir: Path, count: int = COUNT) -> None:
    import geopandas as gpd
    import numpy as np
    import pandas as pd
    import shapely

    from fixtures import WARDS_FILE
    from fixtures.generator import generate_assets
    from sites.geometry import place_in_areas, project_to_bng, spatial_fields

    started = time.perf_counter()
    frame = generate_assets(count=count, seed=SEED)
    # A random SAMPLE first, then the rest; each part in the generator's order (street by
    # street), as an import of the file would write it.
    sample = np.random.default_rng(SEED).permutation(len(frame))[:SAMPLE]
    first = np.zeros(len(frame), dtype=bool)
    first[sample] = True
    frame = frame.iloc[np.concatenate([np.flatnonzero(first), np.flatnonzero(~first)])].reset_index(drop=True)
    geoms = frame.geometry.values
    fields = spatial_fields(geoms)
    wards = gpd.read_file(WARDS_FILE).sort_values("WD22CD")
    placement = place_in_areas(project_to_bng(geoms), project_to_bng(wards.geometry.values))
    codes = np.array([*wards["WD22CD"], None], dtype=object)[placement.area]  # -1 -> None
    is_point = shapely.get_type_id(geoms) == 0
    texts = np.where(is_point, None, shapely.to_geojson(np.where(is_point, None, geoms)))
    capacity = frame["structural_capacity_kg"]
    columns = {
        "reference": frame["reference"].tolist(),
        "name": frame["name"].tolist(),
        "street": frame["street"].tolist(),
        "asset_type": frame["asset_type"].tolist(),
        "ward": codes.tolist(),
        "height_m": [None if np.isnan(h) else round(float(h), 2) for h in frame["height_m"]],
        "material": frame["material"].tolist(),
        "structural_capacity_kg": [None if pd.isna(v) else int(v) for v in capacity],
        "slots": frame["slots"].astype(int).tolist(),
        "power_supply": frame["power_supply"].tolist(),
        "fibre_nearby": frame["fibre_nearby"].astype(bool).tolist(),
        "availability": frame["availability"].tolist(),
        "unavailable_reason": frame["unavailable_reason"].tolist(),
        "shape": texts.tolist(),
        **{name: getattr(fields, name).tolist() for name in fields.__dataclass_fields__},
    }
    with (workdir / ROWS_FILE).open("wb") as out:
        pickle.dump(columns, out, protocol=pickle.HIGHEST_PROTOCOL)
    print(f"prepared {count:,} rows in {time.perf_counter() - started:.0f} s")


def _rows(columns: dict, start: int, stop: int, *, council_id: int, type_ids: dict, ward_ids: dict, now: str):
    for i in range(start, stop):
        lon, lat = columns["longitude"][i], columns["latitude"][i]
        shape = columns["shape"][i]
        geometry = shape if shape is not None else json.dumps({"type": "Point", "coordinates": [lon, lat]})
        ward = columns["ward"][i]
        yield (
            columns["reference"][i],
            columns["name"][i],
            columns["street"][i],
            type_ids[columns["asset_type"][i]],
            ward_ids[ward] if ward is not None else None,
            columns["height_m"][i],
            columns["material"][i],
            columns["structural_capacity_kg"][i],
            columns["slots"][i],
            columns["power_supply"][i],
            columns["fibre_nearby"][i],
            columns["availability"][i],
            columns["unavailable_reason"][i],
            True,
            geometry,
            lon,
            lat,
            columns["min_longitude"][i],
            columns["min_latitude"][i],
            columns["max_longitude"][i],
            columns["max_latitude"][i],
            columns["easting"][i],
            columns["northing"][i],
            False,
            False,
            False,
            "",
            council_id,
            0,
            0,
            now,
            now,
        )


def load_council():
    """Glasgow and its 23 real wards in the fresh database."""
    from fixtures import WARDS_FILE
    from fixtures.demo import council_ensure
    from sites.io import wards_import

    council, _ = council_ensure()
    wards_import(council=council, source=WARDS_FILE)
    return council


def load_rows(workdir: Path, council, start: int, stop: int) -> float:
    """Insert rows start..stop of the prepared register; the seconds it took."""
    from django.db import connection, transaction
    from django.utils import timezone

    from sites.models import AssetType, Ward

    with (workdir / ROWS_FILE).open("rb") as source:
        columns = pickle.load(source)  # noqa: S301 -- our own file, written by prepare_rows
    type_ids = dict(AssetType.objects.values_list("code", "pk"))
    ward_ids = dict(Ward.objects.filter(council=council).values_list("code", "pk"))
    now = timezone.now().isoformat()
    rows = _rows(columns, start, stop, council_id=council.pk, type_ids=type_ids, ward_ids=ward_ids, now=now)
    started = time.perf_counter()
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA synchronous = OFF")  # a throwaway database: no need to wait for the disk
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY sites_asset ({', '.join(COLUMNS)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            sql = f"INSERT INTO sites_asset ({', '.join(COLUMNS)}) VALUES ({', '.join(['%s'] * len(COLUMNS))})"  # noqa: S608
            batch = []
            for row in rows:
                batch.append(row)
                if len(batch) == 20_000:
                    cursor.executemany(sql, batch)
                    batch.clear()
            if batch:
                cursor.executemany(sql, batch)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE sites_asset")
            cursor.execute("ANALYZE sites_asset_cell")
    return time.perf_counter() - started


def api_timer(params: dict, *, repeat: int, warmup: int):
    """A function timing GET /api/sites.geojson with `params` through the Django test client."""
    from urllib.parse import urlencode

    from django.test import Client

    from bench import timed

    client = Client()
    url = "/api/sites.geojson?" + urlencode(params)

    def get():
        response = client.get(url)
        if response.status_code != 200:
            raise RuntimeError(f"{url} answered {response.status_code}: {response.content[:300]!r}")
        return response

    def measure() -> tuple[list[float], dict]:
        import orjson

        body = orjson.loads(get().content)
        samples = timed(get, repeat=repeat, warmup=warmup)
        return samples, body

    return measure
