"""Referral statuses and the one table of allowed moves: a referral waits for a team
manager to allocate it (to a team, then a social worker), then the assessment completes
and the episode closes with a reason."""

from __future__ import annotations

from typing import Final

from django.db import models


class ReferralStatus(models.TextChoices):
    AWAITING_ALLOCATION = "awaiting_allocation", "Awaiting allocation"
    ALLOCATED_TO_TEAM = "team", "Allocated to a team"
    ALLOCATED = "allocated", "Allocated to a social worker"
    ASSESSMENT_COMPLETE = "complete", "Assessment complete"
    CLOSED = "closed", "Episode closed"


TRANSITIONS: Final[dict[ReferralStatus, frozenset[ReferralStatus]]] = {
    ReferralStatus.AWAITING_ALLOCATION: frozenset(
        {ReferralStatus.ALLOCATED_TO_TEAM, ReferralStatus.ALLOCATED}
    ),
    ReferralStatus.ALLOCATED_TO_TEAM: frozenset(
        {ReferralStatus.ALLOCATED_TO_TEAM, ReferralStatus.ALLOCATED}
    ),
    # A manager may reallocate (a worker leaves, a caseload is too high). The social worker
    # closes an episode without an assessment when the referral needs no further action, or
    # the child dies, moves away or is adopted before it ends (CIN census RC1-RC7).
    ReferralStatus.ALLOCATED: frozenset(
        {ReferralStatus.ALLOCATED, ReferralStatus.ASSESSMENT_COMPLETE, ReferralStatus.CLOSED}
    ),
    ReferralStatus.ASSESSMENT_COMPLETE: frozenset({ReferralStatus.CLOSED}),
    ReferralStatus.CLOSED: frozenset(),
}


class ReferralTransitionError(Exception):
    """A move the referral workflow does not allow."""


def check_transition(current: str, new: str) -> None:
    """Raise ReferralTransitionError unless the table allows `current` -> `new`."""
    if ReferralStatus(new) not in TRANSITIONS[ReferralStatus(current)]:
        raise ReferralTransitionError(
            f"A referral that is {ReferralStatus(current).label.lower()} cannot become "
            f"{ReferralStatus(new).label.lower()}"
        )
