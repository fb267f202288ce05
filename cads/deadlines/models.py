"""The clock configuration: data an administrator changes without code.

RAG levels and the decision and acknowledgement timescales are rows seeded by a data
migration. The tables keep their first names (screening_raglevel,
screening_clockconfiguration): the models moved here from screening without moving data."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models


class DurationUnit(models.TextChoices):
    WORKING_HOURS = "working_hours", "Working hours"
    WORKING_DAYS = "working_days", "Working days"


class RagLevel(models.Model):
    """One RAG rating and how long the screener has to act on it. Default local practice:
    red 4 hours (running outside office hours), amber 1 working day, green 3 working days."""

    code = models.SlugField(max_length=20, unique=True)
    label = models.CharField(max_length=60)
    duration_amount = models.PositiveIntegerField()
    duration_unit = models.CharField(max_length=16, choices=DurationUnit.choices)
    runs_outside_office_hours = models.BooleanField(
        default=False,
        help_text="The clock counts real hours, evenings, weekends and bank holidays included.",
    )
    order = models.PositiveSmallIntegerField(default=0, help_text="Most urgent first (0).")

    class Meta:
        db_table = "screening_raglevel"
        ordering = ["order", "code"]
        verbose_name = "RAG level"

    def __str__(self) -> str:
        return self.label

    def clean(self) -> None:
        if self.duration_amount == 0:
            raise ValidationError({"duration_amount": "Enter a time of at least 1"})


class ClockConfiguration(models.Model):
    """Decision and acknowledgement timescales: one row, edited by an administrator."""

    singleton = models.BooleanField(default=True, unique=True, editable=False)
    # Working Together 2023: decision about the type of response within one working day.
    decision_working_days = models.PositiveSmallIntegerField(default=1)
    # Working Together 2023: the referrer is told what happens within one working day
    # (feedback); locally the acknowledgement is due on the same clock by default.
    acknowledgement_working_days = models.PositiveSmallIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "screening_clockconfiguration"
        verbose_name = "clock configuration"
        verbose_name_plural = "clock configuration"

    def __str__(self) -> str:
        return "Decision and acknowledgement clocks"
