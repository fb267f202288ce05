"""Home page per role, health check and GOV.UK-style error pages."""

from __future__ import annotations

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader

from cads.accounts.roles import USE_SERVICE, Role
from cads.core.access import public, requires, signed_in_user

# What each role's home page says it is for, until later issues give them their queues.
ROLE_HOME: dict[str, str] = {
    Role.CALL_HANDLER: "Record concerns from callers and pass them to CADS.",
    Role.CADS_SOCIAL_WORKER: "Screen contacts, check history and consent, and decide what "
    "happens next.",
    Role.TEAM_MANAGER: "Oversee the front-door queue, authorise decisions and watch the clocks.",
    Role.MASH_PARTNER: "Answer information requests shared with your organisation.",
    Role.EARLY_HELP_ADVISOR: "Pick up contacts stepped down to Early Help.",
    Role.ASSESSMENT_SOCIAL_WORKER: "Work on referrals allocated to you.",
    Role.OUT_OF_HOURS_WORKER: "Record contacts out of hours for CADS to pick up.",
    Role.REFERRER: "Follow the concerns you have raised and the advice CADS gave you.",
    Role.ADMINISTRATOR: "Manage users, organisations and the authority's settings.",
}


@requires(USE_SERVICE)
def home(request: HttpRequest) -> HttpResponse:
    """The signed-in user's home page, worded for their role(s)."""
    user = signed_in_user(request)
    roles = [(name, ROLE_HOME.get(name, "")) for name in user.role_names]
    return render(request, "core/home.html", {"roles": roles})


@public
def health(request: HttpRequest) -> JsonResponse:
    """For load balancers: the app answers and the database answers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/400.html", status=400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/403.html", status=403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    # Rendered without the request: context processors read the database, which may be
    # what failed.
    return HttpResponse(loader.get_template("errors/500.html").render({}), status=500)
