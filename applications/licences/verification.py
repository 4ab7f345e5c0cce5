"""Hashing and checking: is this file exactly the licence as issued?

The SHA-256 of the PDF is recorded when it is issued. Anyone can upload a copy on the
verification page: the same bytes give the same hash; one changed byte does not.
"""

import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError

from ..models import Licence

CHUNK = 64 * 1024
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
PDF_MAGIC = b"%PDF-"


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_of_file(file) -> str:
    """The SHA-256 of a binary file object (an upload, an open file), read in chunks."""
    digest = hashlib.sha256()
    file.seek(0)
    for chunk in iter(lambda: file.read(CHUNK), b""):
        digest.update(chunk)
    file.seek(0)
    return digest.hexdigest()


def max_check_bytes() -> int:
    """The largest file the verification form reads (settings.LICENCE_CHECK_MAX_BYTES, else 20 MB)."""
    return int(getattr(settings, "LICENCE_CHECK_MAX_BYTES", DEFAULT_MAX_BYTES))


def _size(file) -> int:
    size = getattr(file, "size", None)
    if size is None:
        file.seek(0, 2)
        size = file.tell()
    file.seek(0)
    return int(size)


def check_upload(file) -> None:
    """ValidationError in plain English unless the file is a non-empty PDF within the size limit."""
    size = _size(file)
    if size == 0:
        raise ValidationError("The selected file is empty.", code="empty")
    limit = max_check_bytes()
    if size > limit:
        raise ValidationError(
            f"The selected file must be smaller than {limit // (1024 * 1024)} MB: a licence is much smaller.",
            code="too_big",
        )
    head = file.read(1024)
    file.seek(0)
    if PDF_MAGIC not in head:
        raise ValidationError("The selected file must be a PDF.", code="not_pdf")


@dataclass(frozen=True)
class CheckResult:
    matches: bool
    sha256: str  # of the uploaded file
    issued_sha256: str


def licence_check_file(*, licence: Licence, file) -> CheckResult:
    """Compare an uploaded file with the issued licence (after check_upload)."""
    digest = sha256_of_file(file)
    return CheckResult(matches=digest == licence.sha256, sha256=digest, issued_sha256=licence.sha256)


def stored_file_matches(licence: Licence) -> bool:
    """The stored PDF still has the recorded hash (an integrity check for the download)."""
    with licence.pdf.open("rb") as handle:
        return sha256_of_file(handle) == licence.sha256
