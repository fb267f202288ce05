"""Administrators manage users, organisations and lockouts here. They cannot become someone
else (ADR 0019): no authenticator secret or QR code is shown (a reset makes the user enrol
again), privileged roles and superuser are refused here (only `manage.py grant_role` on the
server gives them), nobody changes their own roles, and every role, reset and password set
for a user is on that user's timeline."""

from __future__ import annotations

import contextlib
from typing import Any

from axes.models import AccessAttempt
from axes.utils import reset
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.exceptions import NotRegistered
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db.models import QuerySet
from django.forms import ModelForm
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from cads.accounts.admin_forms import UserChangeForm
from cads.accounts.models import Organisation, User
from cads.accounts.services import password_set_record, role_change_record, two_factor_reset
from cads.core.admin_site import AuditedAdminMixin

# django-otp's own device admin shows each secret and its QR code under sequential ids.
with contextlib.suppress(NotRegistered):
    admin.site.unregister(TOTPDevice)


@admin.register(Organisation)
class OrganisationAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["name", "kind", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name"]


def _without_individual_permissions(fieldsets: Any) -> tuple[Any, ...]:
    # Roles are groups only (cads.accounts.roles): a permission given to one person would
    # not show as a role and would bypass the privileged-role rule.
    return tuple(
        (name, {**options, "fields": [f for f in options["fields"] if f != "user_permissions"]})
        for name, options in fieldsets or ()
    )


@admin.register(User)
class UserAdmin(AuditedAdminMixin, DjangoUserAdmin):
    form = UserChangeForm
    list_display = ["username", "get_full_name", "organisation", "roles", "is_active", "locked"]
    list_filter = ["groups", "organisation", "is_active"]
    actions = ["unlock", "two_factor_reset"]
    fieldsets = (
        *_without_individual_permissions(DjangoUserAdmin.fieldsets),
        ("Organisation", {"fields": ("organisation", "job_title")}),
    )

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Users are deactivated, never deleted: the audit trail refers to them.
        return False

    def get_form(
        self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any
    ) -> Any:
        form = super().get_form(request, obj, change=change, **kwargs)
        if issubclass(form, UserChangeForm):
            form.acting_user = request.user  # to refuse giving yourself a role
        return form

    def save_related(
        self, request: HttpRequest, form: ModelForm, formsets: Any, change: bool
    ) -> None:
        user = form.instance
        before = set(user.groups.values_list("name", flat=True)) if change else set()
        super().save_related(request, form, formsets, change)
        after = set(user.groups.values_list("name", flat=True))
        actor = request.user if isinstance(request.user, User) else None
        for role in sorted(after - before):
            role_change_record(actor=actor, user=user, role=role, granted=True)
        for role in sorted(before - after):
            role_change_record(actor=actor, user=user, role=role, granted=False)

    def user_change_password(
        self, request: HttpRequest, id: str, form_url: str = ""
    ) -> HttpResponse:
        user = self.get_object(request, id)
        before = user.password if user is not None else None
        response = super().user_change_password(request, id, form_url)
        if user is not None and request.method == "POST":
            user.refresh_from_db(fields=["password"])
            if user.password != before:
                actor = request.user if isinstance(request.user, User) else None
                password_set_record(actor=actor, user=user)
        return response

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

    @admin.action(description="Reset two-factor (they add CADS to an authenticator app again)")
    def two_factor_reset(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        actor = request.user if isinstance(request.user, User) else None
        for user in queryset:
            two_factor_reset(actor=actor, user=user)
        messages.success(
            request,
            f"Two-factor reset for {queryset.count()} account(s): each sets up an "
            "authenticator app again at their next sign-in",
        )
