"""Two append-only tables. PostgreSQL triggers (migration 0002) refuse UPDATE and DELETE,
so not even a raw SQL session can rewrite history; Python refuses too, to fail early."""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone


class AppendOnlyError(Exception):
    """Raised when code tries to change or remove an audit row."""


class AppendOnlyModel(models.Model):
    """Rows are written once. Corrections are new rows, never edits."""

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AppendOnlyError(f"{type(self).__name__} rows cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError(f"{type(self).__name__} rows cannot be deleted")


class CaseEvent(AppendOnlyModel):
    """Something that changed, e.g. kind "person.created" on a person, by a user, with
    `data` = {"old": {...}, "new": {...}} and the `reason` given. Drives every timeline."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    occurred_at = models.DateTimeField(default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="case_events",
        help_text="Empty for the system itself (the worker, a deadline sweep).",
    )
    subject_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    subject_id = models.CharField(max_length=64)
    kind = models.CharField(max_length=100)
    # DjangoJSONEncoder: old and new values include dates, times and decimals.
    data = models.JSONField(default=dict, blank=True, encoder=DjangoJSONEncoder)
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-occurred_at"]
        indexes = [
            models.Index(fields=["subject_type", "subject_id", "-occurred_at"]),
            models.Index(fields=["actor", "-occurred_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.kind} on {self.subject_type.model} {self.subject_id}"


class AccessLog(AppendOnlyModel):
    """One view of a record: who opened which person or contact, when, from which screen
    (URL name) or search, and from which address."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    occurred_at = models.DateTimeField(default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="access_logs"
    )
    subject_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    subject_id = models.CharField(max_length=64)
    screen = models.CharField(max_length=200, help_text="URL name, e.g. people:person-detail")
    search_terms = models.TextField(blank=True, help_text="The search that led here, if any")
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    break_glass_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-occurred_at"]
        indexes = [models.Index(fields=["subject_type", "subject_id", "-occurred_at"])]

    def __str__(self) -> str:
        return f"{self.actor_id} viewed {self.subject_type.model} {self.subject_id}"
