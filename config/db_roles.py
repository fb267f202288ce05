"""The two PostgreSQL roles CADS runs with (ADR 0018, docs/security.md).

The OWNER role owns the database and every table, sequence and function in it; only
`migrate` (and the test runner's `flush`) connect as it. The APPLICATION role is what the web
processes and the worker connect as: it reads and writes rows and owns nothing, so it cannot
TRUNCATE, ALTER, DROP or disable a trigger, and as a non-superuser it cannot set
`session_replication_role`. The audit tables accept only INSERT and SELECT from it; made
letters cannot be deleted by it, and their trigger (which it cannot disable) refuses changes.

Plain psycopg cursors, no Django: the embedded database (config/embedded_db.py) uses this
before Django is configured.
"""

from __future__ import annotations

from typing import Any

from psycopg import sql

# Append-only in the database (ADR 0006): the application may add rows, never change them.
INSERT_ONLY_TABLES = ("audit_caseevent", "audit_accesslog")
# A letter is owed, then made and delivered in place (its delivery fields move), so the
# application updates it; a made letter's text, PDF and hash are guarded by the
# letters_letter_immutable trigger (ADR 0013). Nothing deletes a letter.
NO_DELETE_TABLES = ("letters_letter",)
ROW_PRIVILEGES = "SELECT, INSERT, UPDATE, DELETE"


def _ident(name: str) -> sql.Identifier:
    return sql.Identifier(name)


def role_exists(cur: Any, role: str) -> bool:
    return bool(cur.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [role]).fetchone())


def is_superuser(cur: Any) -> bool:
    row = cur.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user").fetchone()
    return bool(row and row[0])


def role_create(cur: Any, role: str, *, password: str = "", createdb: bool = False) -> bool:
    """Create a LOGIN role with no special powers if it is missing; True when created.
    Two sessions may race to create it (roles are cluster-wide): the loser carries on."""
    if role_exists(cur, role):
        return False
    query = sql.SQL("CREATE ROLE {} LOGIN NOSUPERUSER NOCREATEROLE NOREPLICATION NOBYPASSRLS {}")
    extra: sql.Composable = sql.SQL("CREATEDB" if createdb else "NOCREATEDB")
    if password:
        extra = sql.SQL("{} PASSWORD {}").format(extra, sql.Literal(password))
    in_transaction = not cur.connection.autocommit
    try:
        if in_transaction:
            cur.execute("SAVEPOINT cads_role_create")
        cur.execute(query.format(_ident(role), extra))
    except Exception as error:  # psycopg.errors.DuplicateObject when another session won
        if getattr(error, "sqlstate", "") != "42710":
            raise
        if in_transaction:
            cur.execute("ROLLBACK TO SAVEPOINT cads_role_create")
        return False
    return True


def database_adopt(cur: Any, *, database: str, owner: str) -> None:
    """Make `owner` own the database and every object CADS created in its public schema
    (objects of extensions such as pg_trgm stay with the extension). Needs a superuser;
    idempotent."""
    cur.execute(sql.SQL("ALTER DATABASE {} OWNER TO {}").format(_ident(database), _ident(owner)))
    relations = cur.execute(
        "SELECT o.relname FROM pg_class o JOIN pg_namespace n ON n.oid = o.relnamespace "
        "WHERE n.nspname = 'public' AND o.relkind IN ('r','p','v','m','S','f') "
        "AND pg_get_userbyid(o.relowner) <> %s "
        "AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = o.oid AND d.deptype = 'e') "
        # Sequences owned by a column follow their table.
        "AND NOT (o.relkind = 'S' AND EXISTS (SELECT 1 FROM pg_depend d "
        "WHERE d.objid = o.oid AND d.deptype IN ('a','i')))",
        [owner],
    ).fetchall()
    for (name,) in relations:
        statement = sql.SQL("ALTER TABLE {} OWNER TO {}")
        cur.execute(statement.format(sql.Identifier("public", name), _ident(owner)))
    functions = cur.execute(
        "SELECT o.oid::regprocedure::text FROM pg_proc o JOIN pg_namespace n "
        "ON n.oid = o.pronamespace WHERE n.nspname = 'public' "
        "AND pg_get_userbyid(o.proowner) <> %s "
        "AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = o.oid AND d.deptype = 'e') ",
        [owner],
    ).fetchall()
    for (signature,) in functions:
        statement = sql.SQL("ALTER ROUTINE {} OWNER TO {}")
        cur.execute(statement.format(sql.SQL(signature), _ident(owner)))
    types = cur.execute(
        "SELECT o.oid::regtype::text FROM pg_type o JOIN pg_namespace n "
        "ON n.oid = o.typnamespace WHERE n.nspname = 'public' AND o.typtype IN ('e','d','c') "
        "AND (o.typrelid = 0 OR (SELECT relkind FROM pg_class WHERE oid = o.typrelid) = 'c') "
        "AND pg_get_userbyid(o.typowner) <> %s "
        "AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = o.oid AND d.deptype = 'e') ",
        [owner],
    ).fetchall()
    for (name,) in types:
        cur.execute(sql.SQL("ALTER TYPE {} OWNER TO {}").format(sql.SQL(name), _ident(owner)))


def privileges_grant(cur: Any, *, owner: str, app: str) -> None:
    """Give `app` row access to everything in the public schema, now and (through default
    privileges) for whatever `owner` creates later, then take back what the append-only
    and made-letter tables must refuse. Run by the owner or a superuser; idempotent."""
    a, o = _ident(app), _ident(owner)
    statements = [
        "GRANT USAGE ON SCHEMA public TO {a}",
        # REVOKE ALL first so a role that was once given more (TRUNCATE, TRIGGER) loses it.
        "REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {a}",
        f"GRANT {ROW_PRIVILEGES} ON ALL TABLES IN SCHEMA public TO {{a}}",
        "GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO {a}",
        "GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO {a}",
        f"ALTER DEFAULT PRIVILEGES FOR ROLE {{o}} IN SCHEMA public "
        f"GRANT {ROW_PRIVILEGES} ON TABLES TO {{a}}",
        "ALTER DEFAULT PRIVILEGES FOR ROLE {o} IN SCHEMA public "
        "GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO {a}",
        "ALTER DEFAULT PRIVILEGES FOR ROLE {o} IN SCHEMA public GRANT EXECUTE ON FUNCTIONS TO {a}",
    ]
    for statement in statements:
        cur.execute(sql.SQL(statement).format(a=a, o=o))
    for table, refused in [
        *[(t, "UPDATE, DELETE, TRUNCATE") for t in INSERT_ONLY_TABLES],
        *[(t, "DELETE, TRUNCATE") for t in NO_DELETE_TABLES],
    ]:
        if cur.execute("SELECT to_regclass(%s)", [f"public.{table}"]).fetchone()[0]:
            revoke = sql.SQL("REVOKE {} ON {} FROM {}")
            cur.execute(revoke.format(sql.SQL(refused), sql.Identifier("public", table), a))


def role_password_set(cur: Any, role: str, password: str) -> None:
    statement = sql.SQL("ALTER ROLE {} PASSWORD {}")
    cur.execute(statement.format(_ident(role), sql.Literal(password)))
