"""What referrals does at a decision's moments (registered in ReferralsConfig.ready()):
a referral outcome is refused without consent or a manager's authorisation, and a final
decision for a Child and Family Assessment or a strategy discussion makes one referral per
child, in the decision's own transaction (ADR 0017)."""

from __future__ import annotations

from cads.checks.selectors import consent_authorised
from cads.decisions.codes import REFERRAL_OUTCOMES
from cads.decisions.moments import (
    DecisionEvent,
    DecisionProposal,
    decision_final,
    decision_proposed,
)
from cads.referrals.services import ConsentNotAuthorisedError, referrals_create


def refuse_referral_without_consent(event: DecisionProposal) -> None:
    """Working Together 2023: a referral goes ahead without consent only when a manager
    has recorded why (golden rule: consent, or authorised reasons)."""
    if REFERRAL_OUTCOMES & set(event.outcomes) and not consent_authorised(event.contact):
        raise ConsentNotAuthorisedError


def make_referrals(event: DecisionEvent) -> None:
    if REFERRAL_OUTCOMES & set(event.decision.outcomes):
        referrals_create(actor=event.actor, decision=event.decision)


def register() -> None:
    decision_proposed.register(refuse_referral_without_consent, by="referrals: consent first")
    decision_final.register(make_referrals, by="referrals: one referral per child")
