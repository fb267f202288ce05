from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Staff and partner users, organisations and roles."""

    name = "cads.accounts"
    label = "accounts"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from cads.accounts.roles import sync_roles_after_migrate

        post_migrate.connect(sync_roles_after_migrate, dispatch_uid="cads-sync-roles")
