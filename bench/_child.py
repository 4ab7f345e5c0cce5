"""One benchmark step in its own process (started by bench/_harness.py, not by hand).

    python -m bench._child prepare NAME WORKDIR
    python -m bench._child run NAME BACKEND WORKDIR RESULT_JSON

`run` expects DJANGO_SETTINGS_MODULE, DATABASE_URL and SECRET_KEY in the environment
(a fresh, empty database), migrates it, calls the module's run() and writes its Result
as JSON, with this process's peak memory.
"""

import importlib
import json
import sys
from pathlib import Path

from bench import Context, Result, peak_rss_kb


def main(argv: list[str]) -> int:
    step, name = argv[0], argv[1]
    module = importlib.import_module(f"bench.{name}")
    if step == "prepare":
        prepare = getattr(module, "prepare", None)
        if prepare is not None:
            prepare(Path(argv[2]))
        return 0
    backend, workdir, result_file = argv[2], Path(argv[3]), Path(argv[4])
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", interactive=False, verbosity=0)
    result = module.run(Context(name=name, backend=backend, workdir=workdir))
    if not isinstance(result, Result):
        raise TypeError(f"bench.{name}.run() must return a bench.Result, not {type(result).__name__}.")
    result.peak_rss_kb = peak_rss_kb()
    result_file.write_text(json.dumps(result.as_dict()))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
