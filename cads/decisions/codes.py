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


# What a referrer (or a parent) reads about each outcome: plain English, never the code
# labels above ("MASH partner checks" means nothing to a parent). "{team}" is the authority's
# Early Help team's name (cads.authority). Working Together 2023: feedback to the referrer.
OUTCOME_WORDS: Final[dict[str, tuple[str, str]]] = {
    Outcome.NO_FURTHER_ACTION: (
        "Children's social care will not take any further action.",
        "We have closed our record of your contact.",
    ),
    Outcome.ADVICE: (
        "We have given advice about how to support the family.",
        "The advice is set out in this letter.",
    ),
    Outcome.SIGNPOST: (
        "The family's needs can be met by services open to everyone, such as their school, "
        "GP or health visitor.",
        "We have shared where the family can find this help.",
    ),
    Outcome.EARLY_HELP: (
        "The family would benefit from Early Help: support from the {team}, with the "
        "family's agreement.",
        "We have passed your contact to the {team}, who will get in touch with the family.",
    ),
    Outcome.MASH_CHECKS: (
        "We are asking other agencies what they know before we decide.",
        "We will write to you again when we have decided.",
    ),
    Outcome.ASSESSMENT: (
        "A social worker will assess the children's needs with the family.",
        "A social worker will get in touch with the family.",
    ),
    Outcome.STRATEGY_DISCUSSION: (
        "We are working with the police and other agencies to make sure the children are safe.",
        "A social worker is leading this work and may contact you for more information.",
    ),
    Outcome.OPEN_CASE: (
        "The children already have a social worker, and we have passed what you told us to them.",
        "Their social worker will decide what happens next and may contact you.",
    ),
}
