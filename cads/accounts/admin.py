"""Administrators manage users, organisations and lockouts here."""

from __future__ import annotations

from typing import Any

from axes.models import AccessAttempt
from axes.utils import reset
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone

from cads.accounts.models import Organisation, User
from cads.core.admin_site import AuditedAdminMixin


@admin.register(Organisation)
class OrganisationAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["name", "kind", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name"]


@admin.register(User)
class UserAdmin(AuditedAdminMixin, DjangoUserAdmin):
    list_display = ["username", "get_full_name", "organisation", "roles", "is_active", "locked"]
    list_filter = ["groups", "organisation", "is_active"]
    actions = ["unlock"]
    fieldsets = (
        *(DjangoUserAdmin.fieldsets or ()),
        ("Organisation", {"fields": ("organisation", "job_title")}),
    )

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Users are deactivated, never deleted: the audit trail refers to them.
        return False

    @admin.display(description="Roles")
    def roles(self, obj: User) -> str:
        return ", ".join(obj.role_names)

    @admin.display(description="Locked out", boolean=True)
    def locked(self, obj: User) -> bool:
        # Locks lift after the cool-off (ADR 0004), so only a recent attempt still locks.
        return AccessAttempt.objects.filter(
            username=obj.username,
            failures_since_start__gte=settings.AXES_FAILURE_LIMIT,
            attempt_time__gte=timezone.now() - settings.AXES_COOLOFF_TIME,
        ).exists()

    @admin.action(description="Unlock selected accounts (clear failed sign-in attempts)")
    def unlock(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        for user in queryset:
            reset(username=user.username)
            self._audit(request, user, "user.unlocked", "Failed sign-in attempts cleared")
        messages.success(request, f"Unlocked {queryset.count()} account(s)")
