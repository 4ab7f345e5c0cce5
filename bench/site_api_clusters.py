"""Site-finder API: the whole city zoomed out (clusters), 100,000 then 1,000,000 assets.

The same register and loading as bench/site_api.py; times GET /api/sites.geojson with
the council's whole box at zoom 11 for a signed-out visitor (clusters with counts from
the per-cell counts the database keeps, plus the view's edge strips counted live), and
the same view filtered by something the cell counts do not hold (min_height=10), which
is counted live. The samples are the 1,000,000 unfiltered figures.
"""

from pathlib import Path

from bench import Context, Result, median, peak_rss_kb, percentile

DESCRIPTION = "GET /api/sites.geojson, whole city at zoom 11 (clusters), 1,000,000 assets"
BUDGET_SECONDS = 0.150
REPEAT = 1
TIMED = 100
WARMUP = 10


def prepare(workdir: Path) -> None:
    from bench._site_data import prepare_rows

    prepare_rows(workdir)


def _figures(samples: list[float]) -> str:
    return f"median {median(samples) * 1000:.1f} ms, p95 {percentile(samples, 95) * 1000:.1f} ms"


def run(ctx: Context) -> Result:
    from bench._site_data import (
        COUNT,
        SAMPLE,
        WHOLE_CITY_BBOX,
        WHOLE_CITY_ZOOM,
        api_timer,
        load_council,
        load_rows,
    )

    council = load_council()
    view = {"bbox": WHOLE_CITY_BBOX, "zoom": WHOLE_CITY_ZOOM}
    measure = api_timer(view, repeat=TIMED, warmup=WARMUP)
    measure_filtered = api_timer({**view, "min_height": 10}, repeat=10, warmup=2)
    notes = []
    load_rows(ctx.workdir, council, 0, SAMPLE)
    small, body = measure()
    notes.append(f"{SAMPLE:,} assets: {len(body['features'])} clusters of {body['count']:,}, {_figures(small)}")
    load_rows(ctx.workdir, council, SAMPLE, COUNT)
    baseline = peak_rss_kb()
    samples, body = measure()
    notes.append(f"{COUNT:,} assets: {len(body['features'])} clusters of {body['count']:,}, {_figures(samples)}")
    filtered, body = measure_filtered()
    notes.append(f"{COUNT:,} assets, min_height=10 (counted live): {body['count']:,} in clusters, "
                 f"{_figures(filtered)}")  # fmt: skip
    return Result(samples=samples, items=1, unit="requests", notes=notes, baseline_rss_kb=baseline)
