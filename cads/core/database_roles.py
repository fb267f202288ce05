"""Switching Django's connection between the application and the owner role (ADR 0018).

The default connection is the application role. Schema changes and wholesale resets
(`migrate`, the test runner's `flush`) need the owner, so they run inside `as_owner()`;
`migrate` then grants the application role its rows (config/db_roles.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings
from django.db import connections

from config import db_roles

CREDENTIALS = ("USER", "PASSWORD", "HOST", "PORT")


def credentials(alias: str = "default") -> dict[str, str]:
    settings_dict = connections[alias].settings_dict
    return {key: str(settings_dict.get(key) or "") for key in CREDENTIALS}


def connect_as(values: dict[str, str], alias: str = "default") -> None:
    """Reconnect `alias` with other credentials (same database name)."""
    connection = connections[alias]
    connection.close()
    connection.settings_dict.update(values)


@contextmanager
def as_owner(alias: str = "default") -> Iterator[dict[str, str]]:
    """Run the block as the owner role; yields the application role's credentials."""
    app = credentials(alias)
    owner = settings.CADS_DATABASE_OWNER
    if owner["USER"] == app["USER"]:
        yield app
        return
    connect_as(owner, alias)
    try:
        yield app
    finally:
        connect_as(app, alias)


def grant_application(app_role: str, alias: str = "default") -> None:
    """Grant `app_role` its row privileges on what the current (owner) role has created."""
    with connections[alias].cursor() as cursor:
        cursor.execute("SELECT current_user")
        owner = cursor.fetchone()[0]
        if owner == app_role:
            return  # one role for everything (a development server): nothing to separate
        db_roles.privileges_grant(cursor.cursor, owner=owner, app=app_role)


def application_role_for_tests(alias: str = "default") -> dict[str, str]:
    """The credentials the test suite runs with once its database is migrated as the owner:
    the application role, created here when the configured user is a superuser serving both
    roles (a CI server). Without a superuser and with one role, the suite keeps that role."""
    app = dict(settings.CADS_DATABASE_APP)
    owner = credentials(alias)
    with connections[alias].cursor() as wrapper:
        cursor = wrapper.cursor
        if app["USER"] == owner["USER"]:
            if not db_roles.is_superuser(cursor):
                return owner
            db_roles.role_create(cursor, settings.CADS_DB_APP_ROLE)
            app = {**owner, "USER": settings.CADS_DB_APP_ROLE, "PASSWORD": ""}
        db_roles.privileges_grant(cursor, owner=owner["USER"], app=app["USER"])
    return app
