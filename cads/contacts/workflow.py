"""Contact statuses and the one table of allowed moves between them.

The contact's own status is the spine every front-door app reads: awaiting screening, being
screened, closed. Screening, partner checks, decisions and referrals keep their own finer
statuses on their own models (each app's workflow.py); only `cads.contacts.progress` moves
a submitted contact along this spine."""

from __future__ import annotations

from typing import Final

from django.db import models


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Awaiting screening"
    CONSULTATION_RECORDED = "consultation_recorded", "Consultation recorded"
    DISCARDED = "discarded", "Discarded draft"
    IN_SCREENING = "in_screening", "Being screened"
    CLOSED = "closed", "Closed"


TRANSITIONS: Final[dict[Status, frozenset[Status]]] = {
    Status.DRAFT: frozenset({Status.SUBMITTED, Status.CONSULTATION_RECORDED, Status.DISCARDED}),
    # A consultation that turns out to be concerning becomes a named contact, keeping
    # everything already recorded (it is re-opened as a draft contact, then submitted).
    Status.CONSULTATION_RECORDED: frozenset({Status.DRAFT}),
    Status.SUBMITTED: frozenset({Status.IN_SCREENING}),
    Status.IN_SCREENING: frozenset({Status.CLOSED}),
    # A closed contact is never reopened to reset a clock: a new concern is a new contact,
    # linked to the old one (issue 5, decision rules).
    Status.CLOSED: frozenset(),
    Status.DISCARDED: frozenset(),
}


class TransitionError(Exception):
    """A move the workflow table does not allow."""


def check_transition(current: str, new: str) -> None:
    if Status(new) not in TRANSITIONS[Status(current)]:
        raise TransitionError(
            f"A contact that is {Status(current).label.lower()} cannot become "
            f"{Status(new).label.lower()}"
        )
