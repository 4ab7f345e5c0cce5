"""Addresses of an application's pages, for views (redirects, back links) and services (notices, emails).

`detail_url` is the one name for the application's page: the views had `detail_url` and
the notices `application_url` for the same address.
"""

from django.urls import reverse


def detail_url(application) -> str:
    """The application's page (URL name `applications:detail`, by reference)."""
    return reverse("applications:detail", kwargs={"reference": application.reference})
