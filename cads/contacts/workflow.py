"""Contact statuses and the one table of allowed moves between them. Screening and
decisions (a later issue) add their statuses here."""

from __future__ import annotations

from typing import Final

from django.db import models


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Awaiting screening"
    CONSULTATION_RECORDED = "consultation_recorded", "Consultation recorded"
    DISCARDED = "discarded", "Discarded draft"


TRANSITIONS: Final[dict[Status, frozenset[Status]]] = {
    Status.DRAFT: frozenset({Status.SUBMITTED, Status.CONSULTATION_RECORDED, Status.DISCARDED}),
    # A consultation that turns out to be concerning becomes a named contact, keeping
    # everything already recorded (it is re-opened as a draft contact, then submitted).
    Status.CONSULTATION_RECORDED: frozenset({Status.DRAFT}),
    Status.SUBMITTED: frozenset(),
    Status.DISCARDED: frozenset(),
}


class TransitionError(Exception):
    """A move the workflow table does not allow."""


def check_transition(current: str, new: str) -> None:
    if Status(new) not in TRANSITIONS[Status(current)]:
        raise TransitionError(f"a contact cannot go from {current} to {new}")
