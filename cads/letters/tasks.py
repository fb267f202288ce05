"""Letter delivery on the worker (ADR 0003) and the Notify status sweep."""

from __future__ import annotations

import datetime

from django.db import InterfaceError, OperationalError
from procrastinate import RetryStrategy
from procrastinate.contrib.django import app

from cads.core import sweeps
from cads.letters import channels, delivery, services, stuck


@app.task(
    name="cads.letter_deliver",
    queue="default",
    retry=RetryStrategy(
        max_attempts=services.MAX_ATTEMPTS,
        exponential_wait=5,
        # A database error before the send sent nothing; after it, the letter stays
        # "sending" and the retry asks Notify or marks it unconfirmed (ADR 0024).
        retry_exceptions={services.LetterDeliveryError, OperationalError, InterfaceError},
    ),
)
def letter_deliver(letter_id: str) -> None:
    """Make and send one queued letter; safe to run twice (a sent letter is left alone)."""
    delivery.letter_deliver(letter_id=letter_id)


@sweeps.register("letters-notify-status")
def notify_status_sweep(at: datetime.datetime) -> int:
    """Every five minutes: delivery status of letters sent through GOV.UK Notify."""
    try:
        return delivery.notify_statuses_update(at)
    except channels.ChannelError:  # Notify is not configured: nothing to ask
        return 0


@sweeps.register("letters-stuck")
def stuck_letters_sweep(at: datetime.datetime) -> int:
    """Every five minutes: a new delivery job for any letter left without one."""
    return stuck.stuck_letters_requeue(at)
