"""The project's own Python and template files, for the tests that check a rule is written once."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NOT_OURS = {"tests", "bench", "node_modules", "staticfiles", "static", "var", "screenshots"}


def project_sources(pattern: str = "*.py") -> dict[str, str]:
    """{path relative to the repository: text} of the project's files below its top folders
    (no tests, benchmarks, migrations, hidden folders or vendored code)."""
    folders = [
        d for d in sorted(ROOT.iterdir()) if d.is_dir() and not d.name.startswith(".") and d.name not in NOT_OURS
    ]
    return {
        path.relative_to(ROOT).as_posix(): path.read_text()
        for folder in folders
        for path in sorted(folder.rglob(pattern))
        if "migrations" not in path.parts
    }
