"""Clock and threshold configuration: data an administrator changes without code.

RAG levels, the decision and acknowledgement timescales, and the threshold document's levels,
domains and indicators are rows seeded by a data migration (issue 5, "Queue and clocks")."""

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
        verbose_name = "clock configuration"
        verbose_name_plural = "clock configuration"

    def __str__(self) -> str:
        return "Decision and acknowledgement clocks"


class ThresholdLevel(models.Model):
    """A level of need from the local threshold document (continuum of need)."""

    number = models.PositiveSmallIntegerField(unique=True)
    label = models.CharField(max_length=120)
    description = models.TextField(blank=True)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["number"]

    def __str__(self) -> str:
        return f"Level {self.number}: {self.label}"


class ThresholdDomain(models.Model):
    """An area of the assessment triangle the indicators are grouped under."""

    name = models.CharField(max_length=120, unique=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class ThresholdIndicator(models.Model):
    """One indicator of need at a level, in a domain."""

    level = models.ForeignKey(ThresholdLevel, on_delete=models.PROTECT, related_name="indicators")
    domain = models.ForeignKey(ThresholdDomain, on_delete=models.PROTECT, related_name="indicators")
    text = models.CharField(max_length=300)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["level__number", "domain__order", "pk"]

    def __str__(self) -> str:
        return self.text
