"""Health check and GOV.UK-style error pages."""

from __future__ import annotations

import logging

from django.core.exceptions import RequestDataTooBig
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils import timezone

from cads.core import heartbeat
from cads.core.access import public
from cads.core.body_limit import too_large_page
from cads.core.logs import request_id_of

logger = logging.getLogger(__name__)
# Load balancers ask every few seconds: say once that the database went, and once that it
# came back (per web process), not on every check.
_database_down = False


@public
def health(request: HttpRequest) -> JsonResponse:
    """For load balancers and monitoring, as JSON (never the HTML error page): 503 when the
    database does not answer (nothing works without it); 200 otherwise, "degraded" when no
    background worker has beaten within the last minute. A dead worker stops letters and
    alerts but not the front door, so it must not take the web out of a load balancer:
    monitoring reads `worker` (ADR 0024)."""
    global _database_down  # noqa: PLW0603 - one flag per process, only for the log
    now = timezone.now()
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        alive = heartbeat.worker_alive(now)
        seen = heartbeat.last_seen()
    except DatabaseError as exc:
        if not _database_down:
            logger.error("health: the database does not answer (%s: %s)", type(exc).__name__, exc)
        _database_down = True
        down = {"status": "unavailable", "database": "unavailable", "worker": "unknown"}
        return JsonResponse(down, status=503)
    if _database_down:
        logger.warning("health: the database answers again")
        _database_down = False
    body: dict[str, str | None] = {
        "status": "ok" if alive else "degraded",
        "database": "ok",
        "worker": "ok" if alive else "stale",
        "worker_last_seen": seen.isoformat() if seen else None,
    }
    return JsonResponse(body)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if isinstance(exception, RequestDataTooBig):  # a body sent without its length
        return too_large_page()
    return render(request, "errors/400.html", status=400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/403.html", status=403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    # Rendered without the request: context processors read the database, which may be
    # what failed. The request id ties what the user reports to the traceback in the log.
    context = {"request_id": request_id_of(request)}
    return HttpResponse(loader.get_template("errors/500.html").render(context), status=500)
