"""What the out-of-hours service did about a contact before the office opened: the
immediate actions taken and a summary for the daytime front door, which heads the work tray
at the handover (ADR 0030). Append-only: a second record adds to the first."""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models


class ImmediateAction(models.TextChoices):
    # Working Together 2023: where a child is at immediate risk, the police and children's
    # social care act at once, and a strategy discussion is held where there is reasonable
    # cause to suspect significant harm.
    POLICE_ATTENDED = "police_attended", "Police attended"
    CHILD_SEEN_SAFE = "child_seen_safe", "Child seen and safe"
    STRATEGY_DISCUSSION = "strategy_discussion", "Strategy discussion held"
    PLACEMENT = "placement", "Child placed somewhere safe (placement)"
    ADVICE_ONLY = "advice_only", "Advice given, no visit needed tonight"


class OutOfHoursRecord(models.Model):
    contact = models.ForeignKey(
        "contacts.Contact", on_delete=models.PROTECT, related_name="out_of_hours_records"
    )
    actions = ArrayField(models.CharField(max_length=24, choices=ImmediateAction.choices))
    summary = models.TextField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["recorded_at", "pk"]

    def __str__(self) -> str:
        return f"Out-of-hours actions on {self.contact}"

    @property
    def action_labels(self) -> list[str]:
        return [ImmediateAction(code).label for code in self.actions]
