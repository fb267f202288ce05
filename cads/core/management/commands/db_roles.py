"""`manage.py db_roles --owner cads_owner --app cads_app`: create the two database roles
on a PostgreSQL server and hand the database to the owner (ADR 0018, docs/security.md).

Run once, and again after restoring a backup, with DATABASE_URL (or DATABASE_OWNER_URL)
pointing at a superuser (on a managed service, its administrator account; PostgreSQL's own
error says what it lacks). Passwords come from CADS_DB_OWNER_PASSWORD and
CADS_DB_APP_PASSWORD (never from the command line, which other users of the server can read).
"""

import os
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connections

from cads.core.database_roles import as_owner
from config import db_roles


class Command(BaseCommand):
    help = "Create the owner and application database roles and grant their privileges."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--owner", default="cads_owner", help="role that owns the tables")
        parser.add_argument("--app", default="cads_app", help="role the web and worker use")
        parser.add_argument(
            "--createdb", action="store_true", help="let the owner create databases (tests)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        owner, app = options["owner"], options["app"]
        if owner == app:
            raise CommandError("The owner and the application role must be different roles.")
        with as_owner(), connections["default"].cursor() as wrapper:
            cursor = wrapper.cursor
            self._role(cursor, owner, "CADS_DB_OWNER_PASSWORD", createdb=options["createdb"])
            self._role(cursor, app, "CADS_DB_APP_PASSWORD", createdb=False)
            database = connections["default"].settings_dict["NAME"]
            db_roles.database_adopt(cursor, database=database, owner=owner)
            db_roles.privileges_grant(cursor, owner=owner, app=app)
        self.stdout.write(
            f"Roles ready on {database}: set DATABASE_OWNER_URL to connect as {owner} "
            f"(migrate only) and DATABASE_URL to connect as {app} (web and worker)."
        )

    def _role(self, cursor: Any, role: str, password_variable: str, *, createdb: bool) -> None:
        password = os.environ.get(password_variable, "")
        created = db_roles.role_create(cursor, role, password=password, createdb=createdb)
        if not created and password:
            db_roles.role_password_set(cursor, role, password)
        self.stdout.write(f"{role}: {'created' if created else 'already there'}")
