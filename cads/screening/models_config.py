"""Threshold configuration: data an administrator changes without code.

The threshold document's levels, domains and indicators are rows seeded by a data migration
(the clock configuration is cads.deadlines.models)."""

from __future__ import annotations

from django.db import models


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
