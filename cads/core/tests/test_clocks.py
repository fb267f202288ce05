"""Working-day clocks against a real calendar: bank holidays, weekends, DST, out-of-hours.

Every expected value was counted by hand from `calendar.month(...)` output. Results are
compared as ISO strings so both the local wall-clock time and the UTC offset are checked.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import pytest
from govuk_bank_holidays.bank_holidays import BankHolidays

from cads.core.clocks import (
    LONDON,
    OfficeHours,
    add_working_days,
    add_working_days_to_date,
    add_working_hours,
    bundled_years,
    is_bank_holiday,
    is_out_of_hours,
    is_working_day,
    next_working_moment,
    rule_based_holidays,
    working_time_between,
)


def london(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    """A Europe/London wall-clock moment."""
    return datetime(year, month, day, hour, minute, tzinfo=LONDON)


# --- Bank holidays ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 12, 24), False),  # Christmas Eve, Thursday
        (date(2026, 12, 25), True),  # Christmas Day, Friday
        (date(2026, 12, 28), True),  # Boxing Day falls on Saturday: substitute Monday
        (date(2026, 12, 29), False),
        (date(2021, 12, 27), True),  # Christmas 2021 on Saturday: substitute Monday
        (date(2021, 12, 28), True),  # Boxing Day 2021 on Sunday: substitute Tuesday
        (date(2022, 1, 3), True),  # New Year's Day 2022 on Saturday: substitute Monday
        (date(2022, 12, 26), True),  # Boxing Day, Monday
        (date(2022, 12, 27), True),  # Christmas 2022 on Sunday: substitute Tuesday
        (date(2027, 12, 27), True),  # Christmas 2027 on Saturday: substitute Monday
        (date(2027, 12, 28), True),  # Boxing Day 2027 on Sunday: substitute Tuesday
        (date(2028, 1, 3), True),  # New Year's Day 2028 on Saturday: substitute Monday
        (date(2026, 4, 3), True),  # Good Friday 2026
        (date(2026, 4, 6), True),  # Easter Monday 2026
        (date(2026, 4, 7), False),
        (date(2022, 9, 19), True),  # one-off: state funeral of Queen Elizabeth II
        (date(2023, 5, 8), True),  # one-off: coronation of King Charles III
        (date(2020, 5, 8), True),  # early May holiday moved to VE Day (Friday)
        (date(2020, 5, 4), False),  # ...so the first Monday of May 2020 was a working day
    ],
)
def test_bank_holidays_from_bundled_data(day: date, expected: bool) -> None:
    assert day.year in bundled_years()
    assert is_bank_holiday(day) is expected


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2031, 1, 1), True),  # New Year's Day, Wednesday
        (date(2031, 4, 11), True),  # Good Friday (Easter Sunday 13 April 2031)
        (date(2031, 4, 14), True),  # Easter Monday
        (date(2031, 5, 5), True),  # early May: first Monday (1 May 2031 is a Thursday)
        (date(2031, 5, 26), True),  # spring: last Monday in May
        (date(2031, 8, 25), True),  # summer: last Monday in August
        (date(2031, 12, 25), True),  # Christmas Day, Thursday
        (date(2031, 12, 26), True),  # Boxing Day, Friday
        (date(2031, 12, 29), False),  # no substitute needed
        (date(2032, 12, 27), True),  # Christmas 2032 on Saturday: substitute Monday
        (date(2032, 12, 28), True),  # Boxing Day 2032 on Sunday: substitute Tuesday
        (date(2033, 1, 3), True),  # New Year's Day 2033 on Saturday: substitute Monday
        (date(2011, 12, 26), True),  # before the bundled data: Boxing Day, Monday
        (date(2011, 12, 27), True),  # Christmas 2011 on Sunday: substitute Tuesday
    ],
)
def test_bank_holidays_by_rule_beyond_bundled_data(day: date, expected: bool) -> None:
    assert day.year not in bundled_years()
    assert is_bank_holiday(day) is expected


def test_bundled_data_covers_2012_to_2028() -> None:
    assert (bundled_years().start, bundled_years().stop) == (2012, 2029)


@pytest.mark.parametrize("year", [2013, 2014, 2015, 2016, 2017, 2018, 2019, 2021, 2024, 2027])
def test_rule_matches_govuk_data_in_years_without_one_offs(year: int) -> None:
    bank_holidays = BankHolidays(use_cached_holidays=True)
    events = bank_holidays.get_holidays(division=BankHolidays.ENGLAND_AND_WALES, year=year)
    assert rule_based_holidays(year) == {event["date"] for event in events}


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 3, 28), False),  # Saturday
        (date(2026, 3, 29), False),  # Sunday
        (date(2026, 3, 30), True),  # Monday
        (date(2026, 4, 3), False),  # Good Friday
        (date(2031, 12, 25), False),  # Christmas by rule
    ],
)
def test_is_working_day(day: date, expected: bool) -> None:
    assert is_working_day(day) is expected


def test_bank_holiday_check_refuses_datetimes() -> None:
    with pytest.raises(TypeError):
        is_bank_holiday(london(2026, 12, 25, 10))


# --- Office hours -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("at", "expected"),
    [
        (london(2026, 3, 2, 10), "2026-03-02T10:00:00+00:00"),  # Monday, in hours
        (london(2026, 3, 2, 9), "2026-03-02T09:00:00+00:00"),  # opening moment
        (london(2026, 3, 2, 8, 15), "2026-03-02T09:00:00+00:00"),  # early morning
        (london(2026, 3, 2, 17), "2026-03-03T09:00:00+00:00"),  # closing moment
        (london(2026, 3, 2, 19, 30), "2026-03-03T09:00:00+00:00"),  # evening
        (london(2026, 3, 6, 18), "2026-03-09T09:00:00+00:00"),  # Friday evening
        (london(2026, 3, 7, 11), "2026-03-09T09:00:00+00:00"),  # Saturday
        (london(2026, 4, 6, 8), "2026-04-07T09:00:00+01:00"),  # Easter Monday morning
        (london(2026, 12, 24, 18), "2026-12-29T09:00:00+00:00"),  # Christmas Eve evening
        (datetime(2026, 7, 1, 7, 30, tzinfo=UTC), "2026-07-01T09:00:00+01:00"),  # 08:30 BST
    ],
)
def test_next_working_moment(at: datetime, expected: str) -> None:
    moment = next_working_moment(at)
    assert moment.tzinfo is LONDON
    assert moment.isoformat() == expected


@pytest.mark.parametrize(
    ("at", "expected"),
    [
        (london(2026, 3, 2, 10), False),
        (london(2026, 3, 2, 8, 59), True),
        (london(2026, 3, 2, 9), False),
        (london(2026, 3, 2, 16, 59), False),
        (london(2026, 3, 2, 17), True),
        (london(2026, 3, 7, 11), True),  # Saturday
        (london(2026, 4, 3, 11), True),  # Good Friday
        (datetime(2026, 7, 1, 15, 30, tzinfo=UTC), False),  # 16:30 BST
        (datetime(2026, 7, 1, 16, 30, tzinfo=UTC), True),  # 17:30 BST
    ],
)
def test_is_out_of_hours(at: datetime, expected: bool) -> None:
    assert is_out_of_hours(at) is expected


def test_office_hours_length_and_validation() -> None:
    assert OfficeHours().working_day == timedelta(hours=8)
    assert OfficeHours(opens=time(10), closes=time(16)).working_day == timedelta(hours=6)
    with pytest.raises(ValueError, match="open before"):
        OfficeHours(opens=time(17), closes=time(9))
    with pytest.raises(ValueError, match="naive"):
        OfficeHours(opens=time(9, tzinfo=UTC))


# --- Working-day clocks on a received moment ----------------------------------------------


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        # Working Together 2023: decision within one working day = same time next working day.
        (london(2026, 3, 2, 10), 1, "2026-03-03T10:00:00+00:00"),  # Monday 10:00
        (london(2026, 3, 6, 16), 1, "2026-03-09T16:00:00+00:00"),  # Friday afternoon rollover
        (london(2026, 3, 7, 11), 1, "2026-03-09T17:00:00+00:00"),  # Saturday: starts Mon 09:00
        (london(2026, 3, 2, 19), 1, "2026-03-03T17:00:00+00:00"),  # evening: starts Tue 09:00
        (london(2026, 3, 2, 17), 1, "2026-03-03T17:00:00+00:00"),  # at closing: out of hours
        (london(2026, 3, 2, 9), 1, "2026-03-02T17:00:00+00:00"),  # a whole day used up
        (london(2026, 4, 6, 8, 30), 1, "2026-04-07T17:00:00+01:00"),  # Easter Monday morning
        (london(2026, 4, 2, 15), 1, "2026-04-07T15:00:00+01:00"),  # over the Easter weekend
        (london(2026, 12, 24, 12), 1, "2026-12-29T12:00:00+00:00"),  # over Christmas 2026
        (london(2026, 12, 23, 14), 3, "2026-12-30T14:00:00+00:00"),  # green: 3 working days
        (london(2026, 3, 27, 16), 1, "2026-03-30T16:00:00+01:00"),  # amber over spring DST
        (london(2026, 3, 2, 10), 0, "2026-03-02T10:00:00+00:00"),
        (london(2026, 3, 7, 11), 0, "2026-03-09T09:00:00+00:00"),
    ],
)
def test_add_working_days(start: datetime, days: int, expected: str) -> None:
    assert add_working_days(start, days).isoformat() == expected


@pytest.mark.parametrize(
    ("start", "expected"),
    [
        (london(2026, 3, 6, 16), "2026-03-09T16:00:00+00:00"),  # 30 min Fri + 7h30 Mon
        (london(2026, 3, 2, 15), "2026-03-03T15:00:00+00:00"),  # 1h30 Mon + 6h30 Tue
    ],
)
def test_add_working_days_with_configured_hours(start: datetime, expected: str) -> None:
    hours = OfficeHours(opens=time(8, 30), closes=time(16, 30))
    assert add_working_days(start, 1, hours=hours).isoformat() == expected


# --- Working-hour clocks ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "duration", "expected"),
    [
        (london(2026, 3, 2, 15), 4, "2026-03-03T11:00:00+00:00"),  # 2h Mon + 2h Tue
        (london(2026, 3, 2, 16, 30), timedelta(minutes=90), "2026-03-03T10:00:00+00:00"),
        (london(2026, 3, 2, 10), 0.5, "2026-03-02T10:30:00+00:00"),
        (london(2026, 3, 7, 22), 4, "2026-03-09T13:00:00+00:00"),  # Saturday night contact
        # A working clock spanning each DST change counts 8 real office hours.
        (london(2026, 3, 27, 15), 8, "2026-03-30T15:00:00+01:00"),  # GMT -> BST
        (london(2026, 10, 23, 15), 8, "2026-10-26T15:00:00+00:00"),  # BST -> GMT
        (datetime(2026, 7, 1, 15, tzinfo=UTC), 2, "2026-07-02T10:00:00+01:00"),  # 16:00 BST
    ],
)
def test_add_working_hours(start: datetime, duration: float | timedelta, expected: str) -> None:
    assert add_working_hours(start, duration).isoformat() == expected


@pytest.mark.parametrize(
    ("start", "expected"),
    [
        # Local RAG rule: red = 4 hours that keep running outside office hours.
        (london(2026, 3, 2, 15), "2026-03-02T19:00:00+00:00"),  # not Tue 11:00
        (london(2026, 3, 6, 20), "2026-03-07T00:00:00+00:00"),  # Friday night
        (london(2026, 12, 25, 10), "2026-12-25T14:00:00+00:00"),  # Christmas Day
        # 01:00 GMT becomes 02:00 BST on 29 March 2026: 4 real hours end at 04:00 local.
        (london(2026, 3, 28, 23), "2026-03-29T04:00:00+01:00"),
        # 02:00 BST becomes 01:00 GMT on 25 October 2026: 4 real hours end at 02:00 local.
        (london(2026, 10, 24, 23), "2026-10-25T02:00:00+00:00"),
    ],
)
def test_red_clock_keeps_running(start: datetime, expected: str) -> None:
    assert add_working_hours(start, 4, keeps_running=True).isoformat() == expected


@pytest.mark.parametrize(
    "call",
    [
        lambda: add_working_hours(london(2026, 3, 2, 10), -1),
        lambda: add_working_days(london(2026, 3, 2, 10), -1),
        lambda: add_working_days_to_date(date(2026, 3, 2), -1),
    ],
)
def test_clocks_cannot_run_backwards(call: Callable[[], Any]) -> None:
    with pytest.raises(ValueError, match="backwards"):
        call()


NAIVE = datetime.fromisoformat("2026-03-02T10:00:00")


@pytest.mark.parametrize(
    "call",
    [
        lambda: add_working_hours(NAIVE, 4),
        lambda: add_working_hours(NAIVE, 4, keeps_running=True),
        lambda: add_working_days(NAIVE, 1),
        lambda: next_working_moment(NAIVE),
        lambda: is_out_of_hours(NAIVE),
        lambda: working_time_between(NAIVE, london(2026, 3, 3, 10)),
        lambda: working_time_between(london(2026, 3, 1, 10), NAIVE),
    ],
)
def test_naive_datetimes_rejected(call: Callable[[], Any]) -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        call()


# --- Date-based statutory clocks ----------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "days", "expected"),
    [
        (date(2026, 3, 6), 1, date(2026, 3, 9)),  # Friday + 1 = Monday
        (date(2026, 3, 2), 1, date(2026, 3, 3)),
        (date(2026, 3, 7), 1, date(2026, 3, 9)),  # Saturday referral
        (date(2026, 4, 2), 1, date(2026, 4, 7)),  # over Good Friday and Easter Monday
        (date(2026, 3, 2), 0, date(2026, 3, 2)),
        # Working Together 2023: assessment within 45 working days of referral. From Monday
        # 16 Nov 2026, skipping 25 and 28 Dec 2026 and 1 Jan 2027, day 45 is Thu 21 Jan 2027.
        (date(2026, 11, 16), 45, date(2027, 1, 21)),
        # Same rule by fallback: skipping 25, 26 Dec 2031 and 1 Jan 2032 gives Thu 8 Jan 2032.
        (date(2031, 11, 3), 45, date(2032, 1, 8)),
        # Working Together 2023: initial child protection conference within 15 working days
        # of the strategy discussion; Easter 2026 pushes it from 13 to 15 April.
        (date(2026, 3, 23), 15, date(2026, 4, 15)),
        # Christmas 2027 substitutes (27, 28 Dec) and New Year 2028 (3 Jan): Thu 13 Jan 2028.
        (date(2027, 12, 20), 15, date(2028, 1, 13)),
    ],
)
def test_add_working_days_to_date(day: date, days: int, expected: date) -> None:
    assert add_working_days_to_date(day, days) == expected


# --- Elapsed working time -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (london(2026, 3, 2, 10), london(2026, 3, 3, 10), timedelta(hours=8)),
        (london(2026, 3, 6, 16), london(2026, 3, 9, 10), timedelta(hours=2)),  # over weekend
        (london(2026, 3, 7, 10), london(2026, 3, 8, 18), timedelta(0)),  # weekend only
        (london(2026, 3, 27, 9), london(2026, 3, 30, 17), timedelta(hours=16)),  # spring DST
        (london(2026, 12, 24, 9), london(2026, 12, 29, 17), timedelta(hours=16)),  # Christmas
        (london(2026, 3, 2, 18), london(2026, 3, 2, 10), timedelta(0)),  # end before start
        (london(2026, 3, 2, 10), london(2026, 3, 2, 10), timedelta(0)),
        (datetime(2026, 7, 1, 7, tzinfo=UTC), london(2026, 7, 1, 12), timedelta(hours=3)),
    ],
)
def test_working_time_between(start: datetime, end: datetime, expected: timedelta) -> None:
    assert working_time_between(start, end) == expected


@pytest.mark.parametrize(
    "start",
    [
        london(2026, 3, 2, 10),
        london(2026, 3, 6, 16),
        london(2026, 3, 7, 11),
        london(2026, 4, 6, 8, 30),
        london(2026, 10, 23, 15),
        london(2026, 12, 23, 14),
    ],
)
@pytest.mark.parametrize("hours", [0.5, 4, 8, 45 * 8])
def test_working_time_between_inverts_add_working_hours(start: datetime, hours: float) -> None:
    deadline = add_working_hours(start, hours)
    assert working_time_between(start, deadline) == timedelta(hours=hours)
