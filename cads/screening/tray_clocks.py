"""Each open contact's clocks, worked out in PostgreSQL once and stored (ADR 0033).

The rules are cads.deadlines.due's and cads.letters.selectors.owed_on_contact's: the
decision, the RAG level (an office clock, or real time when it runs outside office hours,
starting at the handover when received out of hours: ADR 0030), the referrer's
acknowledgement until recorded, a school's same-day feedback and each letter owed. Office
clocks are office seconds (cads.deadlines.sql), which never decrease as time goes on, so a
deadline stored as office seconds stays right as the day goes on; nothing stored depends on
the time it is read.

`refresh` works out the rows that are missing or stale (cads.screening.models_tray: a
version the triggers move, and the configuration they were worked out under) and upserts
them, in the reader's transaction; the work tray then orders an index
(cads.screening.tray_order). cads/screening/tests/test_tray_order.py holds the order and
`overdue` equal to the deadlines each row shows."""

from __future__ import annotations

import datetime
import functools
import hashlib
from dataclasses import dataclass
from typing import Any

from django.db import connection
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
from django.forms.models import model_to_dict

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
from cads.screening.models import TrayClock

OPEN = (ContactStatus.SUBMITTED, ContactStatus.IN_SCREENING)
RED = "red"


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

    @functools.cached_property
    def key(self) -> str:
        """The configuration stored clocks were worked out under: a stored clock worked out
        under another (an administrator changed a RAG level, the office hours or a letter's
        time) is worked out again."""
        parts = [
            sorted((code, _fields(level)) for code, level in self.levels.items()),
            _fields(self.clocks),
            _fields(self.letters),
            (self.hours.opens, self.hours.closes, str(self.hours.tz)),
            _holidays_key(),
        ]
        return hashlib.sha256(repr(parts).encode()).hexdigest()


def _fields(instance: Any) -> list[tuple[str, Any]]:
    return sorted((name, repr(value)) for name, value in model_to_dict(instance).items())


@functools.cache
def _holidays_key() -> str:
    return hashlib.sha256(repr(weekday_holidays()).encode()).hexdigest()


def rag_code() -> Coalesce:
    """As cads.deadlines.due.contact_rag: the screener's rating, else intake's; NULL when
    not yet rated."""
    return Coalesce(NullIf("screening__rag", Value("")), NullIf("rag", Value("")))


def _letter(kind: str) -> Exists:
    return Exists(Letter.objects.filter(contact=OuterRef("pk"), kind=kind))


def _flag(condition: Q | Combinable) -> ExpressionWrapper:
    return ExpressionWrapper(condition, output_field=BooleanField())


def _fresh(clocks: Clocks) -> Exists:
    """The contact's stored clock was worked out from its present version and configuration."""
    stored = TrayClock.objects.filter(contact_id=OuterRef("pk"), computed_version=F("version"))
    return Exists(stored.filter(config_key=clocks.key))


def _stale(contacts: QuerySet[Contact], clocks: Clocks) -> QuerySet[Any, Any]:
    """What each contact among `contacts` without a fresh stored clock starts from: its
    version now, its RAG, the office seconds at receipt, when its clocks start, whether the
    referrer still waits for an acknowledgement and a school for its same-day feedback, and
    the first letter owed, the first household among its children not restricted and
    whether a restricted child has one."""
    stored = TrayClock.objects.filter(contact_id=OuterRef("pk"))
    ranks = [When(rag_code=code, then=Value(clocks.rank(code))) for code in clocks.levels]
    awaits = (
        Q(referrer_anonymous=False, screening__referrer_acknowledged_at__isnull=True)
        & ~Q(status=ContactStatus.DRAFT)
        & ~_letter(LetterKind.ACKNOWLEDGEMENT)
    )
    school = Q(referral_source__in=SCHOOL_SOURCES, referrer_anonymous=False, status__in=OPEN)
    owed = Letter.objects.filter(contact=OuterRef("pk"), status__in=OWED).order_by()
    children = ContactSubject.objects.filter(
        contact=OuterRef("pk"), role=SubjectRole.CHILD, person__household__isnull=False
    )
    return (
        contacts.filter(~_fresh(clocks))
        .annotate(rag_code=rag_code())
        .annotate(
            seen=Coalesce(Subquery(stored.values("version")), Value(0)),
            rag_rank=Case(*ranks, default=Value(clocks.rank(None)), output_field=IntegerField()),
            start_s=office_seconds("received_at", clocks.hours),
            # Real-time RAG clocks (red) start at the handover when received out of hours.
            clock_from=clock_start("received_at", clocks.hours),
            awaits=_flag(awaits),
            school=_flag(school & ~_letter(LetterKind.OUTCOME)),
            letter_due=Subquery(owed.values("contact").annotate(due=Min("due_at")).values("due")),
            household=Subquery(_first_household(children.filter(person__restricted=False))),
            restricted_household=Exists(children.filter(person__restricted=True)),
        )
        .values("id", "seen", "rag_code", "rag_rank", "start_s", "clock_from", "awaits",
                "school", "letter_due", "household", "restricted_household")
        .order_by("id")
    )  # fmt: skip


def first_household() -> Min:
    """The household the tray groups a contact by: the first of its children's."""
    return Min(Cast("person__household_id", TextField()))


def _first_household(children: QuerySet[ContactSubject]) -> QuerySet[Any, Any]:
    grouped = children.order_by().values("contact_id")
    return grouped.annotate(household=first_household()).values("household")


def _feedback_into(clocks: Clocks) -> float:
    """The school's feedback time as office seconds into the working day."""
    by = datetime.datetime.combine(datetime.date.min, clocks.letters.school_feedback_by)
    opens = datetime.datetime.combine(datetime.date.min, clocks.hours.opens)
    return min(max((by - opens).total_seconds(), 0.0), clocks.day)


def _seconds(level: RagLevel, clocks: Clocks) -> float:
    return level_amount(level, clocks.hours).total_seconds()


def _refresh_sql(contacts: QuerySet[Contact], clocks: Clocks) -> tuple[str, list[Any]]:
    base_sql, base_params = _stale(contacts, clocks).query.sql_with_params()
    day, into = clocks.day, _feedback_into(clocks)
    office = [lv for lv in clocks.levels.values() if not lv.runs_outside_office_hours]
    real = [lv for lv in clocks.levels.values() if lv.runs_outside_office_hours]
    params: list[Any] = [*base_params]
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
    params += [clocks.key, hours.opens, hours.closes, str(hours.tz), list(weekday_holidays())]
    sql = _REFRESH_SQL.format(
        base=base_sql,
        rag_office=f"CASE {rag_office} END" if office else "NULL::float",
        rag_real=f"CASE {rag_real} END" if real else "NULL::timestamptz",
    )
    return sql, params


_REFRESH_SQL = """
WITH base AS MATERIALIZED ({base}),
d AS (
    SELECT base.*,
        LEAST(
            {rag_office},
            start_s + %s,
            CASE WHEN awaits THEN start_s + %s END,
            CASE WHEN school THEN floor(start_s / %s) * %s
                + CASE WHEN start_s - floor(start_s / %s) * %s >= %s THEN %s ELSE %s END
            END
        ) AS office_due,
        LEAST({rag_real}, letter_due) AS real_due
    FROM base
)
INSERT INTO screening_trayclock
    (contact_id, version, computed_version, config_key, rag_rank, office_due, real_due, due_key,
     household, restricted_household)
SELECT id, 0, seen, %s, rag_rank, office_due, real_due,
    LEAST(office_due, cads_office_seconds(real_due, %s, %s, %s, %s::date[], true)),
    household::uuid, restricted_household
FROM d ORDER BY id
ON CONFLICT (contact_id) DO UPDATE SET
    computed_version = EXCLUDED.computed_version, config_key = EXCLUDED.config_key,
    rag_rank = EXCLUDED.rag_rank, office_due = EXCLUDED.office_due,
    real_due = EXCLUDED.real_due, due_key = EXCLUDED.due_key,
    household = EXCLUDED.household, restricted_household = EXCLUDED.restricted_household
"""


def _any_stale(contacts: QuerySet[Contact], clocks: Clocks) -> bool:
    """Whether any of `contacts` has no stored clock, or one worked out from another version
    or configuration. Every contact joined to its stored row by the row's key, the staleness
    judged after the join: asked as `NOT EXISTS (fresh row)` under a LIMIT, the planner
    guessed no row fresh and compared every open contact with every stored row (5 s with
    10,000 open, measured)."""
    base_sql, base_params = contacts.order_by().values("id").query.sql_with_params()
    sql = _ANY_STALE_SQL.format(base=base_sql)
    with connection.cursor() as cursor:
        cursor.execute(sql, [*base_params, clocks.key])
        row = cursor.fetchone()
    return bool(row and row[0])


_ANY_STALE_SQL = """
SELECT EXISTS (
    SELECT 1 FROM ({base}) AS open_contact
    LEFT JOIN screening_trayclock stored ON stored.contact_id = open_contact.id
    WHERE stored.contact_id IS NULL
       OR stored.computed_version IS DISTINCT FROM stored.version
       OR stored.config_key IS DISTINCT FROM %s
)
"""


def refresh(contacts: QuerySet[Contact], clocks: Clocks) -> int:
    """Work out and store the clocks of `contacts` that are missing or stale; how many.
    Run inside the reader's transaction. Rows are written in the contacts' order, so two
    readers refreshing at once queue rather than deadlock; `version` is never written here,
    so a change committed meanwhile leaves its row stale for the next reader."""
    # Most reads find every clock fresh: asking first spares the statement that works them
    # out (57 ms with 10,000 open, the question 15 ms; measured).
    if not _any_stale(contacts, clocks):
        return 0
    sql, params = _refresh_sql(contacts, clocks)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.rowcount
