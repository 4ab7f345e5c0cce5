"""OGC API - Features: a page of 1,000 features (/ogc/collections/lighting_column/items?limit=1000), 1,000,000 assets.

prepare() generates the site-finder benchmarks' million assets (bench._site_data, not timed);
run() loads them all, then times the first page of 1,000 lighting columns as GDAL asks for
it (signed out, Django test client: server time, no network), numberMatched exact (from the
kept cell counts). The notes time a page deep in the collection (offset 100,000), one in
British National Grid, one of the city-centre bbox, a CQL2 filter, a sorted page (tallest
first, and tallest first then reference up, which the index cannot read in order) and a
property selection.
"""

from pathlib import Path

from bench import Context, Result, median, peak_rss_kb, percentile, timed

DESCRIPTION = "GET /ogc/collections/lighting_column/items?limit=1000, 1,000,000 assets"
BUDGET_SECONDS = 0.100
REPEAT = 1
TIMED = 50
WARMUP = 5


def prepare(workdir: Path) -> None:
    from bench._site_data import prepare_rows

    prepare_rows(workdir)


def _timer(params: str):
    import orjson
    from django.test import Client

    client = Client()
    url = "/ogc/collections/lighting_column/items?" + params

    def get():
        response = client.get(url, HTTP_ACCEPT="application/geo+json")
        if response.status_code != 200:
            raise RuntimeError(f"{url} answered {response.status_code}: {response.content[:300]!r}")
        return response

    def measure() -> tuple[list[float], dict]:
        body = orjson.loads(get().content)
        return timed(get, repeat=TIMED, warmup=WARMUP), body

    return measure


def _figures(samples: list[float]) -> str:
    return f"median {median(samples) * 1000:.1f} ms, p95 {percentile(samples, 95) * 1000:.1f} ms"


def run(ctx: Context) -> Result:
    from bench._site_data import CITY_CENTRE_BBOX, COUNT, load_council, load_rows

    council = load_council()
    seconds = load_rows(ctx.workdir, council, 0, COUNT)
    baseline = peak_rss_kb()
    samples, body = _timer("limit=1000")()
    notes = [
        f"{COUNT:,} assets (loaded in {seconds:.0f} s): first page {body['numberReturned']:,} of "
        f"{body['numberMatched']:,} lighting columns, {_figures(samples)}"
    ]
    for label, params in (
        ("offset 100,000", "limit=1000&offset=100000"),
        ("EPSG:27700", "limit=1000&crs=http://www.opengis.net/def/crs/EPSG/0/27700"),
        (f"bbox {CITY_CENTRE_BBOX}", f"limit=1000&bbox={CITY_CENTRE_BBOX}"),
        ("CQL2 filter height_m > 8", "limit=1000&filter=height_m%20%3E%208"),
        ("sortby -height_m", "limit=1000&sortby=-height_m"),
        ("sortby -height_m,+reference", "limit=1000&sortby=-height_m,%2Breference"),
        ("properties reference,height_m", "limit=1000&properties=reference,height_m"),
    ):
        other, page = _timer(params)()
        notes.append(f"{label}: {page['numberReturned']:,} of {page['numberMatched']:,}, {_figures(other)}")
    return Result(samples=samples, items=1, unit="requests", notes=notes, baseline_rss_kb=baseline)
