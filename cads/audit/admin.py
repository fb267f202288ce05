"""Audit rows are read-only everywhere, the admin included."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from cads.audit.models import AccessLog, CaseEvent


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(CaseEvent)
class CaseEventAdmin(ReadOnlyAdmin):
    list_display = ["occurred_at", "kind", "subject_type", "subject_id", "actor"]
    list_filter = ["kind"]
    search_fields = ["subject_id", "kind"]


@admin.register(AccessLog)
class AccessLogAdmin(ReadOnlyAdmin):
    list_display = ["occurred_at", "actor", "subject_type", "subject_id", "screen", "ip_address"]
    search_fields = ["subject_id"]
