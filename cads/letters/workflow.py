"""Letter statuses and the moves allowed between them (one table, one check).

Delivery is at most once (ADR 0024): a letter is made and marked "sending" in one committed
transaction before the send is tried, and "sent" in another after it. A letter found still
"sending" by a later attempt may or may not have gone: GOV.UK Notify is asked (the send
carries the letter's id as its reference); an email cannot be asked, so the letter is
"sent — unconfirmed" until a person checks with the recipient. It is never sent again
automatically."""

from __future__ import annotations

from typing import Final

from django.db import models


class LetterStatus(models.TextChoices):
    TO_SEND = "to_send", "To send"  # owed: a person previews, edits and sends it
    QUEUED = "queued", "Queued"  # the worker makes (if needed) and sends it
    SENDING = "sending", "Sending"  # made and committed; the send is being tried
    SENT = "sent", "Sent"
    # The send may have happened but was never recorded (the worker died, or the database
    # went, between sending and recording): a person checks with the recipient.
    SENT_UNCONFIRMED = "sent_unconfirmed", "Sent — unconfirmed"
    FAILED = "failed", "Failed"  # retries used up, or Notify reported it undelivered


TRANSITIONS: Final[dict[str, frozenset[str]]] = {
    LetterStatus.TO_SEND: frozenset({LetterStatus.QUEUED}),
    LetterStatus.QUEUED: frozenset({LetterStatus.SENDING, LetterStatus.FAILED}),
    LetterStatus.SENDING: frozenset(
        {
            LetterStatus.SENT,
            # The channel refused it (nothing went): tried again, or failed after the last try.
            LetterStatus.QUEUED,
            LetterStatus.FAILED,
            LetterStatus.SENT_UNCONFIRMED,
        }
    ),
    # GOV.UK Notify may report a permanent failure after accepting a letter.
    LetterStatus.SENT: frozenset({LetterStatus.FAILED}),
    # A person confirmed it arrived, or found it did not (then it is sent again as a new
    # record, like a failed letter).
    LetterStatus.SENT_UNCONFIRMED: frozenset({LetterStatus.SENT, LetterStatus.FAILED}),
    LetterStatus.FAILED: frozenset(),  # a failed letter is resent as a new record
}

OWED: Final = frozenset(
    {
        LetterStatus.TO_SEND,
        LetterStatus.QUEUED,
        LetterStatus.SENDING,
        LetterStatus.SENT_UNCONFIRMED,
        LetterStatus.FAILED,
    }
)
# On their way: the worker has them (a sweep requeues any left too long, ADR 0024).
IN_DELIVERY: Final = frozenset({LetterStatus.QUEUED, LetterStatus.SENDING})


class LetterTransitionError(ValueError):
    """A move the workflow does not allow."""


def check_transition(old: str, new: str) -> None:
    if new not in TRANSITIONS[LetterStatus(old)]:
        raise LetterTransitionError(f"A letter cannot go from {old} to {new}")
