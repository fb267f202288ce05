"""`migrate` as the owner role, then the application role's grants (ADR 0018).

Django's own migrate, run with the owner's credentials (DATABASE_OWNER_URL, or the embedded
owner role) because the application role may not create or alter tables. Afterwards the
application role is granted rows on every table, and the append-only tables are revoked
again, so a migration that forgot a grant is corrected on the spot.
"""

from typing import Any

from django.core.management.commands import migrate

from cads.core.database_roles import as_owner, grant_application


class Command(migrate.Command):
    def execute(self, *args: Any, **options: Any) -> Any:
        alias = options.get("database") or "default"
        with as_owner(alias) as app:
            result = super().execute(*args, **options)
            grant_application(app["USER"], alias)
        return result
