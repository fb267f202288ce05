"""Logs that say what happened (ADR 0024): every web request has a request id (taken from
a sane X-Request-ID header set by a proxy, else made here), returned in the X-Request-ID
response header and shown on the error page, and every log line written while the request
is handled carries it and the signed-in user's id.

Only ids go in a log line: never a child's name, a referrer's details or the concern. The
user's id is read only if the request already loaded the user, so logging never queries the
database (which may be what failed)."""

from __future__ import annotations

import contextvars
import logging
import re
import uuid
from collections.abc import Callable
from typing import Final

import psycopg
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from procrastinate.exceptions import ConnectorException

HEADER: Final = "X-Request-ID"
# Letters, digits and - _ . : only, 8 to 64 of them: what proxies and load balancers send
# (uuids, hex, AWS "Root=1-..."), and nothing that could forge a log line.
SANE: Final = re.compile(r"^[A-Za-z0-9._:=-]{8,64}$")
NONE: Final = "-"

_request: contextvars.ContextVar[HttpRequest | None] = contextvars.ContextVar(
    "cads_request", default=None
)


def request_id_of(request: HttpRequest | None) -> str:
    return str(getattr(request, "request_id", "") or NONE)


def _user_id(request: HttpRequest | None) -> str:
    # AuthenticationMiddleware caches the user here once something has asked for it.
    user = getattr(request, "_cached_user", None)
    return str(user.pk) if user is not None and user.pk is not None else NONE


class RequestIdMiddleware:
    """First in MIDDLEWARE: every later middleware's and view's log lines carry the id."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        offered = request.headers.get(HEADER, "")
        request.request_id = offered if SANE.match(offered) else uuid.uuid4().hex  # type: ignore[attr-defined]
        token = _request.set(request)
        try:
            response = self.get_response(request)
        finally:
            _request.reset(token)
        response[HEADER] = request.request_id  # type: ignore[attr-defined]
        return response


class RequestContextFilter(logging.Filter):
    """Adds `request_id` and `user_id` to every record (a dash outside a request), so one
    format serves the web and the worker."""

    def filter(self, record: logging.LogRecord) -> bool:
        request = _request.get()
        # django.request passes the request itself on 4xx and 5xx records.
        request = request or getattr(record, "request", None)
        if not hasattr(record, "request_id"):
            record.request_id = request_id_of(request)
        if not hasattr(record, "user_id"):
            record.user_id = _user_id(request)
        return True


# Errors that mean "the database went away", and the libraries that log each one with a
# traceback while the worker notices: Procrastinate's listener and jobs, asyncio's report of
# a job task that failed to record its status.
_CONNECTION_LOST: Final = (psycopg.OperationalError, ConnectorException, OperationalError,
                           InterfaceError)  # fmt: skip
_LIBRARIES: Final = ("procrastinate", "asyncio", "psycopg")


def _connection_lost(exc: BaseException | None) -> bool:
    while exc is not None:
        if isinstance(exc, _CONNECTION_LOST):
            return True
        exc = exc.__cause__ or exc.__context__
    return False


class DatabaseLossFilter(logging.Filter):
    """One line, not a traceback, for a library's report that the database went away: the
    worker says once, in its own words, that it lost the database and once that it is back
    (cads.core.worker). Every other error keeps its traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not record.name.startswith(_LIBRARIES) or not record.exc_info:
            return True
        if _connection_lost(record.exc_info[1]):
            record.msg = " ".join(record.getMessage().split())
            record.args = None
            record.exc_info = None
            record.exc_text = None
        return True
