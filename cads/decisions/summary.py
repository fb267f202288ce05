"""The summary a referrer reads about a decision ("what you told us", "what we decided",
"what happens now", "what we ask you to do"), written beside the internal reasons and kept
apart from them: the reasons are for the record and the managers, and never reach a letter.

The decision form pre-fills it from the concern, the outcomes (in plain English, from
`codes.OUTCOME_WORDS`) and the actions agreed with the referrer; the worker edits it."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, fields
from typing import Final

from django.utils.text import Truncator

from cads.authority.selectors import authority_configuration
from cads.contacts.models import Contact
from cads.decisions.codes import OUTCOME_WORDS, Outcome

# Seed 001: the outcome letter gives "a very brief summary of the concerns".
TOLD_US_WORDS: Final = 40
# Left in the pre-filled text for the worker to replace (a letter will not go with it).
ADVICE_PLACEHOLDER: Final = "[Write here the advice you gave the referrer]"


@dataclass(frozen=True)
class ReaderSummary:
    """The four parts of the summary, as the referrer will read them."""

    told_us: str = ""
    decided: str = ""
    next_steps: str = ""
    asks: str = ""

    def as_fields(self) -> dict[str, str]:
        """The Decision fields these are stored in."""
        return {
            f"summary_{field.name}": getattr(self, field.name).strip() for field in fields(self)
        }


def action_line(action: str, who: str, by_when: datetime.date) -> str:
    return f"- {action} ({who}, by {by_when.day} {by_when:%B %Y})"


def outcome_words(outcomes: Iterable[str]) -> tuple[str, str]:
    """What was decided and what happens now, in plain English, for these outcomes."""
    team = authority_configuration().early_help_team_name
    chosen = [OUTCOME_WORDS[Outcome(code)] for code in outcomes]
    decided = " ".join(words[0] for words in chosen).replace("{team}", team)
    next_steps = " ".join(dict.fromkeys(words[1] for words in chosen)).replace("{team}", team)
    return decided, next_steps


def summary_defaults(
    contact: Contact, outcomes: Iterable[str], actions: Iterable[str] = ()
) -> ReaderSummary:
    """The pre-filled summary: the concern in brief, the outcomes in plain English and the
    actions agreed (a placeholder for the advice when advice was given and none is agreed)."""
    outcomes = list(outcomes)
    decided, next_steps = outcome_words(outcomes)
    asks = "\n".join(actions)
    if not asks and Outcome.ADVICE in outcomes:
        asks = ADVICE_PLACEHOLDER
    return ReaderSummary(
        told_us=Truncator(" ".join(contact.concern.split())).words(TOLD_US_WORDS),
        decided=decided,
        next_steps=next_steps,
        asks=asks,
    )
