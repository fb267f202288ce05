"""Configuration only: the assessment teams referrals are allocated to."""

from django.contrib import admin

from cads.referrals.models import AssessmentTeam


@admin.register(AssessmentTeam)
class AssessmentTeamAdmin(admin.ModelAdmin):
    list_display = ("name",)
