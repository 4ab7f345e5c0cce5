"""Import throughput: 100,000 generated assets from a GeoPackage in British National Grid.

prepare() generates the register (fixtures.generator, seed 2024) and writes it in
EPSG:27700 (not timed). run() loads Glasgow City Council and its 23 real wards into the
fresh database, then times one sites.io.assets_import of the whole file: reading,
reprojecting to WGS84, validating, ward assignment, constraint flags and the upsert.
"""

import time
from pathlib import Path

from bench import Context, Result, peak_rss_kb

DESCRIPTION = "assets_import of 100,000 generated assets, GeoPackage in EPSG:27700, wards assigned"
BUDGET_SECONDS = 30.0
COUNT = 100_000
SEED = 2024
SOURCE = "assets-100k-epsg27700.gpkg"


def prepare(workdir: Path) -> None:
    from fixtures.generator import generate_assets
    from fixtures.output import assets_write

    assets_write(generate_assets(count=COUNT, seed=SEED), workdir / SOURCE, crs="EPSG:27700")


def run(ctx: Context) -> Result:
    from fixtures import WARDS_FILE
    from fixtures.demo import council_ensure
    from sites.io import assets_import, wards_import
    from sites.models import Asset

    council, _ = council_ensure()
    wards_import(council=council, source=WARDS_FILE)
    baseline = peak_rss_kb()
    started = time.perf_counter()
    report = assets_import(council=council, source=ctx.workdir / SOURCE)
    seconds = time.perf_counter() - started
    if not report.written or report.rejected:
        raise RuntimeError(f"The import did not go through:\n{report.summary()}")
    with_ward = Asset.objects.filter(council=council, ward__isnull=False).count()
    return Result(
        samples=[seconds],
        items=COUNT,
        unit="rows",
        notes=[
            f"created {report.created:,}, {with_ward:,} with a ward, {len(report.warnings)} warnings",
            *(f"warning: {w}" for w in report.warnings[:3]),
        ],
        baseline_rss_kb=baseline,
    )
