"""How far an import has got, told as it goes: rows read, checked, written and rejected.

Every importer (assets, wards, constraint layers, and the generator through the asset
import) takes `progress`, a `Progress`, and moves it through its stages:

    Reading the file -> Checking rows -> Writing -> (Placing assets again) -> Done

A Progress hands a snapshot (`ImportProgress`) to its `report` function when the stage
changes, and otherwise at most every `interval` seconds, so a million rows cost a
million cheap counter updates and a few dozen reports. The command line prints each
report as a line on stderr (`line_reporter`); the admin writes it to a status file its
progress page reads (sites/io/runs.py).
"""

import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, replace
from typing import TextIO

STAGES = {
    "reading": "Reading the file",
    "checking": "Checking rows",
    "writing": "Writing",
    "placing": "Placing assets again",
    "done": "Done",
}


@dataclass(frozen=True)
class ImportProgress:
    stage: str = "reading"
    total: int = 0  # the rows in the file (0 until it has been read)
    read: int = 0
    checked: int = 0
    written: int = 0
    to_write: int = 0
    rejected: int = 0

    @property
    def stage_label(self) -> str:
        return STAGES.get(self.stage, self.stage)

    def line(self) -> str:
        """One line for a log or a terminal."""
        parts = [f"{self.read:,} rows read"]
        if self.stage != "reading":
            parts.append(f"{self.checked:,} checked")
        if self.to_write or self.written:
            parts.append(f"{self.written:,} of {self.to_write:,} written")
        parts.append(f"{self.rejected:,} rejected")
        return f"{self.stage_label}: {', '.join(parts)}"

    def as_dict(self) -> dict:
        return asdict(self)


Reporter = Callable[[ImportProgress], None]


class Progress:
    """The counts of one import, reported as they change (see the module's docstring)."""

    def __init__(self, report: Reporter | None = None, *, interval: float = 1.0):
        self.report = report
        self.interval = interval
        self.now = ImportProgress()
        self._last = 0.0

    def stage(self, stage: str, **counts: int) -> None:
        """Move to `stage` (one of STAGES), with any counts that changed; always reported."""
        self.now = replace(self.now, stage=stage, **counts)
        self._emit()

    def update(self, **counts: int) -> None:
        """Set counts (read, checked, written, to_write, rejected); reported at most every `interval`."""
        self.now = replace(self.now, **counts)
        if self.report is not None and time.monotonic() - self._last >= self.interval:
            self._emit()

    def add(self, **counts: int) -> None:
        self.update(**{name: getattr(self.now, name) + value for name, value in counts.items()})

    def _emit(self) -> None:
        self._last = time.monotonic()
        if self.report is not None:
            self.report(self.now)


def line_reporter(stream: TextIO) -> Reporter:
    """Each report as a line on `stream` (flushed: the line shows in a pipe or a log at once)."""

    def report(now: ImportProgress) -> None:
        stream.write(now.line() + "\n")
        stream.flush()

    return report


def as_progress(progress: "Progress | None") -> Progress:
    """The importers' `progress` argument: a Progress, or None for one nobody hears."""
    return progress if isinstance(progress, Progress) else Progress()
