from django.apps import AppConfig
from django.db.models.signals import post_migrate


class AccountsConfig(AppConfig):
    """Staff and partner users, organisations and roles."""

    name = "cads.accounts"
    label = "accounts"

    def ready(self) -> None:
        # Its screens in the navigation and what it does at other apps' moments
        # (cads.core.navigation, cads.core.moments, ADR 0017).
        from cads.accounts import navigation  # noqa: PLC0415 - apps are loaded only now

        navigation.register()

        from cads.accounts.roles import sync_roles_after_migrate  # noqa: PLC0415 - as above

        post_migrate.connect(sync_roles_after_migrate, dispatch_uid="cads-sync-roles")
