"""The licence's addresses: the public verification page and the PDF download.

The views are in mapping (mapping/views_licences.py, URL names `licence_verify` and
`licence_download`); applications only names them, so it never imports mapping.
"""

from django.conf import settings
from django.urls import NoReverseMatch, reverse


def _path(name: str, number: str, fallback: str) -> str:
    try:
        return reverse(name, kwargs={"number": number})
    except NoReverseMatch:
        return fallback


def verification_path(number: str) -> str:
    return _path("licence_verify", number, f"/licences/{number}/")


def download_path(number: str) -> str:
    return _path("licence_download", number, f"/licences/{number}/licence.pdf")


def absolute(path: str) -> str:
    return getattr(settings, "PORTAL_URL", "").rstrip("/") + path


def verification_url(number: str) -> str:
    """The full address printed on the licence and in its QR code (settings.PORTAL_URL + path)."""
    return absolute(verification_path(number))
