"""Background tasks on Procrastinate (ADR 0003), run by `manage.py procrastinate worker`."""

from __future__ import annotations

import datetime
import logging

from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from procrastinate import RetryStrategy
from procrastinate.contrib.django import app

from cads.core import heartbeat, jobs, sweeps
from cads.core.models import WorkerPing

logger = logging.getLogger(__name__)


class DeliberateFailureError(Exception):
    """Raised by the demo task to show retries."""


@app.task(
    name="cads.worker_ping",
    queue="default",
    retry=RetryStrategy(max_attempts=5, wait=1, retry_exceptions={DeliberateFailureError}),
)
def worker_ping(ping_id: str) -> None:
    """Complete a WorkerPing, failing its first `fail_first` attempts on purpose."""
    with transaction.atomic():
        ping = WorkerPing.objects.select_for_update().get(pk=ping_id)
        ping.attempts += 1
        ping.save(update_fields=["attempts"])
    if ping.attempts <= ping.fail_first:
        raise DeliberateFailureError(f"attempt {ping.attempts} of ping {ping_id} fails on purpose")
    WorkerPing.objects.filter(pk=ping_id).update(completed_at=timezone.now())


# Every five minutes; the queueing lock stops sweeps piling up if the worker falls behind.
@app.periodic(cron="*/5 * * * *", periodic_id="deadline-sweep")
@app.task(name="cads.deadline_sweep", queue="sweeps", queueing_lock="deadline-sweep")
def deadline_sweep(timestamp: int) -> None:
    """Run every registered sweep (see cads.core.sweeps) for the scheduled moment."""
    at = datetime.datetime.fromtimestamp(timestamp, tz=datetime.UTC)
    sweeps.run_all(at)


@app.task(name="cads.staff_email", queue="default", retry=RetryStrategy(max_attempts=5, wait=30))
def staff_email(user_ids: list[int], subject: str, body: str) -> None:
    """Email staff an alert. Callers pass text that names no child (only a reference and a
    link), because email leaves the secure system."""
    recipients = list(
        get_user_model()
        .objects.filter(pk__in=user_ids, is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
    )
    if recipients:
        send_mail(subject, body, None, recipients)


@sweeps.register("stalled-jobs")
def stalled_jobs_sweep(at: datetime.datetime) -> int:
    """Jobs held by a worker that died run again (cads.core.jobs)."""
    return jobs.stalled_jobs_retry(at)


@sweeps.register("worker-heartbeats-prune")
def heartbeats_prune_sweep(at: datetime.datetime) -> int:
    """Forget workers not seen for a week (cads.core.heartbeat)."""
    return heartbeat.heartbeats_prune(at)
