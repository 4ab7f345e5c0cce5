"""`python -m bench [names...] [--backend sqlite|postgresql] [--repeat N] [--list]` (make bench)."""

import argparse
import sys

from bench._harness import BACKENDS, benchmark_names, run_benchmarks


def main(argv: list[str] | None = None) -> int:
    names = benchmark_names()
    parser = argparse.ArgumentParser(
        prog="python -m bench",
        description="Run the benchmarks, each on fresh SQLite and PostgreSQL databases (see bench/README.md).",
    )
    parser.add_argument("names", nargs="*", metavar="NAME", help=f"benchmarks to run (default: all of {names})")
    parser.add_argument("--backend", choices=BACKENDS, action="append", help="only this backend (repeatable)")
    parser.add_argument("--repeat", type=int, help="runs per backend, each on a fresh database")
    parser.add_argument("--list", action="store_true", help="list the benchmarks and stop")
    args = parser.parse_args(argv)
    if args.list:
        print("\n".join(names))
        return 0
    unknown = sorted(set(args.names) - set(names))
    if unknown:
        parser.error(f"no benchmark {', '.join(unknown)}; the benchmarks are: {', '.join(names)}")
    if args.repeat is not None and args.repeat < 1:
        parser.error("--repeat must be at least 1")
    ok = run_benchmarks(args.names or names, args.backend or list(BACKENDS), args.repeat)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
