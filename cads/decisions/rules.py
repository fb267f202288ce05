"""The children a decision is about must be known before it is made (ADR 0021).

A child named on a contact must never drop out of the record: a decision whose outcomes
concern a child waits until every named child is identified or recorded as one who cannot
be identified, and a referral (one per child, CIN census) needs at least one identified
child. Checked when a decision is recorded, final at once or for sign-off, and again when a
team manager agrees it."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

from cads.contacts.models import Contact
from cads.contacts.selectors import identified_children, outstanding_named_children
from cads.decisions.codes import REFERRAL_OUTCOMES, Outcome

# Outcomes that act on a child: partner agencies are asked about them, they are assessed
# (section 17) or enquired about (section 47), or they get Early Help.
CHILD_OUTCOMES: Final = frozenset(
    {
        Outcome.MASH_CHECKS,
        Outcome.ASSESSMENT,
        Outcome.STRATEGY_DISCUSSION,
        Outcome.EARLY_HELP,
    }
)


def _names(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def children_refusal(contact: Contact, outcomes: Iterable[str]) -> str | None:
    """Why these outcomes cannot be decided yet, in words naming the child; None if they can."""
    chosen = set(outcomes)
    if chosen & CHILD_OUTCOMES:
        outstanding = [named.full_name for named in outstanding_named_children(contact)]
        if outstanding:
            return (
                f"Identify {_names(outstanding)}, or record why they cannot be identified, "
                "before deciding"
            )
    if chosen & REFERRAL_OUTCOMES and not identified_children(contact).exists():
        return (
            "A Child and Family Assessment or a strategy discussion makes a referral for each "
            "identified child, and no child on this contact is identified: identify the child "
            "first, or choose another outcome"
        )
    return None
