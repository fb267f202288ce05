"""Outcomes of a decision on a contact (data, not statuses: a contact can have several)."""

from __future__ import annotations

from typing import Final

from django.db import models


class Outcome(models.TextChoices):
    """What was decided. Working Together 2023: within one working day decide whether the
    child needs immediate protection, services, a section 17 assessment or section 47."""

    NO_FURTHER_ACTION = "nfa", "No further action"
    ADVICE = "advice", "Advice and information to the referrer"
    SIGNPOST = "signpost", "Signpost to universal services"
    EARLY_HELP = "early_help", "Step down to Early Help"
    MASH_CHECKS = "mash_checks", "MASH partner checks"
    ASSESSMENT = "assessment", "Child and Family Assessment"
    STRATEGY_DISCUSSION = "strategy", "Strategy discussion (section 47)"
    OPEN_CASE = "open_case", "Pass to the allocated worker of an open case"


# Outcomes that make the contact a referral (CIN census: a Child and Family Assessment or a
# section 47 enquiry is a statutory response, so each child gets a referral episode).
REFERRAL_OUTCOMES: Final = frozenset({Outcome.ASSESSMENT, Outcome.STRATEGY_DISCUSSION})


# A sign-off rule applies to an outcome, or to any decision made without consent.
WITHOUT_CONSENT: Final = "without_consent"
SIGN_OFF_TRIGGERS: Final = [
    *Outcome.choices,
    (WITHOUT_CONSENT, "Any decision made without consent"),
]

# Used when no rules are configured (issue 5 defaults: no further action, and any decision
# made without consent, wait for a team manager).
DEFAULT_SIGN_OFF: Final = frozenset({Outcome.NO_FURTHER_ACTION.value, WITHOUT_CONSENT})
