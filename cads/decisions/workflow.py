"""Decision statuses and the one table of allowed moves.

A decision is proposed; if it needs management oversight it waits for a team manager, who
agrees or returns it with comments. A returned decision is never edited: the worker makes a
new proposal, so the record shows what was proposed and why it was returned."""

from __future__ import annotations

from typing import Final

from django.db import models


class DecisionStatus(models.TextChoices):
    PROPOSED = "proposed", "Proposed"
    AWAITING_SIGN_OFF = "awaiting_sign_off", "Awaiting sign-off"
    AGREED = "agreed", "Agreed"
    RETURNED = "returned", "Returned with comments"


TRANSITIONS: Final[dict[DecisionStatus, frozenset[DecisionStatus]]] = {
    DecisionStatus.PROPOSED: frozenset({DecisionStatus.AWAITING_SIGN_OFF, DecisionStatus.AGREED}),
    DecisionStatus.AWAITING_SIGN_OFF: frozenset({DecisionStatus.AGREED, DecisionStatus.RETURNED}),
    # Final: an agreed decision stands; a returned one is replaced by a new proposal.
    DecisionStatus.AGREED: frozenset(),
    DecisionStatus.RETURNED: frozenset(),
}


class DecisionTransitionError(Exception):
    """A move the decision workflow does not allow."""


def check_transition(current: str, new: str) -> None:
    """Raise DecisionTransitionError unless the table allows `current` -> `new`."""
    if DecisionStatus(new) not in TRANSITIONS[DecisionStatus(current)]:
        raise DecisionTransitionError(
            f"A decision that is {DecisionStatus(current).label.lower()} cannot become "
            f"{DecisionStatus(new).label.lower()}"
        )
