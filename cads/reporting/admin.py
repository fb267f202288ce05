"""Configuration only: front-door teams for the dashboard's team filter."""

from __future__ import annotations

from django.contrib import admin

from cads.reporting.models import Team


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ("name",)
    filter_horizontal = ("members",)
