"""Screening statuses and the one table of allowed moves between them.

The contact's own spine (awaiting screening, being screened, closed) lives in
cads.contacts.workflow; this is the screening record's finer status."""

from __future__ import annotations

from typing import Final

from django.db import models


class Status(models.TextChoices):
    IN_PROGRESS = "in_progress", "Being screened"
    SCREENED = "screened", "Screened, awaiting decision"


TRANSITIONS: Final[dict[Status, frozenset[Status]]] = {
    # Screened when the consent call and the threshold are both recorded (services._save).
    Status.IN_PROGRESS: frozenset({Status.SCREENED}),
    # Later changes (a re-rating, a changed threshold) are recorded on the screened record,
    # each with its own event; the decision is the next step, in the decisions app.
    Status.SCREENED: frozenset(),
}


class TransitionError(Exception):
    """A move the workflow table does not allow."""


def check_transition(current: str, new: str) -> None:
    if Status(new) not in TRANSITIONS[Status(current)]:
        raise TransitionError(
            f"A screening that is {Status(current).label.lower()} cannot become "
            f"{Status(new).label.lower()}"
        )
