"""The work tray's order, worked out in PostgreSQL: whatever the backlog, a page is one query.

`tray_order` is the one place the tray's order is decided (ADR 0026): red first, then each
RAG level in its configured order, contacts about children of one household together inside
a level, then the nearest next deadline. Each open contact's next deadline (the decision, its
RAG, the referrer's acknowledgement until recorded, each letter owed and a school's same-day
feedback: the rules of cads.deadlines.due and cads.letters.selectors.owed_on_contact) is
annotated as office seconds (cads.deadlines.sql), which never decrease as time goes on, so
ordering by them is ordering by the deadline. `overdue` compares office clocks in office
seconds and real-time clocks (red, letters) in real time, as the dashboard does (ADR 0015);
cads/screening/tests/test_tray_order.py holds the order and `overdue` equal to the
deadlines each row shows."""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass

from django.db import connection
from django.db.models import (
    BooleanField,
    Case,
    DateTimeField,
    Exists,
    ExpressionWrapper,
    F,
    FloatField,
    IntegerField,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    UUIDField,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Floor, Least, NullIf

from cads.accounts.models import User
from cads.authority.selectors import office_hours
from cads.contacts.codes import SubjectRole
from cads.contacts.models import Contact, ContactSubject
from cads.contacts.workflow import Status as ContactStatus
from cads.core.clocks import OfficeHours
from cads.deadlines.due import SCHOOL_SOURCES, clock_configuration
from cads.deadlines.models import ClockConfiguration, RagLevel
from cads.deadlines.sql import level_amount, office_seconds
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
        codes.insert(later[0] if later else len(codes), None)
        return codes.index(code) if code in codes else len(codes)


def _rag_code() -> Coalesce:
    """As cads.deadlines.due.contact_rag: the screener's rating, else intake's; NULL when
    not yet rated."""
    return Coalesce(NullIf("screening__rag", Value("")), NullIf("rag", Value("")))


def _letter(kind: str) -> Exists:
    return Exists(Letter.objects.filter(contact=OuterRef("pk"), kind=kind))


def _school_feedback(clocks: Clocks, start: F) -> Case:
    """A school's same-day feedback (cads.deadlines.due.school_feedback_due) in office
    seconds: the feedback time on the working day of receipt, or on the next working day
    when the contact came at or after that time (after closing counts as the next day)."""
    day = clocks.day
    by = clocks.letters.school_feedback_by
    at = datetime.datetime.combine(datetime.date.min, by) - datetime.datetime.combine(
        datetime.date.min, clocks.hours.opens
    )
    into = min(max(at.total_seconds(), 0.0), day)
    base = Floor(start / Value(day)) * Value(day)
    school = Q(referral_source__in=SCHOOL_SOURCES, referrer_anonymous=False, status__in=OPEN)
    return Case(
        When(school & ~_letter(LetterKind.OUTCOME) & Q(start_s__gte=base + Value(into)),
             then=base + Value(day + into)),
        When(school & ~_letter(LetterKind.OUTCOME), then=base + Value(into)),
        output_field=FloatField(),
    )  # fmt: skip


def _seconds(level: RagLevel, clocks: Clocks) -> float:
    return level_amount(level, clocks.hours).total_seconds()


def _office_due(clocks: Clocks) -> Least:
    """The nearest deadline on an office clock, in office seconds."""
    start = F("start_s")
    decision = start + Value(clocks.clocks.decision_working_days * clocks.day)
    office = [lv for lv in clocks.levels.values() if not lv.runs_outside_office_hours]
    rag = Case(
        *[When(rag_code=lv.code, then=start + Value(_seconds(lv, clocks))) for lv in office],
        output_field=FloatField(),
    )
    awaits = (
        Q(referrer_anonymous=False, screening__referrer_acknowledged_at__isnull=True)
        & ~Q(status=ContactStatus.DRAFT)
        & ~_letter(LetterKind.ACKNOWLEDGEMENT)
    )
    ack = Case(
        When(awaits, then=start + Value(clocks.clocks.acknowledgement_working_days * clocks.day)),
        output_field=FloatField(),
    )
    return Least(decision, rag, ack, _school_feedback(clocks, start), output_field=FloatField())


def _real_due(clocks: Clocks) -> Least:
    """The nearest deadline on a real-time clock: a RAG level that runs outside office
    hours (red), and each letter still owed (its stored due time)."""
    rag = Case(
        *[
            When(rag_code=lv.code, then=F("received_at") + Value(level_amount(lv, clocks.hours)))
            for lv in clocks.levels.values()
            if lv.runs_outside_office_hours
        ],
        output_field=DateTimeField(),
    )
    owed = Letter.objects.filter(contact=OuterRef("pk"), status__in=OWED).order_by()
    letter = Subquery(owed.values("contact").annotate(due=Min("due_at")).values("due"))
    return Least(rag, letter, output_field=DateTimeField())


def _household(viewer: User) -> Subquery:
    """The first household of the contact's children the viewer may see: a restricted
    child the viewer may not see does not group contacts, as that would say which household
    they live in (ADR 0025)."""
    children = ContactSubject.objects.filter(
        seen_by(viewer, "person__"),
        contact=OuterRef("pk"),
        role=SubjectRole.CHILD,
        person__household__isnull=False,
    )
    return Subquery(children.order_by("person__household_id").values("person__household_id")[:1])


def with_deadlines(contacts: QuerySet[Contact], clocks: Clocks) -> QuerySet[Contact]:
    """Each contact's RAG code and rank, next deadline (`due_key`, office seconds) and
    whether it is overdue, for ordering, filtering and counting in SQL."""
    ranks = [When(rag_code=code, then=Value(clocks.rank(code))) for code in clocks.levels]
    now_s = office_seconds(Value(clocks.now, output_field=DateTimeField()), clocks.hours, end=True)
    return (
        contacts.annotate(
            rag_code=_rag_code(),
            start_s=office_seconds("received_at", clocks.hours),
        )
        .annotate(
            rag_rank=Case(*ranks, default=Value(clocks.rank(None)), output_field=IntegerField()),
            office_due=_office_due(clocks),
            real_due=_real_due(clocks),
        )
        .annotate(
            due_key=Least(
                "office_due", office_seconds("real_due", clocks.hours, end=True),
                output_field=FloatField(),
            ),
            overdue=ExpressionWrapper(
                Q(office_due__lte=now_s)
                | Q(real_due__isnull=False, real_due__lte=Value(clocks.now)),
                output_field=BooleanField(),
            ),
        )
    )  # fmt: skip


@dataclass(frozen=True)
class Ordered:
    """One stretch of the tray in order, (contact id, RAG rank, household key) each, with
    the counts of every open contact, the overdue and those the filters leave."""

    rows: list[tuple[uuid.UUID, int, uuid.UUID]]
    total: int
    overdue: int
    shown: int


# Every expression is worked out once per open contact (a materialised CTE), then counted,
# grouped and sorted over those values: without it PostgreSQL works the deadline out again
# for the window, the sort and each count.
_ORDERED_SQL = """
WITH t AS MATERIALIZED ({inner}),
counts AS (
    SELECT count(*) AS total, count(*) FILTER (WHERE overdue) AS overdue,
        count(*) FILTER (WHERE matches) AS shown
    FROM t
)
SELECT s.id, s.rag_rank, s.group_key, counts.total, counts.overdue, counts.shown
FROM counts LEFT JOIN (
    SELECT t.*, min(due_key) OVER w AS group_due, min(real_due) OVER w AS group_real
    FROM t WHERE matches
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
    offset: int = 0,
    limit: int = 50,
) -> Ordered:
    """The work tray's order (module docstring), `limit` contacts from `offset` among those
    `matches` (the filters) leaves, in one query. A household's contacts are kept together
    inside a RAG level and placed where the most urgent of them would be; the groups are
    made of the contacts the filters leave."""
    group = Coalesce(_household(viewer), F("pk"), output_field=UUIDField())
    kept = ExpressionWrapper(matches, output_field=BooleanField()) if matches else Value(True)
    inner = (
        with_deadlines(contacts, clocks)
        .annotate(group_key=group, matches=kept)
        .values("id", "rag_rank", "group_key", "due_key", "real_due", "received_at",
                "overdue", "matches")
        .order_by()
    )  # fmt: skip
    sql, params = inner.query.sql_with_params()
    order = ", ".join(f"{'id' if name == 'pk' else name} ASC NULLS LAST" for name in ORDER)
    with connection.cursor() as cursor:
        cursor.execute(_ORDERED_SQL.format(inner=sql, order=order), [*params, limit, offset])
        found = cursor.fetchall()
    total, overdue, shown = found[0][3:]
    return Ordered([(pk, rank, key) for pk, rank, key, *_ in found if pk], total, overdue, shown)
