"""Audit rows cannot be changed or removed, by Django or by raw SQL."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction

from cads.audit.models import AccessLog, AppendOnlyError, CaseEvent
from cads.audit.services import case_event_record
from cads.authority.services import authority_get

pytestmark = pytest.mark.django_db

# The suite runs as the application role, which holds no UPDATE or DELETE on the audit
# tables, so PostgreSQL refuses before the trigger would (ADR 0018); the trigger still
# refuses the owner (test_database_roles.py).
REFUSED = "append-only|permission denied"


@pytest.fixture
def event() -> CaseEvent:
    return case_event_record(
        subject=authority_get(), actor=None, kind="test.recorded", new={"a": 1}, reason="why"
    )


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE audit_caseevent SET kind = 'rewritten' WHERE id = %s",
        "DELETE FROM audit_caseevent WHERE id = %s",
    ],
)
def test_sql_cannot_update_or_delete_a_case_event(event: CaseEvent, sql: str) -> None:
    with (
        pytest.raises(DatabaseError, match=REFUSED),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql, [event.pk])
    event.refresh_from_db()
    assert event.kind == "test.recorded"


@pytest.mark.parametrize(
    "sql",
    ["UPDATE audit_accesslog SET screen = 'x'", "DELETE FROM audit_accesslog"],
)
def test_sql_cannot_update_or_delete_the_access_log(sql: str, make_user, rf) -> None:
    from cads.audit.services import access_log_record

    request = rf.get("/")
    request.user = make_user("Team manager")
    access_log_record(request=request, subject=authority_get())
    with (
        pytest.raises(DatabaseError, match=REFUSED),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql)
    assert AccessLog.objects.count() == 1


def test_queryset_update_and_delete_are_refused_by_the_database(event: CaseEvent) -> None:
    with pytest.raises(DatabaseError), transaction.atomic():
        CaseEvent.objects.filter(pk=event.pk).update(reason="changed")
    with pytest.raises(DatabaseError), transaction.atomic():
        CaseEvent.objects.filter(pk=event.pk).delete()
    assert CaseEvent.objects.get(pk=event.pk).reason == "why"


def test_model_save_and_delete_are_refused_in_python(event: CaseEvent) -> None:
    event.reason = "changed"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()


def test_case_event_keeps_old_and_new_values_and_reason(event: CaseEvent) -> None:
    stored = CaseEvent.objects.get(pk=event.pk)
    assert stored.data == {"new": {"a": 1}}
    assert stored.reason == "why"
    assert stored.subject_id == str(authority_get().pk)
