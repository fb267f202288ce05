"""Office time as SQL expressions, the twin of cads.deadlines.due for lists worked out in the
database: the work tray's order and overdue count, and the dashboard's clocks (ADR 0015,
ADR 0026).

`cads_office_seconds(t, opens, closes, tz, holidays, as_end)` (created by the reporting
migration 0002; its text is cads.reporting.calendar.OFFICE_SECONDS_SQL) is the office time, in
seconds, from Monday 3 January 2000 to the moment t. It never decreases as t grows, so a
list ordered by the office seconds of its deadlines is ordered by the deadlines; a deadline
on an office clock, `start + amount` of office time, is `office_seconds(start) + amount`.
cads/reporting/tests/test_calendar.py holds it equal to cads.core.clocks."""

from __future__ import annotations

import datetime
import functools
from typing import Any

from django.contrib.postgres.fields import ArrayField
from django.db import connection, models
from django.db.models import Func, Value
from django.db.models.expressions import Combinable

from cads.core.clocks import OfficeHours, is_bank_holiday
from cads.deadlines.models import DurationUnit, RagLevel

EPOCH = datetime.date(2000, 1, 3)  # a Monday: whole weeks from here are five working days
CALENDAR_END = datetime.date(2060, 12, 31)


@functools.cache
def weekday_holidays() -> tuple[datetime.date, ...]:
    """Bank holidays on weekdays from EPOCH to CALENDAR_END, sorted (cads.core.clocks)."""
    days, day = [], EPOCH
    while day <= CALENDAR_END:
        if day.weekday() < 5 and is_bank_holiday(day):
            days.append(day)
        day += datetime.timedelta(days=1)
    return tuple(days)


def office_seconds(moment: Combinable | str, hours: OfficeHours, *, end: bool = False) -> Func:
    """SQL expression: office seconds from EPOCH to `moment` (a field name or expression)."""
    return Func(
        models.F(moment) if isinstance(moment, str) else moment,
        Value(hours.opens, output_field=models.TimeField()),
        Value(hours.closes, output_field=models.TimeField()),
        Value(str(hours.tz), output_field=models.TextField()),
        Value(list(weekday_holidays()), output_field=ArrayField(models.DateField())),
        Value(end, output_field=models.BooleanField()),
        function="cads_office_seconds",
        output_field=models.FloatField(),
    )


def clock_start(moment: str, hours: OfficeHours) -> Func:
    """SQL expression: when the daytime front door's clocks start for a contact received at
    `moment` (cads.deadlines.due.clocks_start, the handover rule of ADR 0030)."""
    return Func(
        models.F(moment),
        Value(hours.opens, output_field=models.TimeField()),
        Value(hours.closes, output_field=models.TimeField()),
        Value(str(hours.tz), output_field=models.TextField()),
        Value(list(weekday_holidays()), output_field=ArrayField(models.DateField())),
        function="cads_clock_start",
        output_field=models.DateTimeField(),
    )


def office_seconds_at(moment: datetime.datetime, hours: OfficeHours) -> float:
    """The same office seconds for one moment (for example now), as an end."""

    params: Any = [moment, hours.opens, hours.closes, str(hours.tz), list(weekday_holidays())]
    with connection.cursor() as cursor:
        cursor.execute("SELECT cads_office_seconds(%s, %s, %s, %s, %s::date[], true)", params)
        return float(cursor.fetchone()[0])


def level_amount(level: RagLevel, hours: OfficeHours) -> datetime.timedelta:
    """The RAG timescale as cads.deadlines.due.level_due counts it: office time, or real
    time for a clock that runs outside office hours (the local rule for red)."""
    if level.duration_unit == DurationUnit.WORKING_HOURS:
        return datetime.timedelta(hours=level.duration_amount)
    if level.runs_outside_office_hours:
        return datetime.timedelta(days=level.duration_amount)
    return level.duration_amount * hours.working_day
