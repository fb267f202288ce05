"""Configuration only: which outcomes need a team manager's sign-off. Decisions themselves
are written through audited services and screens, not the admin."""

from django.contrib import admin
from django.http import HttpRequest

from cads.decisions.models import SignOffRule


@admin.register(SignOffRule)
class SignOffRuleAdmin(admin.ModelAdmin):
    list_display = ("trigger", "needs_sign_off")
    list_editable = ("needs_sign_off",)

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
