"""Clock configuration, edited by an administrator in Django admin."""

from django.contrib import admin

from cads.core.admin_site import AuditedAdminMixin
from cads.deadlines.models import ClockConfiguration, RagLevel


@admin.register(RagLevel)
class RagLevelAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = [
        "code",
        "label",
        "duration_amount",
        "duration_unit",
        "runs_outside_office_hours",
        "order",
    ]


@admin.register(ClockConfiguration)
class ClockConfigurationAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["__str__", "decision_working_days", "acknowledgement_working_days"]

    def has_add_permission(self, request):
        return not ClockConfiguration.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False
