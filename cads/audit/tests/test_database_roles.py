"""The application's own database role cannot rewrite history (ADR 0018).

The suite runs as the application role (conftest.py), so `connection` here is what the web
and the worker use. Each refusal is one a superuser owning the tables used to get through:
TRUNCATE, disabling or dropping the append-only trigger, replica mode (which skips
triggers), and plain UPDATE or DELETE of audit rows and made letters. The owner's own
connection checks that the triggers still hold against it and that tables made by later
migrations reach the application role through default privileges.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import psycopg
import pytest
from django.conf import settings
from django.db import DatabaseError, connection, transaction

from cads.accounts.roles import Role
from cads.audit.models import CaseEvent
from cads.audit.services import case_event_record
from cads.authority.services import authority_get
from cads.letters.delivery import letter_deliver
from cads.letters.models import Letter, LetterKind
from cads.letters.tests.helpers import named_contact, submit

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _application_role() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_user, rolsuper FROM pg_roles WHERE rolname = current_user")
        user, superuser = cursor.fetchone()
    if user == settings.CADS_DATABASE_OWNER["USER"]:
        pytest.skip("one role for everything and no superuser to create the application role")
    assert not superuser


def refused(statement: str, params: list[Any] | None = None) -> str:
    with pytest.raises(DatabaseError) as caught, transaction.atomic(), connection.cursor() as c:
        c.execute(statement, params)
    return str(caught.value)


@pytest.fixture
def event() -> CaseEvent:
    subject = authority_get()
    return case_event_record(subject=subject, actor=None, kind="test.recorded", reason="why")


@pytest.fixture
def made_letter(make_user) -> Letter:
    worker = make_user(Role.CADS_SOCIAL_WORKER)
    letter = submit(worker, named_contact(worker)).letters.get(kind=LetterKind.ACKNOWLEDGEMENT)
    letter_deliver(letter_id=str(letter.pk))
    letter.refresh_from_db()
    assert letter.made
    return letter


def test_the_application_role_owns_nothing() -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = 'public' AND c.relowner = (SELECT oid FROM pg_roles "
            "WHERE rolname = current_user)"
        )
        assert cursor.fetchone()[0] == 0


@pytest.mark.parametrize("table", ["audit_caseevent", "audit_accesslog", "letters_letter"])
def test_truncate_is_refused(event: CaseEvent, table: str) -> None:
    assert "permission denied" in refused(f"TRUNCATE {table}")
    assert CaseEvent.objects.filter(pk=event.pk).exists()


@pytest.mark.parametrize(
    "statement",
    [
        "ALTER TABLE audit_caseevent DISABLE TRIGGER audit_caseevent_append_only",
        "ALTER TABLE audit_caseevent DISABLE TRIGGER ALL",
        "DROP TRIGGER audit_caseevent_append_only ON audit_caseevent",
        "ALTER TABLE audit_accesslog DISABLE TRIGGER audit_accesslog_append_only",
        "DROP TRIGGER audit_accesslog_append_only ON audit_accesslog",
        "ALTER TABLE letters_letter DISABLE TRIGGER letters_letter_immutable",
        "DROP TRIGGER letters_letter_immutable ON letters_letter",
        "DROP FUNCTION cads_audit_append_only() CASCADE",
        "ALTER TABLE audit_caseevent OWNER TO CURRENT_USER",
        "DROP TABLE audit_caseevent",
    ],
)
def test_triggers_and_tables_cannot_be_altered_or_dropped(statement: str) -> None:
    assert "must be owner" in refused(statement)


def test_replica_mode_which_skips_triggers_is_refused() -> None:
    assert "permission denied to set parameter" in refused("SET session_replication_role = replica")


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE audit_caseevent SET reason = 'rewritten' WHERE id = %s",
        "DELETE FROM audit_caseevent WHERE id = %s",
        "UPDATE audit_accesslog SET screen = 'x' WHERE id = %s",
        "DELETE FROM audit_accesslog WHERE id = %s",
    ],
)
def test_audit_rows_accept_only_insert(event: CaseEvent, statement: str) -> None:
    assert "permission denied" in refused(statement, [event.pk])
    assert CaseEvent.objects.get(pk=event.pk).reason == "why"


def test_a_made_letter_cannot_be_deleted_or_changed(made_letter: Letter) -> None:
    pk = made_letter.pk
    assert "permission denied" in refused("DELETE FROM letters_letter WHERE id = %s", [pk])
    changed = refused("UPDATE letters_letter SET text = 'forged' WHERE id = %s", [pk])
    assert "cannot be changed" in changed
    made_letter.refresh_from_db()
    assert made_letter.text != "forged"


@pytest.fixture
def owner_cursor() -> Iterator[psycopg.Cursor]:
    """A separate connection as the owner role (committed work only)."""
    owner = settings.CADS_DATABASE_OWNER
    with psycopg.connect(
        dbname=connection.settings_dict["NAME"],
        user=owner["USER"],
        password=owner["PASSWORD"] or None,
        host=owner["HOST"] or None,
        port=owner["PORT"] or None,
        autocommit=True,
    ) as conn:
        yield conn.cursor()


@pytest.mark.django_db(transaction=True)
def test_the_owner_is_still_stopped_by_the_triggers(owner_cursor: psycopg.Cursor) -> None:
    event = case_event_record(subject=authority_get(), actor=None, kind="t.x", reason="why")
    with pytest.raises(psycopg.Error, match="append-only"):
        owner_cursor.execute("DELETE FROM audit_caseevent WHERE id = %s", [event.pk])


@pytest.mark.django_db(transaction=True)
def test_tables_from_later_migrations_are_granted_by_default(owner_cursor: psycopg.Cursor) -> None:
    owner_cursor.execute("CREATE TABLE cads_probe (id bigserial PRIMARY KEY, note text)")
    try:
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO cads_probe (note) VALUES ('a') RETURNING id")
            cursor.execute("UPDATE cads_probe SET note = 'b'")
            cursor.execute("DELETE FROM cads_probe")
        assert "permission denied" in refused("TRUNCATE cads_probe")
    finally:
        owner_cursor.execute("DROP TABLE cads_probe")


@pytest.mark.django_db(transaction=True)
def test_the_db_roles_command_sets_up_the_roles_idempotently() -> None:
    from io import StringIO

    from django.core.management import call_command

    owner, app = settings.CADS_DATABASE_OWNER["USER"], settings.CADS_DB_APP_ROLE
    out = StringIO()
    call_command("db_roles", owner=owner, app=app, stdout=out)
    assert f"{app}: already there" in out.getvalue()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT has_table_privilege(%s, 'audit_caseevent', 'INSERT'), "
            "has_table_privilege(%s, 'audit_caseevent', 'DELETE'), "
            "has_table_privilege(%s, 'letters_letter', 'TRUNCATE')",
            [app, app, app],
        )
        assert cursor.fetchone() == (True, False, False)
