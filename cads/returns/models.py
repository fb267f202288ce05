"""A record of every statutory return exported: which return, for which period, who, when
and the SHA-256 of the file, so an authority can show what it sent (exports are audited)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models


class ReturnKind(models.TextChoices):
    CIN_CENSUS = "cin_census", "Children in need census"
    ANNEX_A = "annex_a", "Ofsted Annex A"


class ReturnExport(models.Model):
    """One exported file. `period` is the collection year ("2026") for the CIN census and
    the date of inspection ("2026-11-30") for Annex A. `exported_by` is empty when the file
    was made with the management command."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(max_length=20, choices=ReturnKind.choices)
    period = models.CharField(max_length=10)
    exported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    exported_at = models.DateTimeField(auto_now_add=True)
    sha256 = models.CharField(max_length=64)
    size = models.PositiveBigIntegerField()
    rows = models.PositiveIntegerField(help_text="Children in the census, or rows in Annex A")
    forced = models.BooleanField(
        default=False, help_text="Exported although the DfE validation rules found errors"
    )
    errors = models.PositiveIntegerField(default=0)
    queries = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-exported_at"]
        permissions = [("export_returns", "Can export statutory returns")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.period} ({self.exported_at:%d/%m/%Y %H:%M})"
