"""`flush` as the owner role (ADR 0018): the application role may not TRUNCATE, and the
test runner empties every table, the audit tables included, after a transactional test."""

from typing import Any

from django.core.management.commands import flush

from cads.core.database_roles import as_owner


class Command(flush.Command):
    def execute(self, *args: Any, **options: Any) -> Any:
        with as_owner(options.get("database") or "default"):
            return super().execute(*args, **options)
