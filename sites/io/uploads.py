"""Files uploaded for an import in the admin, kept between the preview and the confirmation.

They live in MEDIA_ROOT/imports (outside the static files, never served), each under a
random name that keeps only the format's suffix, and are deleted after the import, on
cancel, or after a day when abandoned.
"""

import re
import secrets
import time
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile

UPLOAD_SUFFIXES = (".gpkg", ".zip", ".geojson", ".json", ".csv")
TOKEN = re.compile(r"^[0-9a-f]{32}\.(gpkg|zip|geojson|json|csv)$")
ABANDONED_AFTER_SECONDS = 24 * 3600


def uploads_folder() -> Path:
    return Path(settings.MEDIA_ROOT) / "imports"


def upload_store(uploaded: UploadedFile) -> str:
    """Save the upload under a random name; returns that name (the token the confirm step names)."""
    suffix = Path(uploaded.name or "").suffix.lower()
    if suffix not in UPLOAD_SUFFIXES:
        raise ValueError(f"Unsupported suffix {suffix!r}")
    folder = uploads_folder()
    folder.mkdir(parents=True, exist_ok=True)
    uploads_purge()
    token = f"{secrets.token_hex(16)}{suffix}"
    with (folder / token).open("wb") as handle:
        for chunk in uploaded.chunks():
            handle.write(chunk)
    return token


def upload_path(token: str) -> Path | None:
    """The stored file for a token, or None when the token is malformed or the file gone."""
    if not isinstance(token, str) or not TOKEN.match(token):
        return None
    path = uploads_folder() / token
    return path if path.is_file() else None


def upload_delete(token: str) -> None:
    path = upload_path(token)
    if path is not None:
        path.unlink(missing_ok=True)


def uploads_purge() -> None:
    """Delete uploads left by previews nobody confirmed or cancelled."""
    cutoff = time.time() - ABANDONED_AFTER_SECONDS
    for path in uploads_folder().glob("*"):
        if TOKEN.match(path.name) and path.stat().st_mtime < cutoff:
            path.unlink(missing_ok=True)
