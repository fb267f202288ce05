"""Operational records of the worker itself (not case data)."""

from __future__ import annotations

import uuid

from django.db import models


class WorkerPing(models.Model):
    """A round trip through the background worker: requested by the web (or a command),
    completed by the worker. `fail_first` makes the task fail that many times first, to
    show retries working."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    requested_at = models.DateTimeField(auto_now_add=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    fail_first = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        state = "completed" if self.completed_at else "waiting"
        return f"Worker ping {self.id} ({state} after {self.attempts} attempt(s))"


class WorkerHeartbeat(models.Model):
    """One background worker process's last sign of life (cads.core.heartbeat). A row per
    process start; the worker writes `last_seen_at` about every fifteen seconds while it is
    connected to the database and running jobs, and `stopped_at` when it stops on request.
    A row with no `stopped_at` and an old `last_seen_at` is a worker that died."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(max_length=200, help_text="Host and process id, e.g. app-1:4120")
    host = models.CharField(max_length=200)
    pid = models.PositiveIntegerField()
    started_at = models.DateTimeField()
    last_seen_at = models.DateTimeField()
    stopped_at = models.DateTimeField(null=True, blank=True)
    # Times it lost the database and came back without the process restarting.
    reconnects = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-last_seen_at"]
        indexes = [models.Index(fields=["last_seen_at"], name="worker_heartbeat_seen")]

    def __str__(self) -> str:
        return f"Worker {self.name}"
