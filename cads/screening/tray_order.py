"""The work tray's order, worked out in PostgreSQL: whatever the backlog, a page is one query.

`tray_order` is the one place the tray's order is decided (ADR 0026): red first, then each
RAG level in turn (not yet rated above the levels whose clock is longer than the decision's),
contacts about children of one household together inside a level, then the nearest next
deadline. Each open contact's next deadline (the decision, its RAG, the referrer's
acknowledgement until recorded, each letter owed and a school's same-day feedback: the rules
of cads.deadlines.due and cads.letters.selectors.owed_on_contact) is worked out once, in a
materialised CTE, as office seconds (cads.deadlines.sql), which never decrease as time goes
on, so ordering by them is ordering by the deadline. `overdue` compares office clocks in
office seconds and real-time clocks (red, letters) in real time, as the dashboard does (ADR
0015). cads/screening/tests/test_tray_order.py holds the order and `overdue` equal to the
deadlines each row shows."""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.db.models import (
    BooleanField,
    Case,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    TextField,
    Value,
    When,
)
from django.db.models.expressions import Combinable
from django.db.models.functions import Cast, Coalesce, NullIf

from cads.accounts.models import User
from cads.authority.selectors import office_hours
from cads.contacts.codes import SubjectRole
from cads.contacts.models import Contact, ContactSubject
from cads.contacts.workflow import Status as ContactStatus
from cads.core.clocks import OfficeHours
from cads.deadlines.due import SCHOOL_SOURCES, clock_configuration
from cads.deadlines.models import ClockConfiguration, RagLevel
from cads.deadlines.sql import clock_start, level_amount, office_seconds, weekday_holidays
from cads.letters.due import letter_settings
from cads.letters.models import Letter, LetterKind, LetterSettings
from cads.letters.workflow import OWED
from cads.people.restriction import seen_by

OPEN = (ContactStatus.SUBMITTED, ContactStatus.IN_SCREENING)
RED = "red"
# Red first, each level in turn, a household together inside a level, the nearest deadline.
# Real-time deadlines in one evening share their office seconds (closing time plus a
# millisecond): their real times break the tie.
ORDER = (
    "rag_rank", "group_due", "group_real", "group_key", "due_key", "real_due", "received_at", "pk"
)  # fmt: skip


@dataclass(frozen=True)
class Clocks:
    """The configuration every deadline in a list needs, read once for the list."""

    levels: dict[str, RagLevel]
    clocks: ClockConfiguration
    hours: OfficeHours
    letters: LetterSettings
    now: datetime.datetime

    @classmethod
    def read(cls, now: datetime.datetime) -> Clocks:
        levels = {level.code: level for level in RagLevel.objects.all()}
        return cls(levels, clock_configuration(), office_hours(), letter_settings(), now)

    @property
    def day(self) -> float:
        return self.hours.working_day.total_seconds()

    def rank(self, code: str | None) -> int:
        """Where a RAG level sits: red first, then the configured order. A contact not yet
        rated (None) sits above every level whose clock is longer than the decision's: its
        next deadline is the decision (one working day), and nobody has judged it can wait."""
        decision = self.clocks.decision_working_days * self.hours.working_day
        levels = sorted(self.levels.values(), key=lambda level: (level.code != RED, level.order))
        codes: list[str | None] = [level.code for level in levels]
        later = [i for i, lv in enumerate(levels) if level_amount(lv, self.hours) > decision]
        first = 1 if codes and codes[0] == RED else 0  # red stays first whatever its clock
        codes.insert(max(first, later[0]) if later else len(codes), None)
        return codes.index(code) if code in codes else len(codes)


def _rag_code() -> Coalesce:
    """As cads.deadlines.due.contact_rag: the screener's rating, else intake's; NULL when
    not yet rated."""
    return Coalesce(NullIf("screening__rag", Value("")), NullIf("rag", Value("")))


def _letter(kind: str) -> Exists:
    return Exists(Letter.objects.filter(contact=OuterRef("pk"), kind=kind))


def _households(contacts: QuerySet[Contact], viewer: User) -> QuerySet[Any, Any]:
    """Each contact's first household among its children the viewer may see, in one
    grouped read joined to the contacts (a look-up per contact costs more at 10,000): a
    restricted child the viewer may not see does not group contacts, as that would say which
    household they live in (ADR 0025)."""
    children = ContactSubject.objects.filter(
        seen_by(viewer, "person__"),
        contact__in=contacts.values("pk"),
        role=SubjectRole.CHILD,
        person__household__isnull=False,
    )
    first = Min(Cast("person__household_id", TextField()))
    return children.order_by().values("contact_id").annotate(household=first)


def _seconds(level: RagLevel, clocks: Clocks) -> float:
    return level_amount(level, clocks.hours).total_seconds()


def _flag(condition: Q | Combinable) -> ExpressionWrapper:
    return ExpressionWrapper(condition, output_field=BooleanField())


def _base(
    contacts: QuerySet[Contact], clocks: Clocks, viewer: User, matches: Q | None
) -> QuerySet[Any, Any]:
    """What each open contact's clocks start from, read once a contact: its RAG, the office
    seconds at receipt, whether the referrer still waits for an acknowledgement and a
    school for its same-day feedback, the first letter owed, its household for the viewer."""
    ranks = [When(rag_code=code, then=Value(clocks.rank(code))) for code in clocks.levels]
    awaits = (
        Q(referrer_anonymous=False, screening__referrer_acknowledged_at__isnull=True)
        & ~Q(status=ContactStatus.DRAFT)
        & ~_letter(LetterKind.ACKNOWLEDGEMENT)
    )
    school = Q(referral_source__in=SCHOOL_SOURCES, referrer_anonymous=False, status__in=OPEN)
    owed = Letter.objects.filter(contact=OuterRef("pk"), status__in=OWED).order_by()
    return (
        contacts.annotate(rag_code=_rag_code())
        .annotate(
            rag_rank=Case(*ranks, default=Value(clocks.rank(None)), output_field=IntegerField()),
            start_s=office_seconds("received_at", clocks.hours),
            # Real-time RAG clocks (red) start at the handover when received out of hours.
            clock_from=clock_start("received_at", clocks.hours),
            awaits=_flag(awaits),
            school=_flag(school & ~_letter(LetterKind.OUTCOME)),
            letter_due=Subquery(owed.values("contact").annotate(due=Min("due_at")).values("due")),
            worker_id=F("screening__worker_id"),
            matches=_flag(matches) if matches else Value(True),
        )
        .values("id", "received_at", "rag_code", "rag_rank", "start_s", "clock_from", "awaits",
                "school", "letter_due", "worker_id", "matches")
        .order_by()
    )  # fmt: skip


def _feedback_into(clocks: Clocks) -> float:
    """The school's feedback time as office seconds into the working day."""
    by = datetime.datetime.combine(datetime.date.min, clocks.letters.school_feedback_by)
    opens = datetime.datetime.combine(datetime.date.min, clocks.hours.opens)
    return min(max((by - opens).total_seconds(), 0.0), clocks.day)


def _deadlines(
    contacts: QuerySet[Contact], clocks: Clocks, viewer: User, matches: Q | None = None
) -> tuple[str, list[Any]]:
    """`WITH ... t AS (...)`: each contact of `contacts` with its next deadline as office
    seconds (`due_key`), its nearest real-time deadline (`real_due`), `overdue`, `rag_rank`,
    `group_key` (its household, else itself), `worker_id` and `matches`. The rules are
    cads.deadlines.due's: the decision, the RAG level (office clock, or real time when it
    runs outside office hours), the acknowledgement until recorded, a school's same-day
    feedback (on the day of receipt, or the next working day at or after its time), and
    each letter owed. Worked out once a contact (materialised)."""
    base_sql, base_params = _base(contacts, clocks, viewer, matches).query.sql_with_params()
    homes_sql, homes_params = _households(contacts, viewer).query.sql_with_params()
    day, into = clocks.day, _feedback_into(clocks)
    office = [lv for lv in clocks.levels.values() if not lv.runs_outside_office_hours]
    real = [lv for lv in clocks.levels.values() if lv.runs_outside_office_hours]
    params: list[Any] = [*base_params, *homes_params]
    rag_office = " ".join("WHEN rag_code = %s THEN start_s + %s" for _ in office)
    for lv in office:
        params += [lv.code, _seconds(lv, clocks)]
    params += [clocks.clocks.decision_working_days * day,
               clocks.clocks.acknowledgement_working_days * day,
               day, day, day, day, into, day + into, into]  # fmt: skip
    rag_real = " ".join("WHEN rag_code = %s THEN clock_from + %s" for _ in real)
    for lv in real:
        params += [lv.code, level_amount(lv, clocks.hours)]
    hours = clocks.hours
    calendar = [hours.opens, hours.closes, str(hours.tz), list(weekday_holidays())]
    params += [*calendar, clocks.now, *calendar, clocks.now]
    sql = _DEADLINES_SQL.format(
        base=base_sql,
        homes=homes_sql,
        rag_office=f"CASE {rag_office} END" if office else "NULL::float",
        rag_real=f"CASE {rag_real} END" if real else "NULL::timestamptz",
    )
    return sql, params


_DEADLINES_SQL = """
WITH base AS MATERIALIZED ({base}),
homes AS ({homes}),
d AS (
    SELECT base.*, homes.household::uuid AS household,
        LEAST(
            {rag_office},
            start_s + %s,
            CASE WHEN awaits THEN start_s + %s END,
            CASE WHEN school THEN floor(start_s / %s) * %s
                + CASE WHEN start_s - floor(start_s / %s) * %s >= %s THEN %s ELSE %s END
            END
        ) AS office_due,
        LEAST({rag_real}, letter_due) AS real_due
    FROM base LEFT JOIN homes ON homes.contact_id = base.id
),
t AS (
    SELECT d.*,
        LEAST(office_due, cads_office_seconds(real_due, %s, %s, %s, %s::date[], true))
            AS due_key,
        office_due <= cads_office_seconds(%s, %s, %s, %s, %s::date[], true)
            OR coalesce(real_due <= %s, false) AS overdue,
        coalesce(household, id) AS group_key
    FROM d
)
"""


def _fetch(sql: str, params: list[Any]) -> list[tuple[Any, ...]]:
    """Run one of the tray's queries without PostgreSQL's JIT compiler: the planner's cost
    for a few thousand open contacts passes the JIT thresholds, and compiling the deadline
    arithmetic took 4 s of a 4.5 s query with 10,000 open (measured; the query itself runs
    in a fraction of a second)."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL jit = off")
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
    found = _fetch(sql + _ORDERED_SQL.format(order=order), [*params, overdue_only, limit, offset])
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
    found = _fetch(sql + tail, [*params, limit])
    loads = [(worker, n, late) for worker, n, late, pk in found if pk is None]
    return Loads(loads, [pk for *_, pk in found if pk is not None])


def overdue_of(contacts: QuerySet[Contact], clocks: Clocks, viewer: User) -> dict[uuid.UUID, bool]:
    """Whether each contact is overdue, as the tray counts it."""
    sql, params = _deadlines(contacts, clocks, viewer)
    return dict(_fetch(sql + "SELECT id, overdue FROM t", params))  # noqa: S608 - constants only
