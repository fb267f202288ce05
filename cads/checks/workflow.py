"""Check request statuses and the one table of allowed moves between them (issue 5:
statuses are few and declared in one transition table per app)."""

from __future__ import annotations

from typing import Final

from django.db import models


class Status(models.TextChoices):
    REQUESTED = "requested", "Requested"
    RESPONDED = "responded", "Response recorded"
    COMPLETED = "completed", "Completed"
    CANCELLED = "cancelled", "Cancelled"


TRANSITIONS: Final[dict[Status, frozenset[Status]]] = {
    # The partner records a response (perhaps in several sittings), then completes it.
    Status.REQUESTED: frozenset({Status.RESPONDED, Status.CANCELLED}),
    Status.RESPONDED: frozenset({Status.RESPONDED, Status.COMPLETED, Status.CANCELLED}),
    # Finished requests never reopen: a new question is a new request.
    Status.COMPLETED: frozenset(),
    Status.CANCELLED: frozenset(),
}

OPEN_STATUSES: Final = (Status.REQUESTED, Status.RESPONDED)


class TransitionError(Exception):
    """A move the workflow table does not allow."""


def check_transition(current: str, new: str) -> None:
    if Status(new) not in TRANSITIONS[Status(current)]:
        raise TransitionError(
            f"A check that is {Status(current).label.lower()} cannot become "
            f"{Status(new).label.lower()}"
        )


class AuthorisationStatus(models.TextChoices):
    """A worker's request that a team manager authorise checks without consent (ADR 0011)."""

    WAITING = "waiting", "Waiting for a team manager"
    AUTHORISED = "authorised", "Authorised"
    DECLINED = "declined", "Not authorised"


AUTHORISATION_TRANSITIONS: Final[dict[AuthorisationStatus, frozenset[AuthorisationStatus]]] = {
    # Answered once; asking again after a "no" is a new request.
    AuthorisationStatus.WAITING: frozenset(
        {AuthorisationStatus.AUTHORISED, AuthorisationStatus.DECLINED}
    ),
    AuthorisationStatus.AUTHORISED: frozenset(),
    AuthorisationStatus.DECLINED: frozenset(),
}


def check_authorisation_transition(current: str, new: str) -> None:
    if AuthorisationStatus(new) not in AUTHORISATION_TRANSITIONS[AuthorisationStatus(current)]:
        raise TransitionError("This request has already been answered")
