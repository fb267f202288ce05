"""Letter delivery on the worker (ADR 0003)."""

from __future__ import annotations

from procrastinate import RetryStrategy
from procrastinate.contrib.django import app

from cads.letters import services


@app.task(
    name="cads.letter_deliver",
    queue="default",
    retry=RetryStrategy(
        max_attempts=services.MAX_ATTEMPTS,
        exponential_wait=5,
        retry_exceptions={services.LetterDeliveryError},
    ),
)
def letter_deliver(letter_id: str) -> None:
    """Email one queued letter; safe to run twice (a sent letter is left alone)."""
    services.letter_deliver(letter_id=letter_id)
