"""The work tray's order, read from each open contact's stored clocks: whatever the
backlog, a page is one query over an index-sized table.

`tray_order` is the one place the tray's order is decided (ADR 0026): red first, then each
RAG level in turn (not yet rated above the levels whose clock is longer than the decision's),
contacts about children of one household together inside a level, then the nearest next
deadline. Each open contact's next deadline is worked out once and kept
(cads.screening.tray_clocks, ADR 0033); a read first works out those missing or stale, then
orders the stored ones. `overdue` compares office clocks in office seconds and real-time
clocks (red, letters) in real time, as the dashboard does (ADR 0015).
cads/screening/tests/test_tray_order.py holds the order and `overdue` equal to the deadlines
each row shows."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.db.models import (
    BooleanField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Value,
)

from cads.accounts.models import User
from cads.accounts.roles import VIEW_PERSON
from cads.contacts.codes import SubjectRole
from cads.contacts.models import Contact, ContactSubject
from cads.deadlines.sql import weekday_holidays
from cads.people.restriction import seen_by
from cads.screening.models import TrayClock
from cads.screening.tray_clocks import Clocks, first_household, rag_code, refresh

__all__ = ["Clocks", "Loads", "Ordered", "overdue_of", "overdue_work", "tray_order"]

# Red first, each level in turn, a household together inside a level, the nearest deadline.
# Real-time deadlines in one evening share their office seconds (closing time plus a
# millisecond): their real times break the tie.
ORDER = (
    "rag_rank", "group_due", "group_real", "group_key", "due_key", "real_due", "received_at", "pk"
)  # fmt: skip


def _households(contacts: QuerySet[Contact], viewer: User) -> QuerySet[Any, Any]:
    """The first household among the children the viewer may see, of each contact with a
    restricted child in a household (the stored clock holds it for the rest): a restricted
    child the viewer may not see does not group contacts, as that would say which household
    they live in (ADR 0025)."""
    restricted = TrayClock.objects.filter(contact_id=OuterRef("pk"), restricted_household=True)
    children = ContactSubject.objects.filter(
        seen_by(viewer, "person__"),
        contact__in=contacts.filter(Exists(restricted)).values("pk"),
        role=SubjectRole.CHILD,
        person__household__isnull=False,
    )
    grouped = children.order_by().values("contact_id")
    return grouped.annotate(household=first_household())


def _read(contacts: QuerySet[Contact], viewer: User, matches: Q | None) -> QuerySet[Any, Any]:
    """What a read needs of each contact besides its stored clock: its receipt, worker and
    whether the filters keep it."""
    kept = ExpressionWrapper(matches, output_field=BooleanField()) if matches else Value(True)
    return (
        contacts.annotate(rag_code=rag_code())
        .annotate(worker_id=F("screening__worker_id"), matches=kept)
        .values("id", "received_at", "worker_id", "matches")
        .order_by()
    )


def _deadlines(
    contacts: QuerySet[Contact], clocks: Clocks, viewer: User, matches: Q | None = None
) -> tuple[str, list[Any]]:
    """`WITH ... t AS (...)`: each contact of `contacts` with its stored next deadline as
    office seconds (`due_key`), its nearest real-time deadline (`real_due`), `overdue` now,
    `rag_rank`, `group_key` (its household as the viewer may see it, else itself),
    `worker_id` and `matches`. The stored clocks must be fresh (`refresh`) in the same
    transaction; a contact committed since has none for this one read, and comes last."""
    base_sql, base_params = _read(contacts, viewer, matches).query.sql_with_params()
    homes_sql, homes_params = _households(contacts, viewer).query.sql_with_params()
    hours = clocks.hours
    calendar = [hours.opens, hours.closes, str(hours.tz), list(weekday_holidays())]
    sees = viewer.has_perm(VIEW_PERSON)  # nobody's household, for one who may not
    params = [*base_params, *homes_params, clocks.now, *calendar, clocks.now, sees]
    return _DEADLINES_SQL.format(base=base_sql, homes=homes_sql), params


_DEADLINES_SQL = """
WITH base AS MATERIALIZED ({base}),
homes AS ({homes}),
now_s AS (SELECT cads_office_seconds(%s, %s, %s, %s, %s::date[], true) AS s),
t AS (
    SELECT base.*, e.rag_rank, e.due_key, e.real_due,
        coalesce(e.office_due <= now_s.s OR coalesce(e.real_due <= %s, false), false)
            AS overdue,
        coalesce(
            CASE WHEN NOT %s THEN NULL
                WHEN e.restricted_household THEN homes.household::uuid
                ELSE e.household END,
            base.id
        ) AS group_key
    FROM base CROSS JOIN now_s
    LEFT JOIN screening_trayclock e ON e.contact_id = base.id
    LEFT JOIN homes ON homes.contact_id = base.id
)
"""


def _fetch(
    contacts: QuerySet[Contact], clocks: Clocks, sql: str, params: list[Any]
) -> list[tuple[Any, ...]]:
    """Bring the stored clocks of `contacts` up to date, then run one of the tray's queries,
    in one transaction, without PostgreSQL's JIT compiler: the planner's cost for a few
    thousand open contacts passes the JIT thresholds, and compiling the deadline arithmetic
    took 4 s of a 4.5 s query with 10,000 open (measured)."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL jit = off")
        refresh(contacts, clocks)
        cursor.execute(sql, params)
        return cursor.fetchall()


@dataclass(frozen=True)
class Ordered:
    """One stretch of the tray in order, (contact id, RAG rank, household key) each, with
    the counts of every open contact, the overdue and those the filters leave."""

    rows: list[tuple[uuid.UUID, int, uuid.UUID]]
    total: int
    overdue: int
    shown: int


_ORDERED_SQL = """,
kept AS (SELECT * FROM t WHERE matches AND (overdue OR NOT %s)),
counts AS (
    SELECT count(*) AS total, count(*) FILTER (WHERE overdue) AS overdue,
        (SELECT count(*) FROM kept) AS shown
    FROM t
)
SELECT s.id, s.rag_rank, s.group_key, counts.total, counts.overdue, counts.shown
FROM counts LEFT JOIN (
    SELECT kept.*, min(due_key) OVER w AS group_due, min(real_due) OVER w AS group_real
    FROM kept
    WINDOW w AS (PARTITION BY rag_rank, group_key)
    ORDER BY {order}
    LIMIT %s OFFSET %s
) s ON true
"""


def tray_order(
    contacts: QuerySet[Contact],
    clocks: Clocks,
    viewer: User,
    *,
    matches: Q | None = None,
    overdue_only: bool = False,
    offset: int = 0,
    limit: int = 50,
) -> Ordered:
    """The work tray's order (module docstring): `limit` contacts from `offset` among those
    the filters leave (`matches`, and `overdue_only`), with the counts, in one query. A
    household's contacts are kept together inside a RAG level and placed where the most
    urgent of them would be; the groups are made of the contacts the filters leave."""
    sql, params = _deadlines(contacts, clocks, viewer, matches)
    order = ", ".join(f"{'id' if name == 'pk' else name} ASC NULLS LAST" for name in ORDER)
    ordered = sql + _ORDERED_SQL.format(order=order)
    found = _fetch(contacts, clocks, ordered, [*params, overdue_only, limit, offset])
    total, overdue, shown = found[0][3:]
    return Ordered([(pk, rank, key) for pk, rank, key, *_ in found if pk], total, overdue, shown)


@dataclass(frozen=True)
class Loads:
    """Open and overdue contacts per worker (None: nobody yet), and the most overdue."""

    by_worker: list[tuple[int | None, int, int]]
    most_overdue: list[uuid.UUID]


def overdue_work(contacts: QuerySet[Contact], clocks: Clocks, viewer: User, limit: int) -> Loads:
    """For the team overview, in one query: each worker's open and overdue contacts, and
    the `limit` most overdue (the earliest deadline first)."""
    sql, params = _deadlines(contacts, clocks, viewer)
    tail = """
    SELECT worker_id, count(*), count(*) FILTER (WHERE overdue), NULL::uuid FROM t
    GROUP BY worker_id
    UNION ALL
    (SELECT NULL, NULL, NULL, id FROM t WHERE overdue
     ORDER BY due_key, real_due NULLS LAST, received_at, id LIMIT %s)
    """
    found = _fetch(contacts, clocks, sql + tail, [*params, limit])
    loads = [(worker, n, late) for worker, n, late, pk in found if pk is None]
    return Loads(loads, [pk for *_, pk in found if pk is not None])


def overdue_of(contacts: QuerySet[Contact], clocks: Clocks, viewer: User) -> dict[uuid.UUID, bool]:
    """Whether each contact is overdue, as the tray counts it."""
    sql, params = _deadlines(contacts, clocks, viewer)
    return dict(_fetch(contacts, clocks, sql + "SELECT id, overdue FROM t", params))  # noqa: S608 - constants only
