"""Reporting's own table: front-door teams, for the dashboard's team filter (ADR 0015)."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Team(models.Model):
    """A front-door team (for example "CADS North") and the workers in it. A contact belongs
    to the team of the worker screening it (ADR 0015); teams are configuration data."""

    name = models.CharField(max_length=100, unique=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="reporting_teams"
    )

    class Meta:
        ordering = ["name"]
        permissions = [
            ("view_dashboard", "Can see the front door's figures, backlog and data quality")
        ]

    def __str__(self) -> str:
        return self.name
