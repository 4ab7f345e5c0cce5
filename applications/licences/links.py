"""The licence's addresses: the public verification page and the PDF download.

The views are in mapping (mapping/views_licences.py, URL names `licence_verify` and
`licence_download`); applications only names them, so it never imports mapping.
"""

from django.urls import NoReverseMatch, reverse

from portal.selectors import portal_url


def _path(name: str, number: str, fallback: str) -> str:
    try:
        return reverse(name, kwargs={"number": number})
    except NoReverseMatch:
        return fallback


def verification_path(number: str) -> str:
    return _path("licence_verify", number, f"/licences/{number}/")


def download_path(number: str) -> str:
    return _path("licence_download", number, f"/licences/{number}/licence.pdf")


absolute = portal_url  # the one home of the rule (portal.selectors)


def verification_url(number: str) -> str:
    """The full address printed on the licence and in its QR code (settings.PORTAL_URL + path)."""
    return absolute(verification_path(number))
