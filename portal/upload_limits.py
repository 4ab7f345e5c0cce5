"""Uploads too big are refused before their body is read (413), with a plain message.

Django reads a request's body only when a view asks for it, so this middleware, seeing a
Content-Length over the page's limit, answers at once and the file is never read or
stored. The limits: an application's document (APPLICATION_UPLOAD_MAX_BYTES), the admin's
asset import (ASSET_IMPORT_MAX_UPLOAD_MB), anything else with a file the smaller document
limit; plus FORM_SLACK_BYTES for the form's other fields. The forms check the file's own
size and content again (applications/uploads.py, sites/admin.py), for a clear form error.
The reverse proxy limits bodies too (deploy/nginx.conf, client_max_body_size).
"""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import Resolver404, resolve

FORM_SLACK_BYTES = 1024 * 1024
MB = 1024 * 1024


def upload_limit(url_name: str) -> int:
    """The largest file (bytes) the page named `url_name` accepts."""
    if url_name == "admin:sites_asset_import":
        return int(getattr(settings, "ASSET_IMPORT_MAX_UPLOAD_MB", 200)) * MB
    return int(getattr(settings, "APPLICATION_UPLOAD_MAX_BYTES", 20 * MB))


class UploadSizeLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method == "POST" and request.content_type == "multipart/form-data":
            try:
                length = int(request.META.get("CONTENT_LENGTH") or 0)
            except ValueError:
                length = 0
            try:
                match = resolve(request.path_info)
                name = f"{match.namespace}:{match.url_name}" if match.namespace else (match.url_name or "")
            except Resolver404:
                name = ""
            limit = upload_limit(name)
            if length > limit + FORM_SLACK_BYTES:
                message = f"The file is too big: the largest you can upload here is {limit / MB:g} MB."
                return render(request, "413.html", {"message": message, "back": request.path}, status=413)
        return self.get_response(request)
