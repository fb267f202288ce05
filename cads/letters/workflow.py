"""Letter statuses and the moves allowed between them (one table, one check)."""

from __future__ import annotations

from typing import Final

from django.db import models


class LetterStatus(models.TextChoices):
    TO_SEND = "to_send", "To send"  # owed: a person previews, edits and sends it
    QUEUED = "queued", "Queued"  # the worker makes (if needed) and sends it
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed"  # retries used up, or Notify reported it undelivered


TRANSITIONS: Final[dict[str, frozenset[str]]] = {
    LetterStatus.TO_SEND: frozenset({LetterStatus.QUEUED}),
    LetterStatus.QUEUED: frozenset({LetterStatus.QUEUED, LetterStatus.SENT, LetterStatus.FAILED}),
    # GOV.UK Notify may report a permanent failure after accepting a letter.
    LetterStatus.SENT: frozenset({LetterStatus.FAILED}),
    LetterStatus.FAILED: frozenset(),  # a failed letter is resent as a new record
}

OWED: Final = frozenset({LetterStatus.TO_SEND, LetterStatus.QUEUED, LetterStatus.FAILED})


class LetterTransitionError(ValueError):
    """A move the workflow does not allow."""


def check_transition(old: str, new: str) -> None:
    if new not in TRANSITIONS[LetterStatus(old)]:
        raise LetterTransitionError(f"A letter cannot go from {old} to {new}")
