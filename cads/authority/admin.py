from django.contrib import admin

from cads.authority.models import AuthorityConfiguration


@admin.register(AuthorityConfiguration)
class AuthorityConfigurationAdmin(admin.ModelAdmin):
    """Read-only here: edits go through the settings screen so they are audited."""

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
