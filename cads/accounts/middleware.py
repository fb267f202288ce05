"""Idle timeout for shared terminals: sign the user out after N minutes without a request."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.cache import add_never_cache_headers

LAST_SEEN_KEY = "cads_last_seen"
# Requests that only ask how long is left must not count as activity.
PASSIVE_PATHS = frozenset({"/session/remaining/"})
# Activity is recorded to the nearest 30 seconds: a request sooner after the last recorded
# one does not write the session again, so most pages cost no session write (a row update
# and a commit each, measured in the load benchmark, ADR 0026). The idle time-out may
# therefore come up to 30 seconds early, never late.
ACTIVITY_RESOLUTION_SECONDS = 30


class IdleTimeoutMiddleware:
    """Ends a session after CADS_IDLE_TIMEOUT_MINUTES of inactivity (default 30)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = time.time()
            recorded = request.session.get(LAST_SEEN_KEY)
            last_seen = now if recorded is None else recorded
            if now - last_seen > settings.CADS_IDLE_TIMEOUT_MINUTES * 60:
                logout(request)
                # The sign-in page explains the time-out (the flag survives the new session).
                return HttpResponseRedirect(reverse("accounts:sign-in") + "?timed-out=1")
            recorded_lately = recorded is not None and now - recorded < ACTIVITY_RESOLUTION_SECONDS
            if request.path not in PASSIVE_PATHS and not recorded_lately:
                request.session[LAST_SEEN_KEY] = now
        return self.get_response(request)


def seconds_remaining(request: HttpRequest) -> int:
    """Seconds until the idle timeout signs this session out."""
    last_seen = request.session.get(LAST_SEEN_KEY, time.time())
    limit = settings.CADS_IDLE_TIMEOUT_MINUTES * 60
    return max(0, int(limit - (time.time() - last_seen)))


class NoStoreWhenSignedInMiddleware:
    """Every response to a signed-in user carries `Cache-Control: no-store` (pages, CSV,
    spreadsheets, XML, PDFs): a shared front-door terminal's cache or back button must not
    show the next person a child's record (NCSC browser guidance; OWASP session management).
    Static files are answered by WhiteNoise before this runs and stay cacheable."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
        return response
