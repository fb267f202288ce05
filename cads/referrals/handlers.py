"""What referrals does at a decision's moments (registered in ReferralsConfig.ready()):
a referral outcome is refused without consent or a manager's authorisation, and a final
decision for a Child and Family Assessment or a strategy discussion makes one referral per
child, in the decision's own transaction (ADR 0017)."""

from __future__ import annotations

from cads.checks.selectors import consent_authorised
from cads.contacts.codes import SubjectRole
from cads.decisions.codes import REFERRAL_OUTCOMES
from cads.decisions.moments import (
    DecisionEvent,
    DecisionProposal,
    decision_final,
    decision_proposed,
)
from cads.referrals.services import (
    ConsentNotAuthorisedError,
    referrals_create,
    refuse_when_episode_open,
)


def refuse_referral_without_consent(event: DecisionProposal) -> None:
    """Working Together 2023: a referral goes ahead without consent only when a manager
    has recorded why (golden rule: consent, or authorised reasons)."""
    if REFERRAL_OUTCOMES & set(event.outcomes) and not consent_authorised(event.contact):
        raise ConsentNotAuthorisedError


def refuse_referral_while_episode_open(event: DecisionProposal) -> None:
    """A child whose CIN episode is open is not referred again: the contact is recorded on
    the open episode (DfE rules 8816 and 8820 forbid overlapping episodes; ADR 0028)."""
    if REFERRAL_OUTCOMES & set(event.outcomes):
        children = event.contact.subjects.filter(role=SubjectRole.CHILD)
        refuse_when_episode_open(list(children.values_list("person_id", flat=True)))


def make_referrals(event: DecisionEvent) -> None:
    if REFERRAL_OUTCOMES & set(event.decision.outcomes):
        referrals_create(actor=event.actor, decision=event.decision)


def register() -> None:
    decision_proposed.register(refuse_referral_without_consent, by="referrals: consent first")
    decision_proposed.register(
        refuse_referral_while_episode_open, by="referrals: one open episode per child"
    )
    decision_final.register(make_referrals, by="referrals: one referral per child")
