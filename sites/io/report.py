"""What an import did (or would do), and the error a file that cannot be imported raises."""

from dataclasses import dataclass, field


class ImportFileError(Exception):
    """The file as a whole cannot be imported; the message says why in plain English.

    Nothing has been written when this is raised.
    """

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


@dataclass
class ImportReport:
    """Counts, rejected rows (row number, reason) and warnings of one import.

    Row numbers count features from 1 in GeoPackages, Shapefiles and GeoJSON; in a CSV
    they are the line numbers a spreadsheet shows (the header is line 1).
    """

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[tuple[int, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what else happened (assets re-placed, ...)
    dry_run: bool = False
    written: bool = False
    noun: str = "assets"
    source: str = ""
    skipped_invalid: bool = False

    @property
    def read(self) -> int:
        return self.created + self.updated + self.unchanged + len(self.rejected)

    def reject(self, row: int, reason: str) -> None:
        self.rejected.append((int(row), reason))

    def summary(self, limit: int = 50) -> str:
        """A multi-line account for the command line and the admin preview."""
        lines = [f"{self.source}: {self.read} {self.noun} read." if self.source else f"{self.read} {self.noun} read."]
        lines += [
            f"Created: {self.created}",
            f"Updated: {self.updated}",
            f"Unchanged: {self.unchanged}",
            f"Rejected: {len(self.rejected)}",
        ]
        for row, reason in sorted(self.rejected)[:limit]:
            lines.append(f"  row {row}: {reason}")
        if len(self.rejected) > limit:
            lines.append(f"  ... and {len(self.rejected) - limit} more rejected rows")
        if self.warnings:
            lines.append(f"Warnings: {len(self.warnings)}")
            lines += [f"  {warning}" for warning in self.warnings[:limit]]
            if len(self.warnings) > limit:
                lines.append(f"  ... and {len(self.warnings) - limit} more warnings")
        lines += self.notes
        lines.append(self.outcome)
        return "\n".join(lines)

    @property
    def outcome(self) -> str:
        if self.written:
            skipped = f" The {len(self.rejected)} rejected rows were skipped." if self.rejected else ""
            return f"Saved: {self.created} created, {self.updated} updated.{skipped}"
        if self.dry_run:
            return "Dry run: nothing was written."
        return (
            f"Nothing was written: {len(self.rejected)} rows were rejected. "
            "Correct them, or import only the good rows (skip invalid rows)."
        )
