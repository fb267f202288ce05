"""The SQL office clock (cads_office_seconds) agrees with cads.core.clocks, which every
screen uses: otherwise the dashboard would call late what the work tray called on time."""

from __future__ import annotations

import datetime
import random
from typing import Any

import pytest
from django.db import connection

from cads.core.clocks import LONDON, OfficeHours, add_working_hours, working_time_between
from cads.reporting.calendar import weekday_holidays

pytestmark = pytest.mark.django_db


def london(year: int, month: int, day: int, hour: int, minute: int) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, minute, tzinfo=LONDON)


def seconds(moment: datetime.datetime, hours: OfficeHours, *, end: bool = False) -> float:
    params: Any = [moment, hours.opens, hours.closes, str(hours.tz), list(weekday_holidays()), end]
    with connection.cursor() as cursor:
        cursor.execute("SELECT cads_office_seconds(%s, %s, %s, %s, %s::date[], %s)", params)
        return float(cursor.fetchone()[0])


def on_time(start, done, amount: datetime.timedelta, hours: OfficeHours) -> bool:
    """What the dashboard's SQL decides."""
    return seconds(done, hours, end=True) - seconds(start, hours) <= amount.total_seconds()


@pytest.mark.parametrize(
    ("start", "done", "expected"),
    [
        # One working day from Monday 10:00 is Tuesday 10:00 (cads.core.clocks' examples).
        ((2026, 11, 2, 10, 0), (2026, 11, 3, 10, 0), True),
        ((2026, 11, 2, 10, 0), (2026, 11, 3, 10, 1), False),
        # Friday 16:00 + 1 day = Monday 16:00, across the weekend.
        ((2026, 11, 6, 16, 0), (2026, 11, 9, 15, 59), True),
        ((2026, 11, 6, 16, 0), (2026, 11, 9, 16, 30), False),
        # Saturday: the clock starts Monday 09:00, so Monday 17:00 is due; 17:30 is late.
        ((2026, 11, 7, 11, 0), (2026, 11, 9, 17, 0), True),
        ((2026, 11, 7, 11, 0), (2026, 11, 9, 17, 30), False),
        # Due at closing time: the evening after is late, and so is the next opening.
        ((2026, 11, 3, 9, 0), (2026, 11, 3, 18, 0), False),
        ((2026, 11, 3, 9, 0), (2026, 11, 4, 9, 0), False),
        # Christmas Eve 16:00: Christmas, the weekend and Boxing Day (Monday 28) skipped.
        ((2026, 12, 24, 16, 0), (2026, 12, 29, 15, 59), True),
        ((2026, 12, 24, 16, 0), (2026, 12, 29, 16, 1), False),
    ],
)
def test_one_working_day(start, done, expected) -> None:
    day = datetime.timedelta(hours=8)
    assert on_time(london(*start), london(*done), day, OfficeHours()) is expected


def test_agrees_with_the_python_clock_on_many_moments() -> None:
    rng = random.Random(7)
    hours = OfficeHours(opens=datetime.time(8, 30), closes=datetime.time(17, 30))
    base = datetime.datetime(2026, 3, 20, tzinfo=LONDON)  # across the clocks going forward
    for _ in range(300):
        start = base + datetime.timedelta(minutes=rng.randrange(0, 60 * 24 * 40))
        done = start + datetime.timedelta(minutes=rng.randrange(0, 60 * 24 * 6))
        amount = datetime.timedelta(minutes=rng.choice([30, 240, 540, 1080, 1620]))
        due = add_working_hours(start, amount, hours_config=hours)
        assert on_time(start, done, amount, hours) is (done <= due), (start, done, amount)
        elapsed = seconds(done, hours) - seconds(start, hours)
        assert elapsed == working_time_between(start, done, hours=hours).total_seconds()


def test_holidays_are_the_weekday_bank_holidays() -> None:
    holidays = weekday_holidays()
    assert list(holidays) == sorted(holidays)
    assert datetime.date(2026, 12, 25) in holidays
    assert datetime.date(2026, 12, 28) in holidays  # Boxing Day's substitute
    assert datetime.date(2026, 12, 26) not in holidays  # a Saturday
