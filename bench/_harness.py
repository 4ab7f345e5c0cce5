"""Runs benchmarks, each in a child process with its own fresh database, and prints figures."""

import ast
import json
import os
import pkgutil
import secrets
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import bench
from bench import Result, median, percentile

ROOT = Path(__file__).resolve().parent.parent
# The server the PostgreSQL runs use; the harness creates and drops bench_<name> on it.
POSTGRES_URL = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")
BACKENDS = ("sqlite", "postgresql")


def benchmark_names() -> list[str]:
    """Every benchmark module in bench/ (those without a leading underscore)."""
    return sorted(m.name for m in pkgutil.iter_modules(bench.__path__) if not m.name.startswith("_"))


@dataclass(frozen=True)
class BenchmarkInfo:
    """A benchmark module's constants, read from its source (the parent never imports Django)."""

    name: str
    description: str
    budget_seconds: float | None
    repeat: int
    has_prepare: bool


def benchmark_info(name: str) -> BenchmarkInfo:
    tree = ast.parse((Path(bench.__file__).parent / f"{name}.py").read_text())
    constants = {
        target.id: ast.literal_eval(node.value)
        for node in tree.body
        if isinstance(node, ast.Assign)
        for target in node.targets
        if isinstance(target, ast.Name) and target.id in {"DESCRIPTION", "BUDGET_SECONDS", "REPEAT"}
    }
    functions = {node.name for node in tree.body if isinstance(node, ast.FunctionDef)}
    return BenchmarkInfo(
        name=name,
        description=constants.get("DESCRIPTION") or (ast.get_docstring(tree) or name).splitlines()[0],
        budget_seconds=constants.get("BUDGET_SECONDS"),
        repeat=constants.get("REPEAT", 1),
        has_prepare="prepare" in functions,
    )


@dataclass(frozen=True)
class Postgres:
    """The PostgreSQL server the harness makes databases on (psycopg, autocommit)."""

    url: str = POSTGRES_URL

    def unavailable(self) -> str | None:
        """Why PostgreSQL runs are skipped, or None when the server answers."""
        try:
            import psycopg
        except ImportError:
            return "psycopg is not installed"
        try:
            with psycopg.connect(self.url, connect_timeout=3):
                return None
        except psycopg.Error as exc:
            return f"no PostgreSQL server answers at {self.url.rsplit('@', 1)[-1]} ({str(exc).strip().splitlines()[0]})"

    def _execute(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(self.url, autocommit=True, connect_timeout=3) as conn:
            conn.execute(sql)

    def create(self, database: str) -> str:
        self.drop(database)
        self._execute(f'CREATE DATABASE "{database}"')
        return self.url.rsplit("/", 1)[0] + f"/{database}"

    def drop(self, database: str) -> None:
        self._execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


def child_environment(database_url: str) -> dict[str, str]:
    """A deployment's settings on a throwaway database: DEBUG off (no query log), no manifest."""
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings.main",
        DATABASE_URL=database_url,
        SECRET_KEY="bench-" + secrets.token_urlsafe(40),
        DEBUG="off",
        ALLOWED_HOSTS="testserver,127.0.0.1,localhost",
        STATICFILES_BACKEND="django.contrib.staticfiles.storage.StaticFilesStorage",
        LOG_LEVEL="WARNING",
        PYTHONPATH=str(ROOT),
    )
    return env


class StepFailed(Exception):
    pass


def run_child(args: list[str], env: dict[str, str], log: Path) -> None:
    with log.open("w") as out:
        code = subprocess.run(
            [sys.executable, "-m", "bench._child", *args], cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT
        ).returncode
    if code != 0:
        tail = "\n".join(log.read_text().splitlines()[-25:])
        raise StepFailed(f"`bench._child {' '.join(args[:2])}` failed (exit {code}):\n{tail}")


def run_once(name: str, backend: str, workdir: Path, run_number: int, postgres: Postgres) -> Result:
    """One run of a benchmark on a brand-new database of `backend`, dropped afterwards."""
    result_file = workdir / f"result-{backend}-{run_number}.json"
    database = f"bench_{name}"
    if backend == "sqlite":
        url = f"sqlite:///{workdir / f'{database}-{run_number}.sqlite3'}"
    else:
        url = postgres.create(database)
    try:
        run_child(
            ["run", name, backend, str(workdir), str(result_file)],
            child_environment(url),
            workdir / f"log-{backend}-{run_number}.txt",
        )
    finally:
        if backend == "postgresql":
            postgres.drop(database)
        else:
            Path(url.removeprefix("sqlite:///")).unlink(missing_ok=True)
    return Result(**json.loads(result_file.read_text()))


def merge(results: list[Result]) -> Result:
    first = results[0]
    return Result(
        samples=[s for r in results for s in r.samples],
        items=first.items,
        unit=first.unit,
        notes=first.notes,
        baseline_rss_kb=max((r.baseline_rss_kb or 0) for r in results) or None,
        peak_rss_kb=max(r.peak_rss_kb or 0 for r in results),
    )


def describe(result: Result, budget: float | None) -> tuple[str, bool]:
    """One line of figures, and whether the run is within its budget."""
    mid, p95 = median(result.samples), percentile(result.samples, 95)
    parts = [
        f"n={len(result.samples)}",
        f"median {_duration(mid)}",
        f"p95 {_duration(p95)}",
        f"{result.items / mid:,.0f} {result.unit}/s" if mid > 0 else "",
        f"peak RSS {result.peak_rss_kb / 1024:,.0f} MB",
    ]
    if result.baseline_rss_kb:
        parts[-1] += f" ({result.baseline_rss_kb / 1024:,.0f} MB before the timed part)"
    ok = budget is None or mid <= budget
    if budget is not None:
        parts.append(f"budget {_duration(budget)}: {'ok' if ok else 'OVER BUDGET'}")
    return "   ".join(p for p in parts if p), ok


def _duration(seconds: float) -> str:
    return f"{seconds:.2f} s" if seconds >= 1 else f"{seconds * 1000:.1f} ms"


def run_benchmarks(names: list[str], backends: list[str], repeat: int | None) -> bool:
    """Run each benchmark on each backend; print the figures; False if any failed or overran."""
    postgres = Postgres()
    if "postgresql" in backends:
        reason = postgres.unavailable()
        if reason:
            print(f"PostgreSQL runs skipped: {reason}.")
            backends = [b for b in backends if b != "postgresql"]
    all_ok = True
    for name in names:
        info = benchmark_info(name)
        print(f"\n{name}: {info.description}")
        with tempfile.TemporaryDirectory(prefix=f"bench-{name}-") as tmp:
            workdir = Path(tmp)
            if info.has_prepare:
                started = time.perf_counter()
                try:
                    run_child(
                        ["prepare", name, str(workdir)], child_environment("sqlite://:memory:"), workdir / "prep.txt"
                    )
                except StepFailed as exc:
                    print(f"  prepare failed: {exc}")
                    all_ok = False
                    continue
                print(f"  prepared in {time.perf_counter() - started:.1f} s (not timed)")
            for backend in backends:
                try:
                    runs = [run_once(name, backend, workdir, i, postgres) for i in range(repeat or info.repeat)]
                except StepFailed as exc:
                    print(f"  {backend:<11} FAILED: {exc}")
                    all_ok = False
                    continue
                result = merge(runs)
                line, ok = describe(result, info.budget_seconds)
                all_ok &= ok
                print(f"  {backend:<11} {line}")
                for note in result.notes:
                    print(f"  {'':<11} {note}")
    return all_ok
