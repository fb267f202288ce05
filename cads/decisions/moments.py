"""The moments of a decision that other apps act on (cads.core.moments, ADR 0017).

Decisions publishes these and imports none of the apps that register for them: referrals
refuses a referral outcome without consent or a manager's authorisation and makes the
referrals of a final decision; letters owes the referrer's outcome letter.
`docs/architecture.md` lists who registers for each."""

from __future__ import annotations

from dataclasses import dataclass

from cads.accounts.models import User
from cads.contacts.models import Contact
from cads.core.moments import Guard, Moment, guard, moment
from cads.decisions.models import Decision


@dataclass(frozen=True)
class DecisionProposal:
    contact: Contact
    outcomes: tuple[str, ...]
    actor: User


@dataclass(frozen=True)
class DecisionEvent:
    decision: Decision
    actor: User


decision_proposed: Guard[DecisionProposal] = guard(
    "decision proposed",
    "A decision is about to be proposed for a team manager's sign-off; a registered check "
    "may refuse outcomes that could not be carried out.",
)
decision_final: Moment[DecisionEvent] = moment(
    "decision made final",
    "A decision took effect (final at once, or agreed at sign-off), before the contact closes.",
)
