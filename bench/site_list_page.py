"""Site finder page: a filtered GET /sites/ (the whole HTML page), 100,000 then 1,000,000 assets.

The same register and loading as bench/site_api.py (bench/_site_data.py). Times, for a
signed-out visitor through the Django test client (server time, no network), the first
page of lighting columns at least 8 m high in the city-centre ward (Anderston/City/
Yorkhill), sorted by reference: the filters, the count, 25 rows with their type and ward,
the map's configuration (folium, cached) and the template. The count is exact up to
10,000 and "more than 10,000" beyond (mapping/finder/pages.py), as the page shows it. The notes add the same at
100,000, a radius search sorted by distance, an "In the map view" search of the
city-centre box, and a deep page of the filtered list. The samples are the 1,000,000
filtered figures.
"""

from pathlib import Path

from bench import Context, Result, median, peak_rss_kb, percentile

DESCRIPTION = "GET /sites/ filtered by ward, type and height (page 1 of the list, the map config), 1,000,000 assets"
BUDGET_SECONDS = 0.150
REPEAT = 1
TIMED = 100
WARMUP = 10
WARD = "Anderston/City/Yorkhill"


def prepare(workdir: Path) -> None:
    from bench._site_data import prepare_rows

    prepare_rows(workdir)


def _figures(samples: list[float]) -> str:
    return f"median {median(samples) * 1000:.1f} ms, p95 {percentile(samples, 95) * 1000:.1f} ms"


def page_timer(params: dict, *, repeat: int, warmup: int):
    """A function timing GET /sites/ with `params`; it also returns the count the page showed."""
    import re
    from urllib.parse import urlencode

    from django.test import Client

    from bench import timed

    client = Client()
    url = "/sites/?" + urlencode(params, doseq=True)

    def get():
        response = client.get(url)
        if response.status_code != 200 or b"govuk-error-summary" in response.content:
            raise RuntimeError(f"{url} answered {response.status_code} or with errors: {response.content[:3000]!r}")
        return response

    def measure() -> tuple[list[float], str]:
        found = re.search(rb"(More than )?([\d,]+) sites? found", get().content)
        return timed(get, repeat=repeat, warmup=warmup), found.group(0).decode().lower()

    return measure


def run(ctx: Context) -> Result:
    from bench._site_data import CITY_CENTRE_BBOX, COUNT, SAMPLE, load_council, load_rows
    from sites.models import Ward

    council = load_council()
    ward = Ward.objects.get(council=council, name=WARD).code
    filtered = {"ward": ward, "asset_type": "lighting_column", "min_height": "8"}
    measure = page_timer(filtered, repeat=TIMED, warmup=WARMUP)
    others = {
        "radius 500 m of George Square, lighting columns, by distance": {
            "where": "radius",
            "near": "-4.2502,55.8611",
            "radius": "500",
            "asset_type": "lighting_column",
            "sort": "distance",
        },
        "the city-centre map view (where=view)": {"where": "view", "bbox": CITY_CENTRE_BBOX},
        "the filtered list, page 40": {**filtered, "page": "40"},
    }
    notes = []
    load_rows(ctx.workdir, council, 0, SAMPLE)
    small, found = measure()
    notes.append(f"{SAMPLE:,} assets: {found}, {_figures(small)}")
    load_rows(ctx.workdir, council, SAMPLE, COUNT)
    baseline = peak_rss_kb()
    samples, found = measure()
    notes.append(f"{COUNT:,} assets: {found}, {_figures(samples)}")
    for label, params in others.items():
        other, found = page_timer(params, repeat=30, warmup=3)()
        notes.append(f"{COUNT:,} assets, {label}: {found}, {_figures(other)}")
    return Result(samples=samples, items=1, unit="requests", notes=notes, baseline_rss_kb=baseline)
