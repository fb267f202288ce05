"""Worker heartbeats: each background worker process records its last sign of life, so
`/health/` can say whether a worker is alive and the alerts sweep can tell administrators
about one that died (ADR 0024).

These are operational records about the service, not case data: a beat every fifteen
seconds is not a case event, so these writes record no audit event."""

from __future__ import annotations

import datetime
import os
import socket
import uuid
from dataclasses import dataclass, field
from typing import Final

from django.db.models import QuerySet
from django.utils import timezone

from cads.core.models import WorkerHeartbeat

# The worker beats every BEAT seconds; one missing for STALE is dead or cut off. Four
# missed beats: a busy database or a slow sweep delays a beat, it does not skip four.
BEAT: Final = datetime.timedelta(seconds=15)
STALE: Final = datetime.timedelta(minutes=1)
# Rows of workers long gone are removed after this (the alert has been raised by then).
KEEP: Final = datetime.timedelta(days=7)


@dataclass
class WorkerIdentity:
    """Who this worker process is: written on every beat, so the first beat after the
    database comes back recreates nothing and loses nothing."""

    id: uuid.UUID = field(default_factory=uuid.uuid4)
    host: str = field(default_factory=socket.gethostname)
    pid: int = field(default_factory=os.getpid)
    started_at: datetime.datetime = field(default_factory=timezone.now)

    @property
    def name(self) -> str:
        return f"{self.host}:{self.pid}"


def heartbeat_beat(worker: WorkerIdentity, *, reconnected: bool = False) -> WorkerHeartbeat:
    """Record that `worker` is alive now (creating its row on the first beat)."""
    beat, created = WorkerHeartbeat.objects.get_or_create(
        pk=worker.id,
        defaults={
            "name": worker.name[:200],
            "host": worker.host[:200],
            "pid": worker.pid,
            "started_at": worker.started_at,
            "last_seen_at": timezone.now(),
        },
    )
    if not created:
        beat.last_seen_at = timezone.now()
        beat.reconnects += int(reconnected)
        beat.save(update_fields=["last_seen_at", "reconnects"])
    return beat


def heartbeat_stopped(worker: WorkerIdentity) -> None:
    """The worker stopped on request (not a death): it is no longer expected to beat."""
    WorkerHeartbeat.objects.filter(pk=worker.id).update(
        stopped_at=timezone.now(), last_seen_at=timezone.now()
    )


def last_seen() -> datetime.datetime | None:
    """When a running worker last beat (None when none has)."""
    beats = WorkerHeartbeat.objects.filter(stopped_at__isnull=True).order_by("-last_seen_at")
    return beats.values_list("last_seen_at", flat=True).first()


def worker_alive(at: datetime.datetime | None = None) -> bool:
    """Whether a worker that has not stopped beat within the last minute."""
    at = at or timezone.now()
    return WorkerHeartbeat.objects.filter(
        stopped_at__isnull=True, last_seen_at__gt=at - STALE
    ).exists()


def workers_stale(at: datetime.datetime) -> QuerySet[WorkerHeartbeat]:
    """Workers that stopped beating without stopping: killed, crashed, or cut off from the
    database for over a minute (and not yet back)."""
    return WorkerHeartbeat.objects.filter(
        stopped_at__isnull=True, last_seen_at__lte=at - STALE, last_seen_at__gt=at - KEEP
    ).order_by("last_seen_at")


def heartbeats_prune(at: datetime.datetime) -> int:
    """Forget workers not seen for a week."""
    deleted, _ = WorkerHeartbeat.objects.filter(last_seen_at__lte=at - KEEP).delete()
    return deleted
