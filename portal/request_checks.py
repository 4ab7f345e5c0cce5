"""Addresses with a NUL character are refused (400) before any view runs.

PostgreSQL cannot hold NUL in text, so a NUL in a path parameter (an application's
reference, a ward's code) or a query value reaching a query raised an error there (500),
where SQLite simply found nothing; tests/security/test_fuzz.py found it. No real address
holds one, so the request is refused with a plain message. Form fields already refuse it
(Django's ProhibitNullCharactersValidator).
"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

MESSAGE = "The address contains a character that is not allowed (a NUL). Check the link and try again."


class NullCharacterMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        query = request.GET.lists()
        if "\x00" in request.path or any("\x00" in key or any("\x00" in v for v in values) for key, values in query):
            return render(request, "400.html", {"message": MESSAGE}, status=400)
        return self.get_response(request)
