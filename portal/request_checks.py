"""Paths with a NUL character are refused (400) before any view runs.

PostgreSQL cannot hold NUL in text, so a NUL in a path parameter (an application's
reference, a ward's code) reaching a query raised an error there (500),
where SQLite simply found nothing; tests/security/test_fuzz.py found it. No real address
holds one, so the request is refused with a plain message. Query parameters and form fields go
through forms, which already refuse it with a form error (ProhibitNullCharactersValidator).
"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

MESSAGE = "The address contains a character that is not allowed (a NUL). Check the link and try again."


class NullCharacterMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if "\x00" in request.path:
            return render(request, "400.html", {"message": MESSAGE}, status=400)
        return self.get_response(request)
