"""Requests too large to take: the GOV.UK 413 page, never a reset connection or a 400.

A form's fields may hold DATA_UPLOAD_MAX_MEMORY_SIZE bytes (2.5 MB); a form with a file
may add one attachment (CADS_ATTACHMENT_MAX_BYTES). A larger declared body is answered before
anything reads it. The body is first read and thrown away, up to DRAIN_LIMIT bytes, because
a server that answers and closes with the body unread makes the browser report a reset
connection instead of showing the page (ADR 0026)."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.template import loader

DRAIN_LIMIT = 64 * 1024 * 1024
_CHUNK = 64 * 1024


def body_limit(request: HttpRequest) -> int:
    fields: int = settings.DATA_UPLOAD_MAX_MEMORY_SIZE or 0
    if request.content_type == "multipart/form-data":
        return fields + int(settings.CADS_ATTACHMENT_MAX_BYTES)
    return fields


def too_large_page() -> HttpResponse:
    # Rendered without the request, like the 500 page: nothing of the request is read.
    return HttpResponse(loader.get_template("errors/413.html").render({}), status=413)


class BodyLimitMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0  # Django reads an unreadable length as no body
        if length <= body_limit(request):
            return self.get_response(request)
        response = too_large_page()
        if length <= DRAIN_LIMIT:
            while request.read(_CHUNK):
                pass
        else:
            response["Connection"] = "close"
        return response
