"""The signed-in user's home page, worded for their role(s)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from cads.accounts.roles import USE_SERVICE, Role
from cads.accounts.selectors import signed_in_user
from cads.core.access import requires

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
    return render(request, "accounts/home.html", {"roles": roles})
