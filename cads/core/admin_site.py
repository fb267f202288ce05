"""The Django admin for administrators: same sign-in and two-factor as the rest of CADS,
and every change made through it is also written to the audit trail."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from cads.core.access import is_two_factor_verified


class CadsAdminSite(admin.AdminSite):
    site_header = "CADS administration"
    site_title = "CADS administration"
    index_title = "Users, organisations and configuration"

    def has_permission(self, request: HttpRequest) -> bool:
        user = request.user
        return bool(user.is_active and user.is_staff and is_two_factor_verified(request))

    def login(self, request: HttpRequest, extra_context: Any = None) -> HttpResponse:
        """Send people to the CADS sign-in (password and two-factor), never a second form."""
        next_url = request.GET.get("next", reverse("admin:index"))
        if request.user.is_authenticated and not is_two_factor_verified(request):
            return HttpResponseRedirect(reverse("accounts:two-factor"))
        return HttpResponseRedirect(
            f"{reverse('accounts:sign-in')}?{urlencode({'next': next_url})}"
        )


class CadsAdminConfig(AdminConfig):
    default_site = "cads.core.admin_site.CadsAdminSite"


class AuditedAdminMixin:
    """Writes a case event for every add, change and delete made in the admin."""

    def log_addition(self, request: HttpRequest, obj: Any, message: Any) -> Any:
        self._audit(request, obj, "admin.added", message)
        return super().log_addition(request, obj, message)  # type: ignore[misc]

    def log_change(self, request: HttpRequest, obj: Any, message: Any) -> Any:
        self._audit(request, obj, "admin.changed", message)
        return super().log_change(request, obj, message)  # type: ignore[misc]

    def log_deletions(self, request: HttpRequest, queryset: Any) -> Any:
        for obj in queryset:
            self._audit(request, obj, "admin.deleted", [])
        return super().log_deletions(request, queryset)  # type: ignore[misc]

    @staticmethod
    def _audit(request: HttpRequest, obj: Any, kind: str, message: Any) -> None:
        # This module is loaded (as the admin's AppConfig) before any model may be imported.
        from cads.audit.services import case_event_record  # noqa: PLC0415 - see above

        case_event_record(
            subject=obj,
            actor=request.user if request.user.is_authenticated else None,
            kind=kind,
            new={"change": str(message)},
        )
