"""What letters does at other apps' moments (registered in LettersConfig.ready()): each
letter owed is written in the same transaction as the submission, consultation or final
decision that owes it, with its delivery job, so a crash cannot lose it (ADR 0013)."""

from __future__ import annotations

from cads.contacts.moments import ContactEvent, consultation_recorded, contact_submitted
from cads.decisions.moments import DecisionEvent, decision_final
from cads.letters.services import (
    acknowledgement_owe,
    consultation_record_owe,
    outcome_letter_owe,
)


def owe_acknowledgement(event: ContactEvent) -> None:
    """Working Together 2023: the referrer hears back; whichever way the contact came in."""
    acknowledgement_owe(contact=event.contact)


def owe_consultation_record(event: ContactEvent) -> None:
    consultation_record_owe(contact=event.contact)


def owe_outcome_letter(event: DecisionEvent) -> None:
    """Not for a Child and Family Assessment, nor an anonymous referrer (ADR 0013)."""
    outcome_letter_owe(decision=event.decision)


def register() -> None:
    contact_submitted.register(owe_acknowledgement, by="letters: acknowledgement owed")
    consultation_recorded.register(owe_consultation_record, by="letters: consultation record")
    decision_final.register(owe_outcome_letter, by="letters: outcome letter owed")
