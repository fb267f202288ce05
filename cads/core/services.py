"""Writes for the worker's own operational records."""

from __future__ import annotations

from django.db import transaction

from cads.core.models import WorkerPing


@transaction.atomic
def worker_ping_request(*, fail_first: int = 0) -> WorkerPing:
    """Store a ping and queue its task in the same transaction.

    Procrastinate's Django connector writes the job row through Django's connection, so the
    job exists if and only if the ping does: a crash can neither lose nor orphan it.
    """
    from cads.core.tasks import worker_ping  # noqa: PLC0415 - tasks.py imports this module

    ping = WorkerPing.objects.create(fail_first=fail_first)
    worker_ping.defer(ping_id=str(ping.pk))
    return ping
