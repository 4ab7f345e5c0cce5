"""The production server under load: gunicorn (gunicorn.conf.py, 4 workers) and 50 concurrent clients for 60 s.

The child loads the demo register (manage.py load_demo: Glasgow's wards, its CCTV columns and
the generated register), starts gunicorn on a free port with portal.settings.main (DEBUG off,
WhiteNoise, the harness's database), and runs 50 client threads, each on its own keep-alive
connection, for LOAD_SECONDS (BENCH_LOAD_SECONDS overrides): half the requests are the public
map API for a random city-centre view, half the public list page (a random filter and page).
Every answer must be a 200: any other status or a failed connection is an error, and a run
with errors fails. The samples are every request's latency; the notes give throughput, p50
and p95 per endpoint and the error count. The clients run on the same two cores as the
server, so the figures are a floor for what the server does alone.
"""

import os
import random
import socket
import subprocess
import sys
import threading
import time
from http.client import HTTPConnection
from pathlib import Path

from bench import Context, Result, median, peak_rss_kb, percentile

DESCRIPTION = "gunicorn with 4 workers: 50 concurrent clients on the public map API and list page for 60 s"
BUDGET_SECONDS = 3.0  # median under 50 clients on 2 cores: clients / throughput (Little's law), not one request's time
REPEAT = 1
LOAD_SECONDS = 60
CLIENTS = int(os.environ.get("BENCH_LOAD_CLIENTS", "50"))
WORKERS = 4
CENTRE = (-4.255, 55.861)
LIST_QUERIES = [
    "",
    "asset_type=lighting_column",
    "asset_type=lighting_column&min_height=8",
    "availability=available&sort=-height",
    "where=radius&near=-4.2502,55.8611&radius=500",
    "q=street",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _api_path(rng: random.Random) -> str:
    lon = CENTRE[0] + rng.uniform(-0.01, 0.01)
    lat = CENTRE[1] + rng.uniform(-0.005, 0.005)
    return f"/api/sites.geojson?bbox={lon - 0.007:.5f},{lat - 0.003:.5f},{lon + 0.007:.5f},{lat + 0.003:.5f}&zoom=16"


def _list_path(rng: random.Random) -> str:
    query = rng.choice(LIST_QUERIES)
    page = rng.randint(1, 4)
    return f"/sites/?{query}{'&' if query else ''}page={page}"


def _wait_until_up(port: int, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn exited with status {server.returncode}")
        try:
            connection = HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError("gunicorn did not answer /healthz within 60 s")


def _client(port: int, seed: int, stop_at: float, out: dict) -> None:
    rng = random.Random(seed)
    connection = HTTPConnection("127.0.0.1", port, timeout=30)
    while time.monotonic() < stop_at:
        kind = "api" if rng.random() < 0.5 else "list"
        path = _api_path(rng) if kind == "api" else _list_path(rng)
        started = time.perf_counter()
        try:
            connection.request("GET", path, headers={"Host": "127.0.0.1"})
            response = connection.getresponse()
            response.read()
            ok = response.status == 200
        except OSError:
            ok = False
            connection.close()
            connection = HTTPConnection("127.0.0.1", port, timeout=30)
        elapsed = time.perf_counter() - started
        out[kind].append(elapsed)
        if not ok:
            out["errors"].append(path)
    connection.close()


def run(ctx: Context) -> Result:
    from django.core.management import call_command

    call_command("load_demo", verbosity=0)
    from sites.models import Asset

    assets = Asset.objects.count()
    port = _free_port()
    env = os.environ | {
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": str(WORKERS),
        "ALLOWED_HOSTS": "127.0.0.1",
        "LOG_LEVEL": "WARNING",
        "SESSION_COOKIE_SECURE": "off",
        "CSRF_COOKIE_SECURE": "off",
    }
    root = Path(__file__).resolve().parent.parent
    gunicorn = str(Path(sys.executable).parent / "gunicorn")
    server = subprocess.Popen(
        [gunicorn, "-c", "gunicorn.conf.py"], cwd=root, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    seconds = float(os.environ.get("BENCH_LOAD_SECONDS", LOAD_SECONDS))
    try:
        _wait_until_up(port, server)
        baseline = peak_rss_kb()
        results = [{"api": [], "list": [], "errors": []} for _ in range(CLIENTS)]
        stop_at = time.monotonic() + seconds
        threads = [
            threading.Thread(target=_client, args=(port, n, stop_at, results[n]), daemon=True) for n in range(CLIENTS)
        ]
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        wall = time.perf_counter() - started
    finally:
        server.terminate()
        _, stderr = server.communicate(timeout=60)
    api = [s for r in results for s in r["api"]]
    pages = [s for r in results for s in r["list"]]
    errors = [e for r in results for e in r["errors"]]
    samples = api + pages
    notes = [
        f"{assets:,} assets (the demo register); {CLIENTS} clients, {WORKERS} gunicorn workers, {wall:.0f} s",
        f"throughput {len(samples) / wall:.0f} requests/s; errors: {len(errors)}",
        f"map API: {len(api):,} requests, median {median(api) * 1000:.0f} ms, p95 {percentile(api, 95) * 1000:.0f} ms",
        f"list page: {len(pages):,} requests, median {median(pages) * 1000:.0f} ms, "
        f"p95 {percentile(pages, 95) * 1000:.0f} ms",
    ]
    if errors:
        raise RuntimeError(f"{len(errors)} requests failed, e.g. {errors[:3]}; gunicorn said: {stderr[-2000:]!r}")
    return Result(samples=samples, items=1, unit="requests", notes=notes, baseline_rss_kb=baseline)
