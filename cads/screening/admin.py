"""Threshold configuration (the continuum of need), edited by an administrator in Django admin."""

from django.contrib import admin

from cads.core.admin_site import AuditedAdminMixin
from cads.screening.models import ThresholdDomain, ThresholdIndicator, ThresholdLevel


@admin.register(ThresholdLevel)
class ThresholdLevelAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["number", "label", "active"]


@admin.register(ThresholdDomain)
class ThresholdDomainAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["name", "order"]


@admin.register(ThresholdIndicator)
class ThresholdIndicatorAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["text", "level", "domain", "active"]
    list_filter = ["level", "domain"]
