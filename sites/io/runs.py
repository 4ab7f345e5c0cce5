"""An import run outside the request that started it, and its progress where any worker can read it.

The admin's import (a preview, then the write) can take minutes for a big register, longer
than a request should wait. `run_start` runs it in a thread of its own and writes what it
has got to (sites.io.progress) to a small JSON status file, replaced whole at each report
(os.replace), so the progress page (any worker, any process) reads a complete one:

    {"state": "running" | "done" | "failed", "dry_run": bool, "progress": {...},
     "report": {...ImportReport...} (done), "error": "..." (failed)}

The files live in MEDIA_ROOT/import-status, named after the upload's token; they are
removed with the upload. The import itself is one transaction: a run that dies midway (the
process killed) writes nothing, and its page says it stopped once the file is older than
STALE_AFTER_SECONDS without news. Tests and `ASSET_IMPORT_IN_BACKGROUND = False` run it in
the request instead.
"""

import json
import logging
import os
import threading
import time
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path

from django.conf import settings
from django.db import connections

from .progress import ImportProgress, Progress
from .report import ImportFileError, ImportReport
from .uploads import TOKEN

logger = logging.getLogger(__name__)
STALE_AFTER_SECONDS = 15 * 60
Job = Callable[[Progress], ImportReport]


def status_folder() -> Path:
    return Path(settings.MEDIA_ROOT) / "import-status"


def _status_path(token: str) -> Path | None:
    if not isinstance(token, str) or not TOKEN.match(token):
        return None
    return status_folder() / f"{token}.json"


def _write(token: str, status: dict) -> None:
    path = _status_path(token)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(f".{threading.get_ident()}.tmp")
    partial.write_text(json.dumps(status))
    os.replace(partial, path)


def run_status(token: str) -> dict | None:
    """The run's status (see the module's docstring), or None when there is none.

    A running run whose file has not changed for STALE_AFTER_SECONDS is reported as failed.
    """
    path = _status_path(token)
    if path is None or not path.is_file():
        return None
    try:
        status = json.loads(path.read_text())
    except (OSError, ValueError):
        return None
    if status.get("state") == "running" and time.time() - path.stat().st_mtime > STALE_AFTER_SECONDS:
        status = {
            **status,
            "state": "failed",
            "error": "The import stopped without finishing (the server may have restarted). Nothing was written.",
        }
    return status


def run_report(status: dict) -> ImportReport | None:
    """The finished run's report, as the importer returned it."""
    data = status.get("report")
    if not data:
        return None
    data = {**data, "rejected": [tuple(row) for row in data.get("rejected", [])]}
    return ImportReport(**data)


def run_progress(status: dict) -> ImportProgress:
    return ImportProgress(**status.get("progress", {}))


def run_forget(token: str) -> None:
    path = _status_path(token)
    if path is not None:
        path.unlink(missing_ok=True)


def _run(token: str, job: Job, dry_run: bool) -> None:
    def report(now: ImportProgress) -> None:
        _write(token, {"state": "running", "dry_run": dry_run, "progress": now.as_dict()})

    progress = Progress(report)
    try:
        result = job(progress)
    except ImportFileError as exc:
        _write(token, {"state": "failed", "dry_run": dry_run, "progress": progress.now.as_dict(), "error": str(exc)})
    except Exception:
        logger.exception("Import run %s failed", token)
        error = "The import failed unexpectedly. Nothing was written. The error has been logged for the administrators."
        _write(token, {"state": "failed", "dry_run": dry_run, "progress": progress.now.as_dict(), "error": error})
    else:
        status = {"state": "done", "dry_run": dry_run, "progress": progress.now.as_dict(), "report": asdict(result)}
        _write(token, status)


def run_start(token: str, job: Job, *, dry_run: bool) -> None:
    """Start `job` (an importer call taking a Progress) for the upload `token`; returns at once.

    In a thread of its own unless settings.ASSET_IMPORT_IN_BACKGROUND is False (then here).
    """
    _write(token, {"state": "running", "dry_run": dry_run, "progress": ImportProgress().as_dict()})
    if not getattr(settings, "ASSET_IMPORT_IN_BACKGROUND", True):
        _run(token, job, dry_run)
        return

    def work() -> None:
        try:
            _run(token, job, dry_run)
        finally:
            connections.close_all()  # this thread's own connections

    threading.Thread(target=work, name=f"import-{token}", daemon=True).start()
