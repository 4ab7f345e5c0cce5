"""Checks on an uploaded document: PDF and images only, judged by content; not empty; not too big."""

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError

from .models import DOCUMENT_TYPES

# The first bytes each accepted type must start with, checked as well as `filetype`'s guess.
MAGIC = {
    "application/pdf": (b"%PDF-",),
    "image/png": (b"\x89PNG\r\n\x1a\n",),
    "image/jpeg": (b"\xff\xd8\xff",),
}
HEAD_BYTES = 262  # what filetype needs to recognise any type it knows

DEFAULT_MAX_BYTES = 20 * 1024 * 1024


def max_upload_bytes() -> int:
    return int(getattr(settings, "APPLICATION_UPLOAD_MAX_BYTES", DEFAULT_MAX_BYTES))


def _size_of(file) -> int:
    size = getattr(file, "size", None)
    if size is None:
        position = file.tell()
        file.seek(0, 2)
        size = file.tell()
        file.seek(position)
    return int(size)


def _megabytes(n: int) -> str:
    return f"{n / (1024 * 1024):g} MB"


def detect_content_type(head: bytes) -> str | None:
    """The accepted content type the bytes really are, or None."""
    guess = filetype.guess(head)
    if guess is None or guess.mime not in DOCUMENT_TYPES:
        return None
    if not head.startswith(MAGIC[guess.mime]):
        return None
    return guess.mime


def upload_check(file) -> tuple[str, int]:
    """(content type, size in bytes) of an acceptable upload; ValidationError({"file": ...}) otherwise.

    `file` is a Django UploadedFile or any binary file object. The name the user gave
    it is ignored: a renamed executable is refused, a PDF called .jpg is stored as PDF.
    """
    size = _size_of(file)
    if size == 0:
        raise ValidationError({"file": "The selected file is empty."})
    limit = max_upload_bytes()
    if size > limit:
        raise ValidationError({"file": f"The selected file must be smaller than {_megabytes(limit)}."})
    file.seek(0)
    head = file.read(HEAD_BYTES)
    file.seek(0)
    content_type = detect_content_type(head)
    if content_type is None:
        raise ValidationError({"file": "The selected file must be a PDF, PNG or JPEG."})
    return content_type, size
