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
