"""Benchmarks: `make bench` or `.venv/bin/python -m bench [names...]` (see bench/README.md).

Each benchmark is one module in this package (a name without a leading underscore) with

    DESCRIPTION = "one line saying what is measured"
    BUDGET_SECONDS = 30.0        # optional: the median must stay under it
    REPEAT = 1                   # optional: how many fresh databases (runs) by default

    def prepare(workdir: Path) -> None:   # optional; its own process, not timed
        ...write input files into workdir (shared by every run and backend)...

    def run(ctx: Context) -> Result:      # a child process with Django set up
        ...time the work on ctx's fresh, migrated database...

The harness (bench/_harness.py) gives every run its own database: a temporary SQLite
file, and a PostgreSQL database bench_<name> when the server answers, created and
dropped around the run; the dev data is never touched. It prints the median, p95,
throughput and the child's peak memory (ru_maxrss).
"""

import resource
import statistics
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Context:
    """What a run gets: which database backend, and the directory prepare() wrote into."""

    name: str
    backend: str  # "sqlite" or "postgresql"
    workdir: Path


@dataclass
class Result:
    """What a run measured.

    `samples` are seconds per timed operation; `items` is how many things one operation
    handles (rows imported, requests served), for the throughput; `baseline_rss_kb` is
    the peak memory before the timed part (peak_rss_kb()), to tell set-up from the work.
    """

    samples: list[float]
    items: int = 1
    unit: str = "ops"
    notes: list[str] = field(default_factory=list)
    baseline_rss_kb: int | None = None
    peak_rss_kb: int | None = None  # filled in by the harness

    def as_dict(self) -> dict:
        return asdict(self)


def peak_rss_kb() -> int:
    """This process's peak resident memory so far, in KiB (Linux ru_maxrss)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def timed(fn: Callable[[], object], *, repeat: int = 1, warmup: int = 0) -> list[float]:
    """Seconds taken by each of `repeat` calls of fn (after `warmup` untimed calls)."""
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - started)
    return samples


def percentile(samples: list[float], q: float) -> float:
    """The q-th percentile (0-100), linear between closest ranks; one sample is its own p95."""
    ordered = sorted(samples)
    if len(ordered) == 1:
        return ordered[0]
    position = (len(ordered) - 1) * q / 100
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def median(samples: list[float]) -> float:
    return statistics.median(samples)
