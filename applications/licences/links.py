"""The licence's addresses: the public verification page and the PDF download.

The views are in mapping (mapping/licences/views.py, URL names `licences:verify` and
`licences:download`); applications only names them, so it never imports mapping.
"""

from django.urls import reverse

from portal.selectors import portal_url


def verification_path(number: str) -> str:
    return reverse("licences:verify", kwargs={"number": number})


def download_path(number: str) -> str:
    return reverse("licences:download", kwargs={"number": number})


absolute = portal_url  # the one home of the rule (portal.selectors)


def verification_url(number: str) -> str:
    """The full address printed on the licence and in its QR code (settings.PORTAL_URL + path)."""
    return absolute(verification_path(number))
