"""The moments of partner checks that other apps act on (cads.core.moments, ADR 0017).

Checks publishes these and imports none of the apps that register for them: alerts tells
the team managers when a worker asks for authorisation to make checks without consent, and
tells the worker when a manager answers. `docs/architecture.md` lists who registers."""

from __future__ import annotations

from dataclasses import dataclass

from cads.accounts.models import User
from cads.checks.models import AuthorisationRequest
from cads.core.moments import Moment, moment


@dataclass(frozen=True)
class AuthorisationEvent:
    request: AuthorisationRequest
    actor: User


authorisation_requested: Moment[AuthorisationEvent] = moment(
    "authorisation without consent requested",
    "A worker asked a team manager to authorise partner checks without consent.",
)
authorisation_answered: Moment[AuthorisationEvent] = moment(
    "authorisation without consent answered",
    "A team manager authorised partner checks without consent, or declined, with reasons.",
)
